import {
  type BaseEvent,
  type BaseProtoMessage,
  type CodecDomain,
  DecodeErrorEvent,
  eventClassByMethod,
  type MessageBatch,
  type ProtoEventClass,
  type ProtoMessageFetchResult,
  protoEventClasses,
  type UndecodableMessage,
  UnknownEvent,
} from "@tiktok-live/proto";
import { DecodeError, HandlerError, type TikTokLiveError } from "../errors/errors.js";
import type { MessageDedupe } from "./dedupe.js";
import { type DeriveContext, type Deriver, derivers } from "./derived-events.js";
import type { EventDispatcher } from "./dispatcher.js";
import { WebsocketResponseEvent } from "./lifecycle-events.js";

/** Event name → codecs of its class, derived events included. */
const codecsByEventName: ReadonlyMap<string, CodecDomain> = new Map(
  protoEventClasses.map((c) => [c.eventName, c.codecs]),
);

/** How decoding went, over the life of a client. */
export interface DecodeStats {
  /** Fields stepped over because they did not match the schema (see `ProtoEvent.skippedFields`). */
  skippedFields: number;
  /** Messages that could not be decoded at all (each became a DecodeErrorEvent or a DecodeError). */
  undecodable: number;
}

/**
 * One push message as received: its method, TikTok's message id and the
 * protobuf bytes of its payload (a view into the frame, valid during the call;
 * copy it to keep it). `ProtoEvent` classes decode exactly these bytes.
 */
export interface RawMessage {
  readonly method: string;
  readonly msgId: bigint;
  readonly payload: Uint8Array;
}

/** Sees each message of the stream before (or instead of) its event. */
export type RawMessageListener = (message: RawMessage) => void;

/** What waits while codecs load: the rest of a batch from `next`, or something the client emits itself. */
type Pending = { batch: MessageBatch; next: number } | { run: () => void };

interface Plan {
  /** The message's event class; undefined for a method the schema does not know. */
  cls: ProtoEventClass | undefined;
  /** Someone listens to the message's own event. */
  wanted: boolean;
  /** The deriver that reads it (for LiveEnd, Follow, …), when it is to run. */
  deriver: Deriver | undefined;
}

/**
 * Batch → events: the one place where a decoded push batch becomes typed events.
 * A message becomes an event only if someone listens to it (or the client needs it),
 * and it is decoded only then.
 *
 * Codecs load per schema file (see `CodecDomain`). `prepare()` loads those the
 * current listeners need before the connection opens; a message that still
 * needs unloaded codecs (a listener added later) pauses routing until they are
 * in, and everything after it waits, so events keep their order.
 */
export class MessageRouter {
  /** Routing plan by method, cleared whenever the dispatcher's set of listened names changes. */
  private readonly plans = new Map<string, Plan | false>();
  /** Set while paused: what to route once the codecs are in. */
  private paused: Pending[] | undefined;
  private resumed: Promise<void> = Promise.resolve();
  private rawListeners: RawMessageListener[] = [];
  /**
   * Something may still read the bytes of the batch routed last: it waits for
   * codecs, or a view into it went out (raw messages, websocketResponse,
   * unknown and decode-error events keep their payload as a view). Events of
   * known messages copy their payload, so they do not count.
   */
  private kept = true;
  /** Inside `routeBatch` (a handler may route another batch, e.g. by connecting). */
  private routing = false;
  /** Counted over the messages someone needed, i.e. the ones decoded. */
  readonly decodeStats: DecodeStats = { skippedFields: 0, undecodable: 0 };

  constructor(
    private readonly dispatcher: EventDispatcher,
    private readonly dedupe: MessageDedupe,
    private readonly onLiveEnd: () => void,
  ) {
    dispatcher.onListenersChange(() => this.plans.clear());
  }

  private readonly ctx: DeriveContext = {
    wants: (name) => this.dispatcher.hasListeners(name),
    emit: (event) => this.dispatcher.emit(event),
    endLive: () => this.onLiveEnd(),
  };

