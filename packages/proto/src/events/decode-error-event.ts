import { bytesToBase64 } from "../json-safe.js";
import { BaseEvent } from "./base-event.js";

/** What a DecodeErrorEvent is built from. */
export interface UndecodableMessage {
  /** TikTok's method name, or `""` when the message's envelope was too broken to read it. */
  method: string;
  msgId: bigint;
  /**
   * The bytes that failed: the message's payload, or the whole `BaseProtoMessage`
   * envelope when the envelope itself could not be read (`envelope: true`).
   */
  payload: Uint8Array;
  /** The decoder's error. */
  error: unknown;
  /** Whether `payload` is the envelope rather than the message payload. */
  envelope?: boolean;
}

/**
 * A push message that could not be decoded even with its mismatched fields
 * skipped (e.g. a payload cut short in a top-level field). It carries the
 * method, the raw bytes and the error, so nothing is silently lost: log it,
 * record it, or decode it yourself. Emitted only for messages someone listens
 * to; without a `decodeError` listener the client reports a `DecodeError` to
 * `error` listeners instead.
 *
 * @example client.on("decodeError", (e) => console.warn(e.method, e.error, e.payload.length))
 */
export class DecodeErrorEvent extends BaseEvent {
  static override readonly eventName: string = "decodeError";
  /** The decoder's error. */
  readonly error: unknown;
  /** Whether `payload` holds the whole `BaseProtoMessage` envelope (its own bytes were unreadable). */
  readonly envelope: boolean;

  constructor(message: UndecodableMessage) {
    super(message.method, message.msgId, message.payload);
    this.error = message.error;
    this.envelope = message.envelope ?? false;
  }

  protected override jsonFields(): Record<string, unknown> {
    const error = this.error instanceof Error ? this.error.message : String(this.error);
    return { error, envelope: this.envelope, payload: bytesToBase64(this.payload) };
  }
}
