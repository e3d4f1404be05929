import type { JetStreamClient } from "@nats-io/jetstream";
import {
  type BaseEvent,
  type EventClass,
  eventClassByMethod,
  type PoolRoom,
  type RawMessage,
  TikTokLiveClient,
  type TikTokLiveError,
  type TikTokLivePool,
  UnknownEvent,
} from "@tiktok-live/core";
import { encodeEnvelope, encodeMessageEnvelope, eventClassesByName } from "./envelope.js";
import { SinkOrderError, SinkOverflowError } from "./errors.js";
import { type Outgoing, PublishQueue } from "./publish-queue.js";
import { CorePublishSender, connectionOf, JetStreamPublishSender } from "./publish-sender.js";
import { type EventStreamOptions, ensureEventStream } from "./stream.js";
import { eventSubject } from "./subjects.js";

export interface PublishEventsOptions extends EventStreamOptions {
  /** Event classes to publish. Default: every proto event (derived ones too), unknown, connect and disconnect. */
  events?: EventClass[];
  /** Publishes awaiting their ack at once, over all rooms. Default 1,024. */
  maxPendingAcks?: number;
  /**
   * Publishes of one room awaiting their ack at once. A room's publishes go
   * out in order and the server stores a prefix of them whatever the
   * connection does, so order holds across drops and restarts; only a refusal
   * of one while a later one is stored (a cluster leader change between them)
   * can put a room's events out of order, and that is counted
   * (`stats.outOfOrder`) and reported, never silent. 1 rules it out at one
   * round trip per event per room. Default 64 (1 when the JetStream client's
   * connection is out of the sink's reach, as it then cannot see drops).
   */
  maxPendingAcksPerRoom?: number;
  /** Events held while NATS is slow or away before new ones overflow. Default 100,000. */
  bufferSize?: number;
  /** Timeout of one publish. Default 5 s. */
  ackTimeoutMs?: number;
  /** Don't create or check the stream (it is managed elsewhere). */
  skipStreamSetup?: boolean;
  /** Overflow and publish failures. Default: nothing (read `stats`). */
  onError?: (error: TikTokLiveError | Error) => void;
  /**
   * A room's resume cursor became safe to store: every event before it is in
   * the stream. The fleet worker stores it so another worker can resume there.
   */
  onCursor?: (uniqueId: string, cursor: string) => void;
}

export interface SinkStats {
  /** Events acknowledged by the stream (duplicates included). */
  published: number;
  /** Of those, ones the server had already (republished after a crash or retry). */
  duplicates: number;
  /** Events dropped because the buffer was full. Never silent: each one is also an error. */
  overflowed: number;
  /** Runs of failed publishes (NATS away, a timeout); each failed event is sent again until stored. */
  retries: number;
  /** Events stored ahead of an earlier event of their room (see `maxPendingAcksPerRoom`). */
  outOfOrder: number;
  /** Events held now (in flight or waiting). */
  buffered: number;
  /** Acknowledged events per room. */
  perRoom: Map<string, number>;
}

export interface EventSink {
  readonly stats: SinkStats;
  /** Resolves once every event received so far is stored. */
  flush(): Promise<void>;
  /** Forgets a room's cursor tracking (it moved away, or starts again from a stored cursor). */
  forget(uniqueId: string): void;
  /** Stops listening; with `flush` (default) waits for what is buffered. */
  close(options?: { flush?: boolean }): Promise<void>;
}

/** A class whose events are its own messages (not derived from another's, not lifecycle): unknown ones too. */
function isMessageClass(cls: EventClass): boolean {
  const method = (cls as { method?: unknown }).method;
  return cls === UnknownEvent || (typeof method === "string" && eventClassByMethod.get(method) === cls);
}

/** Per room: the cursor of the frame being read and the one before it. */
interface CursorTrack {
  current: string;
  safe: string | undefined;
}

/**
 * Publishes every event of a client or a pool to JetStream, on
 * `tiktok.<uniqueId>.<event>`, in order per room. `Nats-Msg-Id` is the room id
 * plus TikTok's message id, so an event republished by another worker after a
 * crash is dropped by the server.
 */
