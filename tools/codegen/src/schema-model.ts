import {
  createFileRegistry,
  type DescField,
  type DescMessage,
  fromBinary,
  ScalarType,
} from "@bufbuild/protobuf";
import { FileDescriptorSetSchema } from "@bufbuild/protobuf/wkt";
import { withoutDeclines } from "./compare/decisions.js";

/** A field as the diff report and the renderers see it: enough to spot renumbering and retyping. */
export interface FieldModel {
  name: string;
  /** camelCase property name in the generated TypeScript. */
  localName: string;
  number: number;
  /** e.g. `string`, `int64`, `webcast.User`, `repeated webcast.Image`, `map<string, string>`. */
  type: string;
  /** TypeScript type of the property in ts-proto's output. */
  tsType: string;
  /** Set for singular message fields, which ts-proto leaves `undefined` when absent. */
  messageTsName?: string;
  /** Schema file that defines the message type of a singular message field. */
  messageFile?: string;
}

export interface MessageModel {
  /** Fully-qualified proto name without the package, nested ones joined by dots. */
  name: string;
  /** The TypeScript symbol ts-proto emits (`Outer_Inner` for nested types). */
  tsName: string;
  /** Schema file relative to the schema root, e.g. `webcast/chat.proto`. */
  file: string;
  topLevel: boolean;
  fields: FieldModel[];
  /** Leading comment of the message in the schema, if any. */
  doc: string;
}

export interface EnumModel {
  tsName: string;
  file: string;
  topLevel: boolean;
}

/** A schema file and the schema files it imports (ours only, direct imports). */
export interface FileModel {
  file: string;
  imports: string[];
}

export interface SchemaModel {
  messages: MessageModel[];
  enums: EnumModel[];
  /** Our schema files in dependency order: every file comes after the files it imports. */
  files: FileModel[];
}

/** Proto scalar type names by descriptor enum value (also read by the compare tool). */
export const scalarNames: Record<number, string> = {
  [ScalarType.DOUBLE]: "double",
  [ScalarType.FLOAT]: "float",
  [ScalarType.INT64]: "int64",
  [ScalarType.UINT64]: "uint64",
  [ScalarType.INT32]: "int32",
  [ScalarType.FIXED64]: "fixed64",
  [ScalarType.FIXED32]: "fixed32",
  [ScalarType.BOOL]: "bool",
  [ScalarType.STRING]: "string",
  [ScalarType.BYTES]: "bytes",
  [ScalarType.UINT32]: "uint32",
  [ScalarType.SFIXED32]: "sfixed32",
  [ScalarType.SFIXED64]: "sfixed64",
  [ScalarType.SINT32]: "sint32",
  [ScalarType.SINT64]: "sint64",
};

const longScalars = new Set<number>([
  ScalarType.INT64,
  ScalarType.UINT64,
  ScalarType.FIXED64,
  ScalarType.SFIXED64,
  ScalarType.SINT64,
]);

function scalarTs(t: ScalarType): string {
  if (longScalars.has(t)) return "bigint";
  if (t === ScalarType.BOOL) return "boolean";
  if (t === ScalarType.STRING) return "string";
  if (t === ScalarType.BYTES) return "Uint8Array";
  return "number";
}

function protoName(typeName: string): string {
  return typeName.replace(/^webcast\./, "");
}

/** ts-proto joins nested names with `_`. */
export function tsNameOf(typeName: string): string {
  return protoName(typeName).replaceAll(".", "_");
}

/** The element type of a list or the value type of a map, in proto and TypeScript spelling. */
function elementOf(
  f: Extract<DescField, { fieldKind: "list" | "map" }>,
  kind: "scalar" | "enum" | "message",
): { type: string; ts: string } {
  const g = f as { scalar?: ScalarType; enum?: { typeName: string }; message?: { typeName: string } };
  if (kind === "scalar") return { type: scalarNames[g.scalar!]!, ts: scalarTs(g.scalar!) };
  const typeName = (kind === "enum" ? g.enum : g.message)!.typeName;
  return { type: typeName, ts: tsNameOf(typeName) };
}

