import { CodecDomain } from "../codec-domain.js";
import { closeSkipLog, openSkipLog, type SkippedField } from "../skipped-fields.js";
import { BaseEvent, type EventClass } from "./base-event.js";

/** The slice of a BaseProtoMessage an event is built from. */
export interface PushMessage {
  method: string;
  msgId: bigint;
  payload: Uint8Array;
}

/** A generated event class: constructible from a push message, with its TikTok method. */
export interface ProtoEventClass<E extends ProtoEvent<unknown> = ProtoEvent<unknown>> extends EventClass<E> {
  new (message: PushMessage): E;
  readonly method: string;
  /** The codecs `data` decodes with; they must be loaded before it is read (see `loadCodecs`). */
  readonly codecs: CodecDomain;
}

const noCodecs = CodecDomain.loaded("none", {});

/**
 * An event backed by one TikTok push message. The payload is decoded on first
 * access of `data` (or any field getter), so events nobody reads cost no decoding.
 */
export abstract class ProtoEvent<T> extends BaseEvent {
  static readonly method: string = "";
  static readonly codecs: CodecDomain = noCodecs;
  private decoded: T | undefined;
  private skipped: readonly SkippedField[] = [];

  constructor(message: PushMessage) {
    super(message.method, message.msgId, message.payload);
  }

  protected abstract decode(bytes: Uint8Array): T;

  /**
   * The decoded message. Throws if the payload is not a valid message of this type,
   * or CodecsNotLoadedError if the class's codecs are not loaded (see `loadCodecs`).
   */
  get data(): T {
    if (this.decoded === undefined) {
      const outer = openSkipLog();
      try {
        this.decoded = this.decode(this.payload);
      } finally {
        this.skipped = closeSkipLog(outer);
      }
    }
    return this.decoded;
  }

  /**
   * Fields of the payload that did not match the schema and were left out of
   * `data` (empty when everything matched). The rest of the message decodes;
   * a non-empty list means TikTok changed the message and the schema lags (see
   * the schema-updates guide). Reading it decodes the payload.
   */
  get skippedFields(): readonly SkippedField[] {
    void this.data;
    return this.skipped;
  }

  /** Whether `data` has been decoded yet. */
  get isDecoded(): boolean {
    return this.decoded !== undefined;
  }

  override get createTime(): bigint {
    return (this.data as { common?: { createTime?: bigint } }).common?.createTime ?? 0n;
  }

  protected override jsonFields(): Record<string, unknown> {
    const data = this.data;
    return this.skipped.length ? { data, skippedFields: this.skipped } : { data };
  }
}
