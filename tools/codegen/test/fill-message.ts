import type { FieldShape, WireField, WireSchema } from "../src/compare/wire-model.js";

/**
 * A value for every field of a ts-proto message (64-bit integers as strings,
 * as the v3 binding spells them), none of them the default: numbers depend on
 * the field number, 64-bit ones exceed 32 bits so a narrower field shows, lists
 * and maps hold two entries. A message type already being filled further up
 * is left out, so recursive types end.
 */
export function fillMessage(schema: WireSchema, id: string, stack: string[] = []): Record<string, unknown> {
  const message = schema.messages.get(id);
  if (!message) throw new Error(`no message ${id}`);
  const out: Record<string, unknown> = {};
  const inner = [...stack, id];
  for (const f of message.fields) {
    const value = (i: number, shape: FieldShape = f.shape): unknown => scalarOr(schema, shape, f, i, inner);
    if (f.shape.kind === "map") {
      const map: Record<string, unknown> = {};
      for (const i of [1, 2]) {
        const v = value(i, f.shape.value);
        if (v !== undefined) map[mapKey(f.shape.key, i)] = v;
      }
      out[f.name] = map;
    } else if (f.repeated) out[f.name] = [1, 2].map((i) => value(i)).filter((v) => v !== undefined);
    else {
      const v = value(1);
      if (v !== undefined) out[f.name] = v;
    }
  }
  return out;
}

function mapKey(scalar: string, i: number): string {
  return scalar === "string" ? `key${i}` : String(i + 40);
}

function scalarOr(schema: WireSchema, shape: FieldShape, f: WireField, i: number, stack: string[]): unknown {
  if (shape.kind === "message")
    return stack.includes(shape.message) ? undefined : fillMessage(schema, shape.message, stack);
  if (shape.kind !== "scalar") throw new Error(`unexpected ${shape.kind} in a ts-proto model`);
  const n = f.number * 10 + i;
  switch (shape.scalar) {
    case "bool":
      return true;
    case "string":
      return `${f.name}-${i}`;
    case "bytes":
      return new Uint8Array([i, n & 255, 7]);
    case "double":
      return n + 0.25;
    case "float":
      return n + 0.5;
    case "int64":
    case "uint64":
    case "sint64":
    case "fixed64":
    case "sfixed64":
      return String(2 ** 40 + n);
    default:
      return n + 1000;
  }
}

/** A short description of where two decoded messages first differ, for the report. */
export function firstDifference(a: unknown, b: unknown, path = ""): string {
  if (typeof a !== "object" || a === null || typeof b !== "object" || b === null)
    return `${path || "."}: ${JSON.stringify(a)} became ${JSON.stringify(b)}`;
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = (a as Record<string, unknown>)[key];
    const y = (b as Record<string, unknown>)[key];
    if (JSON.stringify(x) !== JSON.stringify(y)) return firstDifference(x, y, `${path}.${key}`);
  }
  return `${path}: differs`;
}
