import { inspectCustom, labelled } from "../inspect.js";
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

  /**
   * What `console.log(event)` shows after the event's name (and, for a push message, its method, id
   * and time). Defaults to the JSON fields; events with more to show than JSON carries override it.
   */
  protected inspectFields(): Record<string, unknown> {
    return this.jsonFields();
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

/**
 * The view `console.log` and `util.inspect` print (Node, Deno and Bun): `CommentEvent { event:
 * 'comment', …, user: { nickname: …, avatarThumb: { urlList: […] } }, content: … }`, nested messages
 * decoded, fields at their defaults left out (inspect.ts). Never throws: a payload that does not
 * decode shows as its bytes and the decoder's error. Installed outside the class body because
 * declarations are emitted per file, in isolation, where a symbol-named method cannot be declared.
 */
function inspectEvent(this: BaseEvent): object {
  const head: Record<string, unknown> = { event: this.eventName };
  let fields: Record<string, unknown>;
  try {
    if (this.method !== "") {
      head.method = this.method;
      head.msgId = this.msgId;
      const createTime = this.createTime;
      if (createTime !== 0n) head.createTime = createTime;
    }
    // `inspectFields` is protected: for subclasses to override, not for callers.
    fields = (this as unknown as { inspectFields(): Record<string, unknown> }).inspectFields();
  } catch (error) {
    fields = { payload: this.payload, decodeError: error instanceof Error ? error.message : String(error) };
  }
  // An optional field that is absent (a disconnect without an error) is left out, not shown as undefined.
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) head[key] = value;
  return labelled(this.constructor.name, head);
}

Object.defineProperty(BaseEvent.prototype, inspectCustom, {
  value: inspectEvent,
  writable: true,
  configurable: true,
});
