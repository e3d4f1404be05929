import {
  createFileRegistry,
  type DescField,
  type DescFile,
  type DescMessage,
  fromBinary,
  type ScalarType,
} from "@bufbuild/protobuf";
import { FileDescriptorSetSchema } from "@bufbuild/protobuf/wkt";
import { nestedPath, scalarNames } from "../schema-model.js";
import { decisionIn, declinesIn } from "./decisions.js";
import {
  declinedNote,
  type FieldShape,
  type WireField,
  type WireMessage,
  type WireSchema,
} from "./wire-model.js";

function valueShape(kind: "scalar" | "enum" | "message", f: DescField): FieldShape {
  const g = f as { scalar?: ScalarType; enum?: { typeName: string }; message?: { typeName: string } };
  if (kind === "scalar") return { kind: "scalar", scalar: scalarNames[g.scalar!]! };
  if (kind === "enum") return { kind: "enum", name: g.enum!.typeName };
  return { kind: "message", message: g.message!.typeName };
}

function shapeOf(f: DescField): { shape: FieldShape; repeated: boolean } {
  switch (f.fieldKind) {
    case "scalar":
      return { shape: { kind: "scalar", scalar: scalarNames[f.scalar]! }, repeated: false };
    case "enum":
      return { shape: { kind: "enum", name: f.enum.typeName }, repeated: false };
    case "message":
      return { shape: { kind: "message", message: f.message.typeName }, repeated: false };
    case "list":
      return { shape: valueShape(f.listKind, f), repeated: true };
    case "map":
      return {
        shape: { kind: "map", key: scalarNames[f.mapKey]!, value: valueShape(f.mapKind, f) },
        repeated: false,
      };
  }
}

function locationAt(file: DescFile, path: number[]) {
  return file.proto.sourceCodeInfo?.location.find(
    (l) => l.path.length === path.length && l.path.every((v, i) => v === path[i]),
  );
}

function commentsAt(file: DescFile, path: number[]): string {
  const loc = locationAt(file, path);
  return [loc?.leadingComments, loc?.trailingComments].filter(Boolean).join("\n");
}

const leadingCommentAt = (file: DescFile, path: number[]): string =>
  locationAt(file, path)?.leadingComments ?? "";

function collect(desc: DescMessage, path: number[], out: Map<string, WireMessage>): void {
  const fields: WireField[] = desc.fields.map((f) => {
    const index = desc.proto.field.findIndex((p) => p.number === f.number);
    const decided = decisionIn(commentsAt(desc.file, [...path, 2, index]));
    return { number: f.number, name: f.name, ...shapeOf(f), ...(decided ? { decided } : {}) };
  });
  const declined = declinesIn(leadingCommentAt(desc.file, path));
  const message: WireMessage = {
    id: desc.typeName,
    name: desc.name,
    topLevel: desc.parent === undefined,
    file: `${desc.file.name}.proto`,
    fields,
    ...(declined.length > 0 ? { declined } : {}),
  };
  // A number both declared and declined is a stale note: the field was added after all.
  const stale = fields.find((f) => declinedNote(message, f.number) !== undefined);
  if (stale)
    throw new Error(`${desc.typeName}: field ${stale.number} is declared and also in a decided(not …) note`);
  out.set(desc.typeName, message);
  for (const nested of desc.nestedMessages) collect(nested, nestedPath(desc, nested, path), out);
}

/** Reads a compiled FileDescriptorSet (with source info for the decisions), skipping google/protobuf imports. */
export function readDescriptorSet(bytes: Uint8Array, label: string): WireSchema {
  const registry = createFileRegistry(fromBinary(FileDescriptorSetSchema, bytes));
  const messages = new Map<string, WireMessage>();
  for (const file of registry.files) {
    if (file.name.startsWith("google/protobuf/")) continue;
    for (const [i, m] of file.messages.entries()) collect(m, [4, i], messages);
  }
  return { label, messages };
}
