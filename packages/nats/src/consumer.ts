import {
  AckPolicy,
  type Consumer,
  DeliverPolicy,
  type JetStreamClient,
  type JsMsg,
} from "@nats-io/jetstream";
import {
  type BaseEvent,
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
  /** Seconds the server waits for an ack before delivering a message again. Default 30. */
  ackWaitSeconds?: number;
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
    deliver_policy: DeliverPolicy.All,
    filter_subject: filter,
    ack_wait: (options.ackWaitSeconds ?? 30) * 1_000_000_000,
    max_ack_pending: 10_000,
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
 * asks for the next one or leaves (break, return). Prefetched messages not
 * handed out yet go back to the server, so a consumer restarted with the same
 * `durable` name gets them first and in order. A process that dies before
 * the ack gets the message again (`deliveryOf(e).redelivered`).
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
  const batch = options.batch ?? 256;
  let current: JsMsg | undefined;
  let pulled: AsyncIterator<JsMsg> | undefined;
  try {
    while (!options.signal?.aborted) {
      let messages: AsyncIterable<JsMsg>;
      try {
        messages = await consumer.fetch({ max_messages: batch, expires: 1_000 });
      } catch {
        // NATS is away (restarting, a network blip): the connection reconnects by itself.
        await new Promise((r) => setTimeout(r, 250));
        continue;
      }
      pulled = messages[Symbol.asyncIterator]();
      for (;;) {
        let next: IteratorResult<JsMsg>;
        try {
          next = await pulled.next();
        } catch {
          break; // the pull ended with the connection; what it delivered was handed out already
        }
        if (next.done) break;
        current = next.value;
        const [, room, eventName] = current.subject.split(".", 3) as [string, string, string];
        if ((rooms && !rooms.has(room)) || (names && !names.has(eventName))) {
          current.ack();
          current = undefined;
          continue;
        }
        const { event, uniqueId, roomId } = decodeEnvelope(current.data);
        if (event instanceof ProtoEvent && !(event.constructor as ProtoEventClass).codecs.isLoaded)
          await (event.constructor as ProtoEventClass).codecs.load();
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
      pulled = undefined;
    }
  } finally {
    // Leaving the loop after the body ran (break, return) counts as handled; what was
    // prefetched but not handed out goes back, in order, so it comes first to the next consumer.
    current?.ack();
    if (pulled) {
      for (;;) {
        const next = await pulled.next().catch(() => ({ done: true as const, value: undefined }));
        if (next.done) break;
        next.value.nak();
      }
    }
    // A request on the same connection: the server has the acks and naks once it answers.
    await consumer.info().catch(() => {});
  }
}
