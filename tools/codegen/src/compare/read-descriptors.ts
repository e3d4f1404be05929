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
import type { FieldShape, WireField, WireMessage, WireSchema } from "./wire-model.js";

/**
 * A note that a conflict with a reference was looked at and settled, written
 * next to the field in our schema: `// decided: v3 says string; the wire says …`.
 * It may sit in the leading or the trailing comment, on a line of its own.
 */
const decisionPattern = /(?:^|\n)\s*decided(?:\s*\([^)]*\))?:\s*(.+)/;

export function decisionIn(comment: string | undefined): string | undefined {
  const hit = comment ? decisionPattern.exec(comment) : null;
  return hit?.[1]?.trim();
}

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

function commentsAt(file: DescFile, path: number[]): string {
  const loc = file.proto.sourceCodeInfo?.location.find(
    (l) => l.path.length === path.length && l.path.every((v, i) => v === path[i]),
  );
  return [loc?.leadingComments, loc?.trailingComments].filter(Boolean).join("\n");
}

function collect(desc: DescMessage, path: number[], out: Map<string, WireMessage>): void {
  const fields: WireField[] = desc.fields.map((f) => {
    const index = desc.proto.field.findIndex((p) => p.number === f.number);
    const decided = decisionIn(commentsAt(desc.file, [...path, 2, index]));
    return { number: f.number, name: f.name, ...shapeOf(f), ...(decided ? { decided } : {}) };
  });
  out.set(desc.typeName, {
    id: desc.typeName,
    name: desc.name,
    topLevel: desc.parent === undefined,
    file: `${desc.file.name}.proto`,
    fields,
  });
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
