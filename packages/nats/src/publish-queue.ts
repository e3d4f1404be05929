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
  /** Publishes of one room awaiting their ack at once. */
  roomWindow: number;
  /** Events held (in flight or waiting) before new ones overflow. */
  capacity: number;
  onStored(item: Outgoing, duplicate: boolean): void;
  /** This item and every one of its room before it are stored: its cursor is safe to save. */
  onCommitted(item: Outgoing): void;
  /** A publish failed and will be sent again (reported once per run of failures). */
  onRetry(error: unknown): void;
  /** `count` events of a room were stored ahead of an earlier one whose publish had failed. */
  onOutOfOrder(room: string, count: number): void;
}

/** A first-in first-out list without the O(n) `shift` of an array, readable by position. */
class Fifo<T> {
  #items: Array<T | undefined> = [];
  #head = 0;
  get size(): number {
    return this.#items.length - this.#head;
  }
  peek(): T | undefined {
    return this.#items[this.#head];
  }
  at(index: number): T | undefined {
    return this.#items[this.#head + index];
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

/** Gives an event's payload a buffer of its own when it is a view into a larger one. */
function ownData(item: Outgoing): void {
  if (item.data.byteLength < item.data.buffer.byteLength) item.data = item.data.slice();
}

const waiting = 0;
const sent = 1;
const stored = 2;
const failed = 3;

interface Entry {
  item: Outgoing;
  state: typeof waiting | typeof sent | typeof stored | typeof failed;
  /** Bumped on every send: a settlement of an older send is ignored. */
  attempt: number;
  /** A send of it failed before: stored later, it may come after events behind it. */
  failedBefore: boolean;
}

interface RoomLane {
  room: string;
  /** Entries not committed yet, in offer order: a stored prefix is committed and leaves. */
  entries: Fifo<Entry>;
  /** Position of the next entry to send. */
  next: number;
  inflight: number;
  /** A publish failed: nothing more is sent until every one in flight has settled. */
  recovering: boolean;
  retryTimer: ReturnType<typeof setTimeout> | undefined;
  retryDelay: number;
  /** In the ready list already. */
  queued: boolean;
}

/**
 * Publishes in order per room, with a bounded window of pending acks per room
 * and over all rooms. A room's publishes go out in order on one connection,
 * and the server handles them in that order, so what it stores of them is
 * always a prefix: a publish lost with a dropped connection takes every later
 * one with it. When one fails, the room sends nothing more until all its
 * publishes in flight have settled, then sends again from the first one not
 * stored (the duplicate window drops a copy that got through after all), so
 * nothing behind a lost event moves before it. The one case this cannot undo
 * is a refusal of one publish while a later one of the same room is stored
 * (a cluster leader change between the two): the sink counts and reports it.
 * A room window of 1 rules that out too, at one round trip per event per room.
 */
export class PublishQueue {
  readonly #lanes = new Map<string, RoomLane>();
  /** Rooms with an entry ready to send, in the order they became ready. */
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
      lane = {
        room: item.room,
        entries: new Fifo(),
        next: 0,
        inflight: 0,
        recovering: false,
        retryTimer: undefined,
        retryDelay: 0,
        queued: false,
      };
      this.#lanes.set(item.room, lane);
    }
    if (this.#held(lane)) ownData(item);
    lane.entries.push({ item, state: waiting, attempt: 0, failedBefore: false });
    this.#size++;
    this.#markReady(lane);
    this.#pump();
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

  /**
   * A room whose events wait for more than a few round trips: recovering
   * from a failure, backing off, or with over four windows of events waiting.
   * Payloads may be views into a buffer shared with other events (the sink's
   * slabs), which one held event would keep alive whole while the rest have
   * gone; a held room's events get buffers of their own, so what a stuck room
   * keeps is its own bytes. (A burst of one frame, up to a few windows, goes
   * through within a few round trips and keeps its views.)
   */
  #held(lane: RoomLane): boolean {
    return (
      lane.recovering || lane.retryTimer !== undefined || lane.entries.size >= 4 * this.options.roomWindow
    );
  }

  #canSend(lane: RoomLane): boolean {
    while (lane.next < lane.entries.size && lane.entries.at(lane.next)!.state === stored) lane.next++;
    return (
      !lane.recovering &&
      lane.retryTimer === undefined &&
      lane.inflight < this.options.roomWindow &&
      lane.next < lane.entries.size
    );
  }

