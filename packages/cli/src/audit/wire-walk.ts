/**
 * Walks a raw protobuf payload against the schema's field table (the
 * `schemaFields` of `@tiktok-live/proto/codecs`) and reports every place where
 * the wire and the schema disagree: fields the schema does not have, and
 * fields whose wire type (or nested content) is not what the schema declares.
 * It reads the bytes itself rather than through the codecs, which by design
 * step over such fields without a trace.
 */

/** message → field number → "name type" (see schemaFields). */
export type FieldTable = Readonly<Record<string, Readonly<Record<string, string>>>>;

export interface WireFinding {
  kind: "unknown-field" | "wire-type-conflict";
  /** e.g. `user.user_attr.#7` (unknown field 7 of User.user_attr) or `user.user_attr.admin_permissions`. */
  path: string;
  /** Message type that holds the field. */
  message: string;
  field: number;
  wireType: number;
  /** For conflicts: what the schema declares, e.g. `map<int32, int32>`. */
  declared?: string;
  /** A short rendering of the value found. */
  example: string;
}

const varintTypes = new Set(["int32", "int64", "uint32", "uint64", "sint32", "sint64", "bool", "enum"]);
const fixed64Types = new Set(["fixed64", "sfixed64", "double"]);
const fixed32Types = new Set(["fixed32", "sfixed32", "float"]);

/** The wire type a declared scalar or message type is written with. */
function wireTypeOf(type: string): number {
  if (varintTypes.has(type)) return 0;
  if (fixed64Types.has(type)) return 1;
  if (fixed32Types.has(type)) return 5;
  return 2;
}

interface Declared {
  name: string;
  /** The full declared type, e.g. `repeated webcast.Image`. */
  type: string;
  /** Wire types that are correct for it (a repeated number may also come packed). */
  wireTypes: number[];
  /** Message to descend into, for message fields and maps whose value is a message (the entry is walked). */
  nested?: { message: string } | { mapValue: string | undefined };
}

function declare(spec: string): Declared {
  const space = spec.indexOf(" ");
  const name = spec.slice(0, space);
  const type = spec.slice(space + 1);
  if (type.startsWith("map<")) {
    const value = type.slice(type.indexOf(",") + 1, -1).trim();
    return {
      name,
      type,
      wireTypes: [2],
      nested: { mapValue: value.startsWith("webcast.") ? value.slice(8) : undefined },
    };
  }
  const repeated = type.startsWith("repeated ");
  const element = repeated ? type.slice(9) : type;
  if (element.startsWith("webcast."))
    return { name, type, wireTypes: [2], nested: { message: element.slice(8) } };
  const wire = wireTypeOf(element);
  return { name, type, wireTypes: repeated && wire !== 2 ? [wire, 2] : [wire] };
}

class Reader {
  pos = 0;
  constructor(
    readonly bytes: Uint8Array,
    readonly end = bytes.length,
  ) {}
  varint(): bigint {
    let result = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (this.pos >= this.end) throw new RangeError("varint runs past the end");
      const b = this.bytes[this.pos++]!;
      result |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return result;
    }
    throw new RangeError("varint too long");
  }
  take(n: number): Uint8Array {
    if (this.pos + n > this.end) throw new RangeError("field runs past the end of its message");
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Control characters other than tab, newline and carriage return. */
function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return true;
  }
  return false;
}

/** A readable sample of a value: a number, a quoted string, or the first bytes in hex. */
export function sample(wireType: number, value: bigint | Uint8Array): string {
  if (typeof value === "bigint") return value.toString();
  let text: string | undefined;
  try {
    text = utf8.decode(value);
  } catch {
    text = undefined;
  }
  // Printable text reads as text; anything with control characters is more likely a message.
  if (text !== undefined && !hasControlCharacters(text))
    return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
  const hex = [...value.subarray(0, 24)].map((b) => b.toString(16).padStart(2, "0")).join(" ");
  return `${wireType === 2 ? `${value.length} bytes: ` : ""}${hex}${value.length > 24 ? " …" : ""}`;
}

/** Reads one field's value; throws if the wire type is invalid or the value is cut short. */
function readValue(r: Reader, wireType: number): bigint | Uint8Array {
  switch (wireType) {
    case 0:
      return r.varint();
    case 1:
      return r.take(8);
    case 2:
      return r.take(Number(r.varint()));
    case 5:
      return r.take(4);
    default:
      throw new RangeError(`invalid wire type ${wireType}`);
  }
}

/** Whether `bytes` parse as a sequence of well-formed fields (a message of some shape). */
function parsesAsMessage(bytes: Uint8Array): boolean {
  const r = new Reader(bytes);
  try {
    while (r.pos < r.end) {
      const tag = Number(r.varint());
      if (tag >>> 3 === 0) return false;
      readValue(r, tag & 7);
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * Walks `bytes` as message `message` of `table`, calling `report` for each
 * finding. Returns false when the bytes are not a well-formed message at all
 * (the caller then reports the field that held them).
 */
export function walkMessage(
  table: FieldTable,
  message: string,
  bytes: Uint8Array,
  path: string,
  report: (finding: WireFinding) => void,
  depth = 0,
): boolean {
  if (!parsesAsMessage(bytes)) return false;
  const fields = table[message] ?? {};
  const r = new Reader(bytes);
  const pending: WireFinding[] = [];
  while (r.pos < r.end) {
    const tag = Number(r.varint());
    const field = tag >>> 3;
    const wireType = tag & 7;
    const value = readValue(r, wireType);
    const spec = fields[String(field)];
    const at = path ? `${path}.` : "";
    if (spec === undefined) {
      pending.push({
        kind: "unknown-field",
        path: `${at}#${field}`,
        message,
        field,
        wireType,
        example: sample(wireType, value),
      });
      continue;
    }
    const d = declare(spec);
    const conflict = (): WireFinding => ({
      kind: "wire-type-conflict",
      path: `${at}${d.name}`,
      message,
      field,
      wireType,
      declared: d.type,
      example: sample(wireType, value),
    });
    if (!d.wireTypes.includes(wireType)) {
      pending.push(conflict());
      continue;
    }
    if (!d.nested || !(value instanceof Uint8Array) || depth > 64) continue;
    const ok =
      "message" in d.nested
        ? walkMessage(table, d.nested.message, value, `${at}${d.name}`, report, depth + 1)
        : walkMapEntry(table, d.nested.mapValue, value, `${at}${d.name}`, report, depth + 1);
    if (!ok) pending.push(conflict());
  }
  for (const f of pending) report(f);
  return true;
}

/** A map entry: key = 1, value = 2; only a message value has anything to descend into. */
function walkMapEntry(
  table: FieldTable,
  valueMessage: string | undefined,
  bytes: Uint8Array,
  path: string,
  report: (finding: WireFinding) => void,
  depth: number,
): boolean {
  if (!parsesAsMessage(bytes)) return false;
  if (valueMessage === undefined) return true;
  const r = new Reader(bytes);
  while (r.pos < r.end) {
    const tag = Number(r.varint());
    const value = readValue(r, tag & 7);
    if (
      tag === 18 &&
      value instanceof Uint8Array &&
      !walkMessage(table, valueMessage, value, path, report, depth)
    )
      return false;
  }
  return true;
}
