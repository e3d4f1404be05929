import { toJsonSafe } from "../json-safe.js";

/** Constructor shape shared by every event class, used as the key for `client.on(EventClass, …)`. */
export interface EventClass<E extends BaseEvent = BaseEvent> {
  // biome-ignore lint/suspicious/noExplicitAny: each event class has its own constructor arguments
  new (...args: any[]): E;
  readonly eventName: string;
}

const noBytes = new Uint8Array(0);

/**
 * Root of every event, proto-backed or emitted by the client itself.
 * Identity fields are plain properties; anything that needs decoding is a getter.
 */
export abstract class BaseEvent {
  /** The short name used with `client.on("comment", …)`; set by each subclass. */
  static readonly eventName: string = "base";
  /** TikTok's method name, e.g. `WebcastChatMessage`; empty for client lifecycle events. */
  readonly method: string;
  /** TikTok's message id; `0n` for client lifecycle events. */
  readonly msgId: bigint;
  /** The raw protobuf payload as received; empty for client lifecycle events. */
  readonly payload: Uint8Array;

  constructor(method = "", msgId = 0n, payload: Uint8Array = noBytes) {
    this.method = method;
    this.msgId = msgId;
    this.payload = payload;
  }

  get eventName(): string {
    return (this.constructor as typeof BaseEvent).eventName;
  }

  /** Milliseconds since the epoch when TikTok created the message, `0n` when unknown. */
  get createTime(): bigint {
    return 0n;
  }

  /** Fields specific to the event, before JSON conversion. Subclasses add theirs. */
  protected jsonFields(): Record<string, unknown> {
    return {};
  }

  /** JSON-ready view: 64-bit integers as strings, bytes as base64. `JSON.stringify(event)` uses it. */
  toJSON(): Record<string, unknown> {
    return toJsonSafe({
      event: this.eventName,
      method: this.method,
      msgId: this.msgId,
      createTime: this.createTime,
      ...this.jsonFields(),
    }) as Record<string, unknown>;
  }
}
