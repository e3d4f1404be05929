import { BinaryReader } from "@bufbuild/protobuf/wire";
import { closeSkipLog, noteBadContent, openSkipLog, type SkippedField } from "./skipped-fields.js";

// The generated lazy classes import every helper from here.
export { fieldsSet, inspectCustom } from "./inspect.js";

/**
 * Nested messages decoded on first read. Most handlers read a few top-level
 * fields and the user's nickname; decoding every avatar URL list, badge and
 * image of every message was most of the decode time on real-sized traffic.
 * The generated `decodeLazy` (tools/codegen/src/lazy-nested.ts) reads a
 * message's scalars and notes where each message-typed field starts; the
 * generated class's getter decodes that field from the same bytes when it is
 * first read. `decode` stays eager.
 */

/** Where a lazily decoded message's bytes are, and what its decoding skipped so far. */
export class LazyRoot {
  /** Reader over the event's own copy of the payload, shared by every nested decode of it. */
  readonly reader: BinaryReader;
  /** Fields skipped so far (top level at once, nested ones when they are read). */
  skipped: SkippedField[] | undefined = undefined;
  /** Counter that also receives the skipped-field count, as skips are found (the client's decode stats). */
  stats: { skippedFields: number } | undefined = undefined;

  constructor(bytes: Uint8Array) {
    this.reader = new BinaryReader(bytes);
  }

  /** Adds the result of one decode's skip log. */
  addSkipped(found: readonly SkippedField[]): void {
    if (found.length === 0) return;
    if (this.skipped === undefined) this.skipped = [...found];
    else this.skipped.push(...found);
    if (this.stats) this.stats.skippedFields += found.length;
  }
}

/**
 * Default of an absent bytes field in a lazily decoded message: one shared,
 * frozen, empty array instead of a `new Uint8Array(0)` per field (each an
 * ArrayBuffer; a User has eight such fields, most never on the wire).
 */
export const emptyBytes: Uint8Array = Object.freeze(new Uint8Array(0)) as Uint8Array;

/** A codec with the generated lazy decoder. */
export interface LazyCodec<T> {
  decodeLazy(input: BinaryReader, length: number | undefined, root: LazyRoot): T;
}

/**
 * Method of every generated lazy class: the message as a plain object, fields in
 * schema order, nested messages as they are. Registered with `Symbol.for`, so
 * two copies of the package (sources and dist in one test run) agree on it.
 */
export const plainMessage: unique symbol = Symbol.for("@tiktok-live/proto.plainMessage") as never;

interface Lazy {
  [plainMessage](): object;
}

/** Whether `value` is an instance of a generated lazy class. */
export function isLazyMessage(value: unknown): value is Lazy {
  return typeof value === "object" && value !== null && plainMessage in value;
}

/**
 * Decodes a whole message lazily: scalars now, message fields on first read.
 * Skips found now are in `root.skipped`.
 */
export function decodeLazily<T>(codec: LazyCodec<T>, root: LazyRoot): T {
  const outer = openSkipLog();
  try {
    root.reader.pos = 0;
    return codec.decodeLazy(root.reader, undefined, root);
  } finally {
    root.addSkipped(closeSkipLog(outer));
  }
}

/**
 * Called by `decodeLazy` on a message-typed field: steps over it and returns
 * where it starts (its length prefix). A field running past its message's end
 * fails that message, as in `decode`.
 */
export function skipNested(reader: BinaryReader, end: number): number {
  const at = reader.pos;
  const length = reader.uint32();
  const stop = reader.pos + length;
  if (stop > end) throw new RangeError("field runs past the end of its message");
  reader.pos = stop;
  return at;
}

/** Decodes the message whose length prefix is at `at`; one that does not decode is skipped and recorded. */
function decodeAt<T>(
  root: LazyRoot,
  at: number,
  codec: LazyCodec<T>,
  message: string,
  field: number,
): T | undefined {
  const reader = root.reader;
  reader.pos = at;
  const length = reader.uint32();
  try {
    return codec.decodeLazy(reader, length, root);
  } catch (cause) {
    noteBadContent(message, field, cause);
    return undefined;
  }
}

/** Getter of a singular message field: decodes it from the position `decodeLazy` noted. */
export function decodeOne<T>(
  root: LazyRoot,
  at: number,
  codec: LazyCodec<T>,
  message: string,
  field: number,
): T | undefined {
  const outer = openSkipLog();
  try {
    return decodeAt(root, at, codec, message, field);
  } finally {
    root.addSkipped(closeSkipLog(outer));
  }
}

/** Getter of a repeated message field: decodes every element; one that does not decode is left out. */
export function decodeMany<T>(
  root: LazyRoot,
  ats: number[] | undefined,
  codec: LazyCodec<T>,
  message: string,
  field: number,
): T[] {
  const out: T[] = [];
  if (ats === undefined) return out;
  const outer = openSkipLog();
  try {
    for (const at of ats) {
      const value = decodeAt(root, at, codec, message, field);
      if (value !== undefined) out.push(value);
    }
  } finally {
    root.addSkipped(closeSkipLog(outer));
  }
  return out;
}

/**
 * A decoded message's fields as own properties: a lazily decoded message's
 * plain form (its message fields are getters on the prototype), any other
 * object as it is. For code that walks a message's fields with `Object.entries`.
 */
export function fieldsOf(message: object): object {
  return isLazyMessage(message) ? message[plainMessage]() : message;
}

/**
 * A deep plain copy of decoded data: every nested message decoded, each one a
 * plain object with own properties only. What `structuredClone`, `postMessage`,
 * `Object.keys` and deep-equality helpers need: they see own properties, and a
 * lazily decoded message's message fields are getters on its prototype.
 */
export function materialize<T>(value: T): T {
  if (typeof value !== "object" || value === null || value instanceof Uint8Array) return value;
  if (Array.isArray(value)) return value.map(materialize) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fieldsOf(value))) out[k] = materialize(v);
  return out as T;
}