  /** Loads the codecs of every event with a listener, and of those the client itself reads. */
  async prepare(): Promise<void> {
    const domains = new Set<CodecDomain>();
    for (const [name, codecs] of codecsByEventName)
      if (this.dispatcher.hasListeners(name)) domains.add(codecs);
    for (const [method, deriver] of derivers) {
      const cls = eventClassByMethod.get(method);
      if (cls && (deriver.always || deriver.produces.some((n) => this.dispatcher.hasListeners(n))))
        domains.add(cls.codecs);
    }
    await Promise.all([...domains].map((d) => d.load()));
  }

  /**
   * Calls `listener` with every message of the stream, deduplicated, in
   * stream order and before its event; a message nobody listens to as an
   * event is read no further than its envelope (no event is built).
   */
  onRawMessage(listener: RawMessageListener): () => void {
    this.rawListeners = [...this.rawListeners, listener];
    return () => {
      this.rawListeners = this.rawListeners.filter((l) => l !== listener);
    };
  }

  /** Resolves once no batch waits for codecs. */
  idle(): Promise<void> {
    return this.paused ? this.resumed.then(() => this.idle()) : Promise.resolve();
  }

  /**
   * Runs `task` now, or after what waits for codecs, so it keeps its place
   * among the stream's events (the client's teardown runs through this).
   */
  inOrder(task: () => void): void {
    if (this.paused) this.paused.push({ run: task });
    else task();
  }

  /**
   * Emits one of the client's own events (connect, reconnecting, disconnect)
   * in its place among the stream's events: now, or after what waits for codecs.
   */
  emit(event: BaseEvent): void {
    this.inOrder(() => this.dispatcher.emit(event));
  }

  /** Reports an error (a frame that could not be read, a lost connection) in its place among the events. */
  reportError(error: TikTokLiveError): void {
    this.inOrder(() => this.dispatcher.emitError(error));
  }

  /** The connection's batches: each message becomes an event if someone listens to it. */
  routeBatch(batch: MessageBatch): void {
    const outer = this.routing;
    this.routing = true;
    try {
      this.kept = true;
      if (this.paused) {
        this.paused.push({ batch, next: 0 });
        return;
      }
      this.kept = false;
      this.route(batch, 0);
    } finally {
      this.routing = outer;
      // Routed from inside a handler of another batch: that batch's bytes are not known to be free.
      if (outer) this.kept = true;
    }
  }

  /** Whether anything may still read the bytes of the batch `routeBatch` got last (see `BatchSink`). */
  keptLastBatch(): boolean {
    return this.kept;
  }

  private route(batch: MessageBatch, next: number): void {
    if (next === 0 && this.dispatcher.hasListeners(WebsocketResponseEvent.eventName))
      this.emitResponse(batch);
    for (let i = next; i < batch.length; i++) {
      // The method alone says whether anyone needs the message; only then is the rest of it read.
      const method = batch.method(i);
      const plan = this.planFor(method);
      const raw = this.rawListeners;
      if (plan === false && raw.length === 0) continue;
      let message: BaseProtoMessage;
      try {
        message = batch.message(i);
      } catch (cause) {
        const size = batch.byteLength(i);
        this.undecodable(
          { method, msgId: 0n, payload: batch.messageBytes(i), error: cause, envelope: true },
          `Malformed push message ${method} (${size} bytes)`,
        );
        continue;
      }
      if (!this.dedupe.firstTime(message.msgId)) continue;
      if (raw.length > 0) {
        this.kept = true;
        this.emitRaw(raw, message);
      }
      if (plan === false) continue;
      const loading = this.dispatchPlanned(plan, message);
      if (loading) {
        // Finish this batch first, then whatever arrived meanwhile.
        this.kept = true;
        this.paused ??= [];
        this.paused.unshift({ batch, next: i + 1 });
        this.resumed = loading.then(() => this.resume());
        return;
      }
    }
  }

  private emitRaw(listeners: RawMessageListener[], message: RawMessage): void {
    for (const listener of listeners) {
      try {
        listener(message);
      } catch (cause) {
        this.dispatcher.emitError(new HandlerError(message, { cause }));
      }
    }
  }

