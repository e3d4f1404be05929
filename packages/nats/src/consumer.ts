import {
  AckPolicy,
  type Consumer,
  DeliverPolicy,
  type JetStreamClient,
  type JsMsg,
} from "@nats-io/jetstream";
import {
  type BaseEvent,
  DecodeError,
  DecodeErrorEvent,
  type EventClass,
  loadCodecs,
  ProtoEvent,
  type ProtoEventClass,
} from "@tiktok-live/core";
import { decodeEnvelope } from "./envelope.js";
import { ensureEventStream } from "./stream.js";
import { defaultStreamName, defaultSubjectPrefix, roomToken, subjectFilter } from "./subjects.js";

export interface ConsumeEventsOptions {
  /** Durable consumer name: a consumer restarted with the same name resumes where it stopped. */
  durable: string;
  /** Only these rooms (uniqueIds). Default: all. */
  rooms?: string[];
  /** Only these event classes. Default: all. */
  events?: EventClass[];
  stream?: string;
  subjectPrefix?: string;
  /** Messages pulled per request. Default 256. */
  batch?: number;
  /**
   * Seconds the server waits for an ack before delivering a message again.
   * It must exceed the time the loop body takes. Default 10.
   */
  ackWaitSeconds?: number;
  /**
   * Where a new durable starts: `all` (default) from the start of the stream,
   * `new` with what is published after it is created (a live tail).
   */
  deliver?: "all" | "new";
  /** Let the server delete the durable after this many seconds without a pull (a tail that died). */
  inactiveSeconds?: number;
  /**
   * A message whose payload does not decode (the sink forwards TikTok's bytes
   * without reading them) and that is not handed out as a `DecodeErrorEvent`
   * (only when `events` asks for it, or is not given). Default: nothing.
   */
  onError?: (error: DecodeError) => void;
  /** Called once the durable exists on the server (events published from then on will come). */
  onReady?: () => void;
  signal?: AbortSignal;
}

/** Where a consumed event came from. */
export interface Delivery {
  uniqueId: string;
  roomId: string;
  subject: string;
  /** Position in the stream. */
  streamSequence: number;
  /** The server delivered it before (the consumer stopped before acknowledging it). */
  redelivered: boolean;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}

/** How long one pull waits for messages. */
const pullExpiresMs = 1_000;

const deliveries = new WeakMap<BaseEvent, Delivery>();

/** The room and stream position of an event from `consumeEvents`. */
export function deliveryOf(event: BaseEvent): Delivery | undefined {
  return deliveries.get(event);
}

async function durableConsumer(
  js: JetStreamClient,
  stream: string,
  options: ConsumeEventsOptions,
  filter: string,
): Promise<Consumer> {
  const jsm = await js.jetstreamManager();
  const config = {
    durable_name: options.durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: options.deliver === "new" ? DeliverPolicy.New : DeliverPolicy.All,
    filter_subject: filter,
    ack_wait: (options.ackWaitSeconds ?? 10) * 1_000_000_000,
    max_ack_pending: 10_000,
    ...(options.inactiveSeconds ? { inactive_threshold: options.inactiveSeconds * 1_000_000_000 } : {}),
  };
  try {
    await jsm.consumers.info(stream, options.durable);
  } catch {
    await jsm.consumers.add(stream, config);
  }
  return js.consumers.get(stream, options.durable);
}

/**
 * The events of a JetStream stream written by `publishEvents`, as the same
 * typed classes (`CommentEvent`, …), in stream order (so in order per room).
 * A message is acknowledged after the loop body handled it: when the loop
 * asks for the next one or leaves (break, return). Messages the server sent
 * that were not handed out (prefetched when the loop left, lost with a
 * dropped connection) come back after `ackWaitSeconds`; the consumer waits
 * for them before pulling newer ones, so the order holds. A process that
 * dies between the body and the ack gets that message again
 * (`deliveryOf(e).redelivered`). Run one process per durable name.
 *
 * @example
 * for await (const e of consumeEvents(js, { durable: "mod-bot", events: [CommentEvent] })) {
 *   console.log(deliveryOf(e)?.uniqueId, e.comment);
 * }
 */
