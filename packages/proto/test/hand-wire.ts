/**
 * A deliberately tiny protobuf writer for tests, written from the wire-format
 * spec rather than with the generated encoders, so decoding is checked
 * against bytes the codecs did not produce.
 */
const utf8 = new TextEncoder();

export function varint(value: bigint | number): number[] {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) byte |= 0x80;
    out.push(byte);
  } while (v !== 0n);
  return out;
}

const tag = (field: number, wireType: number) => varint((field << 3) | wireType);

/** A field as raw bytes; concatenate fields to make a message. */
export type Field = number[];

export const int = (field: number, value: bigint | number | boolean): Field => [
  ...tag(field, 0),
  ...varint(typeof value === "boolean" ? (value ? 1 : 0) : value),
];
export const bytes = (field: number, value: Uint8Array | number[]): Field => [
  ...tag(field, 2),
  ...varint(value.length),
  ...value,
];
export const str = (field: number, value: string): Field => bytes(field, [...utf8.encode(value)]);
export const msg = (field: number, ...fields: Field[]): Field => bytes(field, fields.flat());
/** A map entry is a nested message with key = 1 and value = 2. */
export const mapEntry = (field: number, key: Field, value: Field): Field => msg(field, key, value);

export function message(...fields: Field[]): Uint8Array {
  return new Uint8Array(fields.flat());
}