export async function publishEvents(
  source: TikTokLiveClient | TikTokLivePool,
  js: JetStreamClient,
  options: PublishEventsOptions = {},
): Promise<EventSink> {
  const { subjectPrefix } = options.skipStreamSetup
    ? { subjectPrefix: options.subjectPrefix ?? "tiktok" }
    : await ensureEventStream(js, options);
  const capacity = options.bufferSize ?? 100_000;
  const stats: SinkStats = {
    published: 0,
    duplicates: 0,
    overflowed: 0,
    retries: 0,
    outOfOrder: 0,
    buffered: 0,
    perRoom: new Map(),
  };
  const cursors = new Map<string, CursorTrack>();
  const reported = new Map<string, string>();
  const ackTimeoutMs = options.ackTimeoutMs ?? 5_000;
  const nc = connectionOf(js);
  const sender = nc ? new CorePublishSender(nc, ackTimeoutMs) : new JetStreamPublishSender(js, ackTimeoutMs);
  const queue = new PublishQueue(sender, {
    window: options.maxPendingAcks ?? 1024,
    roomWindow: nc ? (options.maxPendingAcksPerRoom ?? 64) : 1,
    capacity,
    onStored: (item, duplicate) => {
      stats.published++;
      if (duplicate) stats.duplicates++;
      stats.perRoom.set(item.room, (stats.perRoom.get(item.room) ?? 0) + 1);
    },
    onCommitted: (item) => {
      if (item.cursor && reported.get(item.room) !== item.cursor) {
        reported.set(item.room, item.cursor);
        options.onCursor?.(item.room, item.cursor);
      }
    },
    onOutOfOrder: (room, count) => {
      stats.outOfOrder += count;
      options.onError?.(new SinkOrderError(room, count));
    },
    onRetry: (error) => {
      stats.retries++;
      options.onError?.(error as Error);
    },
  });

  /** The cursor that is safe once this event is stored: the one before the event's frame. */
  const cursorFor = (client: TikTokLiveClient, room: PoolRoom | undefined): string | undefined => {
    const now = client.resumeCursor;
    let track = cursors.get(client.uniqueId);
    if (!track) {
      track = { current: now, safe: room?.resumeCursor };
      cursors.set(client.uniqueId, track);
    } else if (track.current !== now) {
      track.safe = track.current || track.safe;
      track.current = now;
    }
    return track.safe;
  };

  /** Subjects per room and event name: the room token check runs once per room, not per event. */
  const subjects = new Map<string, Map<string, string>>();
  const subjectOf = (uniqueId: string, eventName: string): string => {
    let byName = subjects.get(uniqueId);
    if (!byName) {
      byName = new Map();
      subjects.set(uniqueId, byName);
    }
    let subject = byName.get(eventName);
    if (subject === undefined) {
      subject = eventSubject(subjectPrefix, uniqueId, eventName);
      byName.set(eventName, subject);
    }
    return subject;
  };

  /** Queues one event's envelope; `derived` events share their message's id, so their name is added. */
  const offer = (
    client: TikTokLiveClient,
    room: PoolRoom | undefined,
    eventName: string,
    msgId: bigint,
    derived: boolean,
    encode: (uniqueId: string, roomId: string) => Uint8Array,
  ): void => {
    const uniqueId = client.uniqueId;
    const roomId = client.roomId ?? uniqueId;
    const item: Outgoing = {
      subject: subjectOf(uniqueId, eventName),
      data: encode(uniqueId, roomId),
      msgID: msgId === 0n ? undefined : derived ? `${roomId}:${msgId}:${eventName}` : `${roomId}:${msgId}`,
      room: uniqueId,
      cursor: msgId === 0n ? undefined : cursorFor(client, room),
    };
    if (!queue.offer(item)) {
      stats.overflowed++;
      options.onError?.(new SinkOverflowError(uniqueId, eventName, capacity));
    }
  };

  const onEvent = (event: BaseEvent, client: TikTokLiveClient, room: PoolRoom | undefined): void => {
    const base = event.method ? eventClassByMethod.get(event.method) : undefined;
    const derived = base !== undefined && base.eventName !== event.eventName;
    offer(client, room, event.eventName, event.msgId, derived, (u, r) => encodeEnvelope(event, u, r));
  };

  // Messages of their own class (and unknown ones) go from the frame's bytes to the stream without
  // an event object; derived events (a follow is a social message) and lifecycle ones come as events.
  const classes = options.events ?? [...eventClassesByName.values()];
  const rawNames = new Set(classes.filter(isMessageClass).map((c) => c.eventName));
  const evented = classes.filter((c) => !isMessageClass(c));
  const onRaw = (message: RawMessage, client: TikTokLiveClient, room: PoolRoom | undefined): void => {
    const eventName = eventClassByMethod.get(message.method)?.eventName ?? UnknownEvent.eventName;
    if (!rawNames.has(eventName)) return;
    offer(client, room, eventName, message.msgId, false, (u, r) =>
      encodeMessageEnvelope(eventName, message, u, r),
    );
  };
  const offs =
    source instanceof TikTokLiveClient
      ? [
          ...(rawNames.size ? [source.onRawMessage((m) => onRaw(m, source, undefined))] : []),
          ...evented.map((cls) => source.on(cls, (e: BaseEvent) => onEvent(e, source, undefined))),
        ]
      : [
          ...(rawNames.size ? [source.onRawMessage((m, room) => onRaw(m, room.client, room))] : []),
          ...evented.map((cls) => source.on(cls, (e: BaseEvent, room) => onEvent(e, room.client, room))),
        ];

  return {
    get stats() {
      stats.buffered = queue.size;
      return stats;
    },
    flush: () => queue.flushed(),
    forget(uniqueId) {
      cursors.delete(uniqueId);
      reported.delete(uniqueId);
    },
    async close({ flush = true } = {}) {
      for (const off of offs) off();
      if (flush) await queue.flushed();
      queue.close();
    },
  };
}