function describeField(f: DescField): FieldModel {
  const base = { name: f.name, localName: f.localName, number: f.number };
  switch (f.fieldKind) {
    case "scalar":
      return { ...base, type: scalarNames[f.scalar]!, tsType: scalarTs(f.scalar) };
    case "enum":
      return { ...base, type: f.enum.typeName, tsType: tsNameOf(f.enum.typeName) };
    case "message":
      return {
        ...base,
        type: f.message.typeName,
        tsType: tsNameOf(f.message.typeName),
        messageTsName: tsNameOf(f.message.typeName),
        messageFile: `${f.message.file.name}.proto`,
      };
    case "list": {
      const inner = elementOf(f, f.listKind);
      return { ...base, type: `repeated ${inner.type}`, tsType: `${inner.ts}[]` };
    }
    case "map": {
      const key = scalarNames[f.mapKey]!;
      const value = elementOf(f, f.mapKind);
      // ts-proto cannot use bigint as an object key, so 64-bit keys get a Map.
      const keyTs = scalarTs(f.mapKey);
      const tsType = keyTs === "bigint" ? `Map<bigint, ${value.ts}>` : `{ [key: ${keyTs}]: ${value.ts} }`;
      return { ...base, type: `map<${key}, ${value.type}>`, tsType };
    }
  }
}

/**
 * SourceCodeInfo path of a nested message. The path indexes `nested_type` as
 * declared, map entries included, while `nestedMessages` leaves map entries out:
 * after a map field the two indices differ, and the position in `nestedMessages`
 * would point at a sibling's comment.
 */
export function nestedPath(parent: DescMessage, nested: DescMessage, path: number[]): number[] {
  return [...path, 3, parent.proto.nestedType.indexOf(nested.proto)];
}

/** Leading comment of the message at `path` (descriptor.proto's SourceCodeInfo path). */
function leadingComment(desc: DescMessage, path: number[]): string {
  const locations = desc.file.proto.sourceCodeInfo?.location ?? [];
  const hit = locations.find((l) => l.path.length === path.length && l.path.every((v, i) => v === path[i]));
  return withoutDeclines(hit?.leadingComments ?? "")
    .trim()
    .replace(/\s*\n\s*/g, " ");
}

function collect(desc: DescMessage, path: number[], out: MessageModel[], enums: EnumModel[]): void {
  for (const e of desc.nestedEnums)
    enums.push({ tsName: tsNameOf(e.typeName), file: `${e.file.name}.proto`, topLevel: false });
  out.push({
    name: protoName(desc.typeName),
    tsName: tsNameOf(desc.typeName),
    file: `${desc.file.name}.proto`,
    topLevel: desc.parent === undefined,
    fields: desc.fields.map(describeField),
    doc: leadingComment(desc, path),
  });
  for (const nested of desc.nestedMessages) collect(nested, nestedPath(desc, nested, path), out, enums);
}

/** Builds the model from a compiled FileDescriptorSet, skipping imports that are not ours. */
export function loadSchemaModel(descriptorSet: Uint8Array): SchemaModel {
  const set = fromBinary(FileDescriptorSetSchema, descriptorSet);
  const registry = createFileRegistry(set);
  const messages: MessageModel[] = [];
  const enums: EnumModel[] = [];
  const files: FileModel[] = [];
  for (const file of registry.files) {
    if (!file.name.startsWith("webcast/")) continue;
    files.push({
      file: `${file.name}.proto`,
      imports: file.dependencies
        .filter((d) => d.name.startsWith("webcast/"))
        .map((d) => `${d.name}.proto`)
        .sort(),
    });
    for (const e of file.enums)
      enums.push({ tsName: tsNameOf(e.typeName), file: `${file.name}.proto`, topLevel: true });
    for (const [i, m] of file.messages.entries()) collect(m, [4, i], messages, enums);
  }
  messages.sort((a, b) => a.name.localeCompare(b.name));
  enums.sort((a, b) => a.tsName.localeCompare(b.tsName));
  return { messages, enums, files: dependencyOrder(files) };
}

/** Sorts files so imports come first (protoc forbids import cycles), ties by name. */
function dependencyOrder(files: FileModel[]): FileModel[] {
  const byName = new Map(files.map((f) => [f.file, f]));
  const done = new Set<string>();
  const out: FileModel[] = [];
  const visit = (f: FileModel): void => {
    if (done.has(f.file)) return;
    done.add(f.file);
    for (const i of f.imports) {
      const dep = byName.get(i);
      if (dep) visit(dep);
    }
    out.push(f);
  };
  for (const f of [...files].sort((a, b) => a.file.localeCompare(b.file))) visit(f);
  return out;
}