  /** The whole batch for `websocketResponse` listeners; it needs every message, so one malformed one spoils it. */
  private emitResponse(batch: MessageBatch): void {
    this.kept = true;
    let response: ProtoMessageFetchResult;
    try {
      response = batch.toResult();
    } catch (cause) {
      this.dispatcher.emitError(
        new DecodeError(
          `Malformed message batch (${batch.length} messages): no websocketResponse event`,
          "ProtoMessageFetchResult",
          batch.length,
          { cause },
        ),
      );
      return;
    }
    this.dispatcher.emit(new WebsocketResponseEvent(response));
  }

  private resume(): void {
    const queue = this.paused ?? [];
    this.paused = undefined;
    while (queue.length) {
      const item = queue.shift()!;
      if ("run" in item) {
        item.run();
        continue;
      }
      this.route(item.batch, item.next);
      if (this.paused) {
        (this.paused as Pending[]).push(...queue);
        return;
      }
    }
  }

  /** `plan()`, cached per method: a busy stream repeats a few dozen methods. */
  private planFor(method: string): Plan | false {
    let plan = this.plans.get(method);
    if (plan === undefined) {
      const cls = eventClassByMethod.get(method);
      plan = cls
        ? this.plan(cls, method)
        : this.dispatcher.hasListeners(UnknownEvent.eventName) && {
            cls: undefined,
            wanted: true,
            deriver: undefined,
          };
      // Unknown methods are not cached: hostile input could send endless new names.
      if (cls) this.plans.set(method, plan);
    }
    return plan;
  }

  /** Who needs a message of this class: its listeners, a deriver, both, or nobody (`false`). */
  private plan(cls: ProtoEventClass, method: string): Plan | false {
    const deriver = derivers.get(method);
    const wanted = this.dispatcher.hasListeners(cls.eventName);
    const derive =
      deriver !== undefined &&
      (deriver.always === true || deriver.produces.some((n) => this.dispatcher.hasListeners(n)));
    return wanted || derive ? { cls, wanted, deriver: derive ? deriver : undefined } : false;
  }

  /** Delivers a message someone needs: its event (after its codecs, if they must load first) or UnknownEvent. */
  private dispatchPlanned(plan: Plan, message: BaseProtoMessage): Promise<void> | undefined {
    if (plan.cls) return this.routeTo(plan.cls, message, plan);
    this.kept = true;
    this.dispatcher.emit(new UnknownEvent(message));
    return undefined;
  }

  private routeTo(cls: ProtoEventClass, message: BaseProtoMessage, plan: Plan): Promise<void> | undefined {
    if (!cls.codecs.isLoaded) {
      return cls.codecs.load().then(
        () => this.deliver(cls, message, plan),
        (cause: unknown) =>
          this.dispatcher.emitError(
            new DecodeError(
              `Could not load the "${cls.codecs.name}" codecs for ${message.method}`,
              message.method,
              message.payload.length,
              { cause },
            ),
          ),
      );
    }
    this.deliver(cls, message, plan);
    return undefined;
  }

  private deliver(cls: ProtoEventClass, message: BaseProtoMessage, { wanted, deriver }: Plan): void {
    const event = new cls(message);
    try {
      // Decode now so a bad payload is reported here, not thrown inside a user's handler.
      void event.data;
    } catch (error) {
      const { method, msgId, payload } = message;
      this.undecodable(
        { method, msgId, payload, error },
        `Could not decode ${method} (${payload.length} bytes)`,
      );
      return;
    }
    // Nested messages decode on first read; their skipped fields are counted then.
    event.countSkippedInto(this.decodeStats);
    if (wanted) this.dispatcher.emit(event);
    deriver?.derive(event as BaseEvent, this.ctx);
  }

  /**
   * A message nobody can read: a DecodeErrorEvent (method, raw bytes, error) for
   * `decodeError` listeners; without one, a DecodeError for `error` listeners, so
   * it is never dropped silently.
   */
  private undecodable(message: UndecodableMessage, text: string): void {
    this.kept = true;
    this.decodeStats.undecodable++;
    if (this.dispatcher.hasListeners(DecodeErrorEvent.eventName)) {
      this.dispatcher.emit(new DecodeErrorEvent(message));
      return;
    }
    const size = message.payload.length;
    this.dispatcher.emitError(new DecodeError(text, message.method, size, { cause: message.error }));
  }
}