export async function* consumeEvents(
  js: JetStreamClient,
  options: ConsumeEventsOptions,
): AsyncGenerator<BaseEvent, void, undefined> {
  const stream = options.stream ?? defaultStreamName;
  const prefix = options.subjectPrefix ?? defaultSubjectPrefix;
  const rooms = options.rooms?.length ? new Set(options.rooms.map(roomToken)) : undefined;
  const names = options.events?.length ? new Set(options.events.map((c) => c.eventName)) : undefined;
  // One room or one event: the server filters; otherwise filter here (nats-server 2.9 takes one subject).
  const filter = subjectFilter(
    prefix,
    rooms?.size === 1 ? options.rooms![0] : undefined,
    names?.size === 1 ? [...names][0] : undefined,
  );
  const protoClasses = (options.events ?? []).filter(
    (c): c is ProtoEventClass => c.prototype instanceof ProtoEvent,
  );
  await loadCodecs(...protoClasses);
  // The consumer may start before any producer: make the stream so the durable has a home.
  await ensureEventStream(js, { stream, subjectPrefix: prefix });
  const consumer = await durableConsumer(js, stream, options, filter);
  options.onReady?.();
  const batch = options.batch ?? 256;
  let current: JsMsg | undefined;
  try {
    /**
     * The consumer's delivery sequence of the last message we received; undefined when we cannot
     * know what came before (at the start, after a failure or a gap). Deliveries are numbered one by
     * one, so a jump means messages the server sent were lost on the way (a dropped connection, a
     * pull that ended in a NATS restart).
     */
    let lastDelivery: number | undefined;
    while (!options.signal?.aborted) {
      if (lastDelivery === undefined) {
        // Messages the server sent that never arrived (or a consumer before us left unacknowledged)
        // come back only after the ack wait; pulling newer ones first would break the order. Wait
        // until they have expired (plus the longest pull), so the server sends them first, in order.
        let pending: number;
        try {
          pending = (await consumer.info()).num_ack_pending;
        } catch {
          await sleep(250, options.signal); // NATS is away; it reconnects by itself
          continue;
        }
        if (pending > 0)
          await sleep((options.ackWaitSeconds ?? 10) * 1000 + pullExpiresMs + 250, options.signal);
      }
      let messages: AsyncIterable<JsMsg>;
      try {
        messages = await consumer.fetch({ max_messages: batch, expires: pullExpiresMs });
      } catch {
        // NATS is away (restarting, a network blip): the connection reconnects by itself.
        await sleep(250, options.signal);
        lastDelivery = undefined;
        continue;
      }
      const pulled = messages[Symbol.asyncIterator]();
      for (;;) {
        let next: IteratorResult<JsMsg>;
        try {
          next = await pulled.next();
        } catch {
          lastDelivery = undefined; // the pull broke: what the server sent and we lost is pending
          break;
        }
        if (next.done) break;
        const delivery = next.value.info.deliverySequence;
        if (lastDelivery !== undefined && delivery > lastDelivery + 1) {
          // Something before this one was lost on the way: leave this one (and the rest of the
          // pull) unacknowledged and wait above, so the server sends them again in stream order.
          lastDelivery = undefined;
          break;
        }
        lastDelivery = delivery;
        current = next.value;
        const [, room, eventName] = current.subject.split(".", 3) as [string, string, string];
        if ((rooms && !rooms.has(room)) || (names && !names.has(eventName))) {
          current.ack();
          current = undefined;
          continue;
        }
        const envelope = decodeEnvelope(current.data);
        const { uniqueId, roomId } = envelope;
        let event = envelope.event;
        if (event instanceof ProtoEvent) {
          if (!(event.constructor as ProtoEventClass).codecs.isLoaded)
            await (event.constructor as ProtoEventClass).codecs.load();
          // Decoded here, as the client does, so a bad payload is not thrown inside the loop body.
          try {
            void event.data;
          } catch (error) {
            const { method, msgId, payload } = event;
            if (names && !names.has(DecodeErrorEvent.eventName)) {
              options.onError?.(
                new DecodeError(
                  `Could not decode ${method} (${payload.length} bytes)`,
                  method,
                  payload.length,
                  {
                    cause: error,
                  },
                ),
              );
              current.ack();
              current = undefined;
              continue;
            }
            event = new DecodeErrorEvent({ method, msgId, payload, error });
          }
        }
        deliveries.set(event, {
          uniqueId,
          roomId,
          subject: current.subject,
          streamSequence: current.seq,
          redelivered: current.redelivered,
        });
        yield event;
        current.ack();
        current = undefined;
        if (options.signal?.aborted) break;
      }
    }
  } finally {
    // Leaving the loop after the body ran (break, return) counts as handled. Prefetched messages
    // stay unacknowledged: the next consumer waits for them to come back first, in order.
    current?.ack();
    // A request on the same connection: the server has the acks and naks once it answers.
    await consumer.info().catch(() => {});
  }
}
