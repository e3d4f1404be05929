import type { BinaryReader } from "@bufbuild/protobuf/wire";

/**
 * A field the decoder stepped over because it did not match the schema. TikTok
 * changes its messages without notice (a map becomes a JSON string, a message
 * becomes a number); skipping the one field keeps the rest of the message.
 */
export interface SkippedField {
  /** Generated type of the message that holds the field, e.g. `WebcastInRoomBannerMessage` or `User`. */
  message: string;
  /** Field number. */
  field: number;
  /** Wire type found on the wire (0 varint, 1 fixed64, 2 length-delimited, 5 fixed32). */
  wireType: number;
  /**
   * `wire-type`: the wire type is not the one the schema declares for the field.
   * `content`: a length-delimited field whose bytes do not decode as the declared
   * message (or map entry), e.g. a JSON string where a map is declared.
   */
  reason: "wire-type" | "content";
  /** For `content`: what the decoder reported. */
  detail?: string;
}

const none: readonly SkippedField[] = Object.freeze([]);

/**
 * The log of the decode in progress: `null` while nobody collects (codecs used
 * directly), `undefined` while collecting with nothing skipped yet (the usual
 * case, so a clean decode allocates nothing).
 */
type Log = SkippedField[] | undefined | null;
let log: Log = null;

function record(field: SkippedField): void {
  if (log === null) return;
  if (log === undefined) log = [field];
  else log.push(field);
}

/** Starts collecting skipped fields for one decode; pass the result to `closeSkipLog`. */
export function openSkipLog(): Log {
  const outer = log;
  log = undefined;
  return outer;
}

/** Ends the decode's collection and returns what it skipped. */
export function closeSkipLog(outer: Log): readonly SkippedField[] {
  const mine = log;
  log = outer;
  return mine ?? none;
}

/**
 * Called by the generated decoders when a known field arrives with another wire
 * type than declared. The decoder then steps over it as over an unknown field.
 */
export function noteWrongWireType(message: string, tag: number): void {
  record({ message, field: tag >>> 3, wireType: tag & 7, reason: "wire-type" });
}

/**
 * Called by the generated decoders when a length-delimited field (a nested
 * message or map entry) failed to decode: moves the reader to the end of that
 * field and records it. A field that claims to run past the end of its
 * enclosing message (a payload cut short) cannot be stepped over: the error
 * goes on to the enclosing message, whose own field is then skipped, or, at
 * the top, fails the decode.
 *
 * @param at where the field's length prefix starts
 * @param end where the enclosing message ends
 */
export function skipBadField(
  reader: BinaryReader,
  at: number,
  end: number,
  message: string,
  field: number,
  cause: unknown,
): void {
  reader.pos = at;
  const fieldEnd = reader.uint32() + reader.pos;
  if (fieldEnd > end) throw cause;
  reader.pos = fieldEnd;
  const detail = cause instanceof Error ? cause.message : String(cause);
  record({ message, field, wireType: 2, reason: "content", detail });
}

/**
 * Called when a nested message decoded on first read (lazy-message.ts) does not
 * decode: the field is left out, as `skipBadField` leaves it out of an eager decode.
 */
export function noteBadContent(message: string, field: number, cause: unknown): void {
  const detail = cause instanceof Error ? cause.message : String(cause);
  record({ message, field, wireType: 2, reason: "content", detail });
}
