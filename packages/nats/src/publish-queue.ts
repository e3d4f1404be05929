import type { PublishSender } from "./publish-sender.js";

/** One event waiting for its publish to be acknowledged. */
export interface Outgoing {
  subject: string;
  data: Uint8Array;
  msgID: string | undefined;
  /** Room key (uniqueId) and the resume cursor that is safe once this event is stored. */
  room: string;
  cursor: string | undefined;
}

export interface PublishQueueOptions {
  /** Publishes awaiting their ack at once, over all rooms. */
  window: number;
  /** Events held (in flight or waiting) before new ones overflow. */
  capacity: number;
  onStored(item: Outgoing, duplicate: boolean): void;
  /** This item and every one of its room before it are stored: its cursor is safe to save. */
  onCommitted(item: Outgoing): void;
  /** A publish failed and will be sent again (reported once per run of failures). */
  onRetry(error: unknown): void;
}

/** A first-in first-out list without the O(n) `shift` of an array. */
class Fifo<T> {
  #items: Array<T | undefined> = [];
  #head = 0;
  get size(): number {
    return this.#items.length - this.#head;
  }
  peek(): T | undefined {
    return this.#items[this.#head];
  }
  push(item: T): void {
    this.#items.push(item);
  }
  shift(): T | undefined {
    if (this.#head >= this.#items.length) return undefined;
    const item = this.#items[this.#head];
    this.#items[this.#head++] = undefined;
    if (this.#head === this.#items.length) {
      this.#items = [];
      this.#head = 0;
    } else if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return item;
  }
}

interface RoomLane {
  items: Fifo<Outgoing>;
  /** The head is sent and not settled yet. */
  sending: boolean;
  /** The head is waiting for its retry timer. */
  retryTimer: ReturnType<typeof setTimeout> | undefined;
  retryDelay: number;
  /** Bumped on every send of the head: a settlement of an older send is ignored. */
  attempt: number;
}

/**
 * Publishes in order per room, with a bounded window of pending acks over all
 * rooms. Each room has at most one unacknowledged publish: JetStream checks
 * nothing about order, so with two of a room in flight a failure of the first
 * (sent into a connection that dropped, refused while the stream recovers
 * after a restart, a leader change) while the second goes through would store
 * them in the wrong order, and no retry can undo that. One at a time per room,
 * a failed head is simply sent again (the server's duplicate window drops it if
 * it was stored after all) and nothing behind it moves before it is stored.
 * Throughput comes from the many rooms a sink serves at once; one room is
 * bounded by one round trip per event.
 */
export class PublishQueue {
  readonly #lanes = new Map<string, RoomLane>();
  /** Rooms whose head is ready to send, in the order they became ready. */
  readonly #ready = new Fifo<RoomLane>();
  #size = 0;
  #inflight = 0;
  #failing = false;
  #idle: Array<() => void> = [];
  #closed = false;

  constructor(
    private readonly sender: PublishSender,
    private readonly options: PublishQueueOptions,
  ) {
    sender.onReconnect(() => this.#retryNow());
  }

  /** Events held: in flight plus waiting. */
  get size(): number {
    return this.#size;
  }

  get inflight(): number {
    return this.#inflight;
  }

  /** False when full: the caller counts and reports the overflow. */
  offer(item: Outgoing): boolean {
    if (this.#size >= this.options.capacity) return false;
    let lane = this.#lanes.get(item.room);
    if (!lane) {
      lane = { items: new Fifo(), sending: false, retryTimer: undefined, retryDelay: 0, attempt: 0 };
      this.#lanes.set(item.room, lane);
    }
    lane.items.push(item);
    this.#size++;
    if (lane.items.size === 1 && !lane.sending && !lane.retryTimer) {
      this.#ready.push(lane);
      this.#pump();
    }
    return true;
  }

  /** Resolves once everything offered so far is acknowledged. */
  flushed(): Promise<void> {
    if (this.#size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  close(): void {
    this.#closed = true;
    for (const lane of this.#lanes.values()) if (lane.retryTimer) clearTimeout(lane.retryTimer);
    this.sender.close();
  }

  #pump(): void {
    while (!this.#closed && this.#inflight < this.options.window && this.#ready.size > 0) {
      this.#send(this.#ready.shift()!);
    }
  }

  #send(lane: RoomLane): void {
    const item = lane.items.peek();
    if (!item) return;
    lane.sending = true;
    const attempt = ++lane.attempt;
    this.#inflight++;
    this.sender.send(item, (duplicate, error) => this.#settled(lane, attempt, duplicate, error));
  }

  #settled(lane: RoomLane, attempt: number, duplicate: boolean, error: unknown): void {
    // A late answer to a send that was given up on (timed out, resent after a reconnect).
    if (attempt !== lane.attempt || !lane.sending) return;
    lane.sending = false;
    this.#inflight--;
    if (error !== undefined) {
      if (!this.#failing) {
        this.#failing = true;
        this.options.onRetry(error);
      }
      lane.retryDelay = Math.min(2_000, Math.max(50, lane.retryDelay * 2));
      lane.retryTimer = setTimeout(() => {
        lane.retryTimer = undefined;
        if (this.#closed) return;
        this.#ready.push(lane);
        this.#pump();
      }, lane.retryDelay);
      this.#pump();
      return;
    }
    this.#failing = false;
    lane.retryDelay = 0;
    const item = lane.items.shift()!;
    this.#size--;
    this.options.onStored(item, duplicate);
    this.options.onCommitted(item);
    if (lane.items.size > 0) this.#ready.push(lane);
    else this.#lanes.delete(item.room);
    if (this.#size === 0) {
      const waiters = this.#idle;
      this.#idle = [];
      for (const w of waiters) w();
    }
    this.#pump();
  }

  /** The connection is back: heads waiting for a retry go now instead of after their backoff. */
  #retryNow(): void {
    if (this.#closed) return;
    for (const lane of this.#lanes.values()) {
      if (!lane.retryTimer) continue;
      clearTimeout(lane.retryTimer);
      lane.retryTimer = undefined;
      lane.retryDelay = 0;
      this.#ready.push(lane);
    }
    this.#pump();
  }
}