  #markReady(lane: RoomLane): void {
    if (lane.queued || !this.#canSend(lane)) return;
    lane.queued = true;
    this.#ready.push(lane);
  }

  #pump(): void {
    while (!this.#closed && this.#inflight < this.options.window && this.#ready.size > 0) {
      const lane = this.#ready.shift()!;
      lane.queued = false;
      if (!this.#canSend(lane)) continue;
      this.#send(lane);
      // Round robin: the room goes to the back, so one busy room does not take the whole window.
      this.#markReady(lane);
    }
  }

  #send(lane: RoomLane): void {
    const entry = lane.entries.at(lane.next++)!;
    entry.state = sent;
    const attempt = ++entry.attempt;
    lane.inflight++;
    this.#inflight++;
    this.sender.send(entry.item, (duplicate, error) => this.#settled(lane, entry, attempt, duplicate, error));
  }

  #settled(lane: RoomLane, entry: Entry, attempt: number, duplicate: boolean, error: unknown): void {
    // A late answer to a send that was given up on (timed out, failed with a reconnect).
    if (attempt !== entry.attempt || entry.state !== sent) return;
    lane.inflight--;
    this.#inflight--;
    if (error !== undefined) {
      entry.state = failed;
      entry.failedBefore = true;
      if (!this.#failing) {
        this.#failing = true;
        this.options.onRetry(error);
      }
      if (!lane.recovering) for (let i = 0; i < lane.entries.size; i++) ownData(lane.entries.at(i)!.item);
      lane.recovering = true;
      if (lane.inflight === 0) this.#recover(lane);
      this.#pump();
      return;
    }
    this.#failing = false;
    lane.retryDelay = 0;
    entry.state = stored;
    if (entry.failedBefore && !duplicate) this.#countOvertakers(lane, entry);
    this.options.onStored(entry.item, duplicate);
    this.#commit(lane);
    if (lane.recovering && lane.inflight === 0) this.#recover(lane);
    else this.#markReady(lane);
    this.#pump();
  }

  /** An event stored only now, after a failure: later ones of its room already stored overtook it. */
  #countOvertakers(lane: RoomLane, entry: Entry): void {
    let past = false;
    let count = 0;
    for (let i = 0; i < lane.entries.size; i++) {
      const e = lane.entries.at(i)!;
      if (e === entry) past = true;
      else if (past && e.state === stored) count++;
    }
    if (count > 0) this.options.onOutOfOrder(lane.room, count);
  }

  /** Commits the stored prefix of a room, in order. */
  #commit(lane: RoomLane): void {
    while (lane.entries.peek()?.state === stored) {
      const entry = lane.entries.shift()!;
      lane.next--;
      this.#size--;
      this.options.onCommitted(entry.item);
    }
    if (lane.next < 0) lane.next = 0;
    if (lane.entries.size === 0 && lane.inflight === 0 && !lane.retryTimer) this.#lanes.delete(lane.room);
    if (this.#size === 0) {
      const waiters = this.#idle;
      this.#idle = [];
      for (const w of waiters) w();
    }
  }

  /** Every publish of a failed room has settled: send again from the first one not stored, after a back-off. */
  #recover(lane: RoomLane): void {
    lane.recovering = false;
    lane.next = 0;
    for (let i = 0; i < lane.entries.size; i++) {
      const e = lane.entries.at(i)!;
      if (e.state === failed) e.state = waiting;
    }
    lane.retryDelay = Math.min(2_000, Math.max(50, lane.retryDelay * 2));
    lane.retryTimer = setTimeout(() => {
      lane.retryTimer = undefined;
      if (this.#closed) return;
      this.#markReady(lane);
      this.#pump();
    }, lane.retryDelay);
  }

  /** The connection is back: rooms waiting for a retry go now instead of after their back-off. */
  #retryNow(): void {
    if (this.#closed) return;
    for (const lane of this.#lanes.values()) {
      if (!lane.retryTimer) continue;
      clearTimeout(lane.retryTimer);
      lane.retryTimer = undefined;
      lane.retryDelay = 0;
      this.#markReady(lane);
    }
    this.#pump();
  }
}
