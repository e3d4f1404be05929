import { CodecDomain } from "../codec-domain.js";
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

  constructor(message: PushMessage) {
    super(message.method, message.msgId, message.payload);
  }

  protected abstract decode(bytes: Uint8Array): T;

  /**
   * The decoded message. Throws if the payload is not a valid message of this type,
   * or CodecsNotLoadedError if the class's codecs are not loaded (see `loadCodecs`).
   */
  get data(): T {
    if (this.decoded === undefined) this.decoded = this.decode(this.payload);
    return this.decoded;
  }

  /** Whether `data` has been decoded yet. */
  get isDecoded(): boolean {
    return this.decoded !== undefined;
  }

  override get createTime(): bigint {
    return (this.data as { common?: { createTime?: bigint } }).common?.createTime ?? 0n;
  }

  protected override jsonFields(): Record<string, unknown> {
    return { data: this.data };
  }
}
