/**
 * The neutral picture of a schema that `schema:compare` works on: messages,
 * their field numbers and what each field looks like on the wire. Both our
 * descriptors and a reference (a `.proto` tree or a ts-proto binding) are read
 * into this shape, so one comparison serves every kind of reference.
 */

/** Protobuf wire types, by their number in a tag. */
export type WireType = "varint" | "fixed64" | "len" | "fixed32";

/** What a field holds; `enum` is kept apart from `int32` because bindings without descriptors cannot tell them apart. */
export type FieldShape =
  | { kind: "scalar"; scalar: string }
  | { kind: "enum"; name: string }
  | { kind: "message"; message: string }
  | { kind: "map"; key: string; value: FieldShape };

export interface WireField {
  number: number;
  name: string;
  repeated: boolean;
  shape: FieldShape;
  /** Text of a `decided:` note next to the field (ours only): a conflict on this field was looked at. */
  decided?: string;
}

export interface WireMessage {
  /** Unique key within its schema (a fully-qualified name, or a binding's symbol). */
  id: string;
  /** Short display name: the last segment of the proto name. */
  name: string;
  /** Declared at file level (push messages are), not nested in another message. */
  topLevel: boolean;
  /** Source file, when known (`webcast/gift.proto`, or the binding's module path). */
  file?: string;
  fields: WireField[];
  /**
   * Field numbers a reference has and we chose not to declare, from
   * `decided(not 3, 5-7): why` lines in the message's leading comment (ours only).
   */
  declined?: Declined[];
}

/** One `decided(not …)` note: inclusive number ranges and the reason. */
export interface Declined {
  ranges: Array<[number, number]>;
  note: string;
}

/** The reason a number was declined, if a `decided(not …)` note covers it. */
export function declinedNote(m: WireMessage, number: number): string | undefined {
  return m.declined?.find((d) => d.ranges.some(([lo, hi]) => number >= lo && number <= hi))?.note;
}

export interface WireSchema {
  /** Where it came from, for the report. */
  label: string;
  messages: Map<string, WireMessage>;
}

const varintScalars = new Set(["int32", "int64", "uint32", "uint64", "sint32", "sint64", "bool"]);
const fixed64Scalars = new Set(["fixed64", "sfixed64", "double"]);
const fixed32Scalars = new Set(["fixed32", "sfixed32", "float"]);

/** The wire type of one element of a field (packed repeated scalars still decode element by element). */
export function wireTypeOf(shape: FieldShape): WireType {
  if (shape.kind === "enum") return "varint";
  if (shape.kind !== "scalar") return "len";
  if (varintScalars.has(shape.scalar)) return "varint";
  if (fixed64Scalars.has(shape.scalar)) return "fixed64";
  if (fixed32Scalars.has(shape.scalar)) return "fixed32";
  return "len";
}

/** Proto spelling of a shape, with message ids shortened to names through `nameOf`. */
export function describeShape(shape: FieldShape, nameOf: (id: string) => string = (id) => id): string {
  switch (shape.kind) {
    case "scalar":
      return shape.scalar;
    case "enum":
      return `enum ${shape.name}`;
    case "message":
      return nameOf(shape.message);
    case "map":
      return `map<${shape.key}, ${describeShape(shape.value, nameOf)}>`;
  }
}

/** The message a field points at (directly, as list element, or as map value), if any. */
export function messageOf(shape: FieldShape): string | undefined {
  if (shape.kind === "message") return shape.message;
  if (shape.kind === "map") return messageOf(shape.value);
  return undefined;
}
