import type { BaseEvent, EventClass } from "@tiktok-live/proto";
import { type Logger, silentLogger } from "../capabilities.js";
import type { TikTokLiveClientOptions } from "../client/options.js";
import { normalizeUniqueId } from "../client/options.js";
import type { TikTokLiveClient } from "../client/tiktok-live-client.js";
import { InvalidOptionError, InvalidStateError, type TikTokLiveError } from "../errors/errors.js";
import type { RawMessage } from "../events/message-router.js";
import { budgetedFetch } from "./budgeted-fetch.js";
import { PoolRoom, type PoolRoomState } from "./pool-room.js";
import { RequestBudget, type RequestBudgetOptions } from "./request-budget.js";

/** Makes the client of one room; the runtime adapters pass their `TikTokLiveClient`. */
export type PoolClientFactory = (uniqueId: string, options: TikTokLiveClientOptions) => TikTokLiveClient;

export interface TikTokLivePoolOptions {
  createClient: PoolClientFactory;
  /** Options for every room's client (the pool replaces `fetch` with one that spends the shared budget). */
  clientOptions?: TikTokLiveClientOptions;
  /** The shared budget for sign-server requests and room lookups, or its settings. */
  budget?: RequestBudget | RequestBudgetOptions;
  /** Mean time between polls of a room that is not live. Default 60 s. */
  pollIntervalMs?: number;
  /** Each poll interval is spread by ± this fraction so rooms do not poll in step. Default 0.3. */
  pollJitter?: number;
  /** Minimum time between two rooms starting to connect. Default 200 ms. */
  connectStaggerMs?: number;
  logger?: Logger;
  /** Random numbers in [0, 1), replaceable in tests. */
  random?: () => number;
}

/** What `pool.rooms` tells about each room. */
export interface PoolRoomInfo {
  uniqueId: string;
  roomId: string | undefined;
  state: PoolRoomState;
  events: number;
  lastError: string | undefined;
}

type RawListener = (message: RawMessage, room: PoolRoom) => void;

/**
 * One `on`, `events()` or `onRawMessage` subscription, attached to every room:
 * the rooms present when it was made and every room added later. Keeping each
 * room's remover is what lets unsubscribing (or a finished `events()` loop)
 * detach from rooms added after it, and `remove()` drop a room's attachments.
 */
interface Subscription {
  /** The event class listened to; undefined for raw-message listeners. */
  readonly key?: EventClass;
  /** Made by `events()`: counted by `listenerCount`, left alone by `removeAllListeners`. */
  readonly internal: boolean;
  readonly attach: (room: PoolRoom) => () => void;
  readonly offs: Map<PoolRoom, () => void>;
}

/**
 * Many rooms at once. Rooms that are not live are polled at a jittered rate
 * and connect when they go live; rooms whose LIVE ends go back to waiting.
 * Requests to the sign server and TikTok's lookups spend one shared token
 * bucket, and connects are staggered, so adding 1,000 rooms never bursts the
 * sign server. Each room reconnects and dedupes on its own; one room's
 * failure never touches another.
 *
 * @example
 * const pool = new TikTokLivePool({ createClient: (id, o) => new TikTokLiveClient(id, o) });
 * pool.on(CommentEvent, (e, room) => console.log(room.uniqueId, e.comment));
 * pool.add("@a");
 * pool.add("@b");
 */
export class TikTokLivePool {
  readonly budget: RequestBudget;
  readonly #options: TikTokLivePoolOptions;
  readonly #rooms = new Map<string, PoolRoom>();
  readonly #subscriptions = new Set<Subscription>();
  readonly #errorHandlers = new Set<(error: TikTokLiveError, room: PoolRoom) => void>();
  readonly #stateHandlers = new Set<(room: PoolRoom) => void>();
  readonly #random: () => number;
  readonly #logger: Logger;
  #nextConnectAt = 0;
  #closed = false;

  constructor(options: TikTokLivePoolOptions) {
    if (typeof options?.createClient !== "function")
      throw new InvalidOptionError("TikTokLivePool needs createClient");
    const jitter = options.pollJitter ?? 0.3;
    if (!(jitter >= 0 && jitter < 1)) throw new InvalidOptionError("pollJitter must be in [0, 1)");
    this.#options = options;
    this.budget =
      options.budget instanceof RequestBudget ? options.budget : new RequestBudget(options.budget);
    this.#random = options.random ?? Math.random;
    this.#logger = options.logger ?? silentLogger;
  }

  /** Every room with its state, in the order they were added. */
  get rooms(): PoolRoomInfo[] {
    return [...this.#rooms.values()].map((r) => ({
      uniqueId: r.uniqueId,
      roomId: r.roomId,
      state: r.state,
      events: r.events,
      lastError: r.lastError?.message,
    }));
  }

  room(uniqueId: string): PoolRoom | undefined {
    return this.#rooms.get(normalizeUniqueId(uniqueId));
  }

  has(uniqueId: string): boolean {
    return this.#rooms.has(normalizeUniqueId(uniqueId));
  }

  /**
   * Starts watching a room (a no-op if it is already in the pool).
   * `resumeCursor` makes its first connect resume a stream seen elsewhere.
   */
  add(uniqueId: string, options: { resumeCursor?: string } = {}): PoolRoom {
    if (this.#closed) throw new InvalidStateError("The pool is closed");
    const id = normalizeUniqueId(uniqueId);
    const existing = this.#rooms.get(id);
    if (existing) return existing;
    const base = this.#options.clientOptions ?? {};
    const client = this.#options.createClient(id, {
      ...base,
      fetch: budgetedFetch(base.fetch ?? ((input, init) => globalThis.fetch(input, init)), this.budget),
    });
    const room = new PoolRoom(client, {
      nextPollDelay: () => this.#pollDelay(),
      connectSlot: (signal) => this.#connectSlot(signal),
      onError: (error, r) => {
        if (this.#errorHandlers.size === 0)
          this.#logger.warn(`[tiktok-live] pool room ${r.uniqueId}: ${error.message}`);
        for (const h of this.#errorHandlers) h(error, r);
      },
      onStateChange: (r) => {
        for (const h of this.#stateHandlers) h(r);
      },
    });
    room.resumeCursor = options.resumeCursor;
    this.#rooms.set(id, room);
    for (const sub of this.#subscriptions) sub.offs.set(room, sub.attach(room));
    room.start();
    return room;
  }

  /** Stops watching a room; resolves once its client has disconnected. */
  async remove(uniqueId: string): Promise<void> {
    const id = normalizeUniqueId(uniqueId);
    const room = this.#rooms.get(id);
    if (!room) return;
    this.#rooms.delete(id);
    // Detached only once stopped, so listeners still see the room's DisconnectEvent.
    await room.stop();
    for (const sub of this.#subscriptions) {
      sub.offs.get(room)?.();
      sub.offs.delete(room);
    }
  }

  /** Subscribes every room, present and future, to an event; the handler also gets the room. */
  on<E extends BaseEvent>(cls: EventClass<E>, handler: (event: E, room: PoolRoom) => unknown): () => void {
    return this.#on(cls, handler, false);
  }

  /** Whether a handler added with `on` (or an `events()` loop) waits for that event class. */
  hasListener<E extends BaseEvent>(cls: EventClass<E>): boolean {
    return this.listenerCount(cls) > 0;
  }

  /** How many handlers added with `on` (and `events()` loops) wait for that event class. */
  listenerCount<E extends BaseEvent>(cls: EventClass<E>): number {
    let count = 0;
    for (const sub of this.#subscriptions) if (sub.key === cls) count++;
    return count;
  }

  /**
   * Removes the handlers added with `on`, for that event class or, without an
   * argument, for every class, from every room. `events()` loops keep theirs
   * (they end when the loop breaks or the pool closes), as raw-message listeners do.
   */
  removeAllListeners<E extends BaseEvent>(cls?: EventClass<E>): void {
    for (const sub of [...this.#subscriptions])
      if (sub.key !== undefined && !sub.internal && (cls === undefined || sub.key === cls))
        this.#unsubscribe(sub);
  }

  /** Every room's messages undecoded, with the room (see `TikTokLiveClient.onRawMessage`). */
  onRawMessage(listener: RawListener): () => void {
    return this.#subscribe({
      internal: false,
      // Raw messages count towards the room's `events` as events of its listeners do.
      attach: (room) =>
        room.client.onRawMessage((m) => {
          room.events++;
          listener(m, room);
        }),
      offs: new Map(),
    });
  }

  /** Errors of any room, with the room. Without a handler they are logged as warnings. */
  onError(handler: (error: TikTokLiveError, room: PoolRoom) => void): () => void {
    this.#errorHandlers.add(handler);
    return () => this.#errorHandlers.delete(handler);
  }

  /** A room changed state (waiting, connecting, live, …). */
  onRoomState(handler: (room: PoolRoom) => void): () => void {
    this.#stateHandlers.add(handler);
    return () => this.#stateHandlers.delete(handler);
  }

  /**
   * Async iterator of `{ event, room }` for the given classes, across all
   * rooms, in arrival order; ends when the loop breaks or the pool closes.
   */
  events<E extends BaseEvent>(
    ...classes: Array<EventClass<E>>
  ): AsyncIterableIterator<{ event: E; room: PoolRoom }> {
    type Item = { event: E; room: PoolRoom };
    const buffered: Item[] = [];
    let wake: ((r: IteratorResult<Item>) => void) | undefined;
    let done = false;
    const offs = classes.map((cls) =>
      this.#on(
        cls,
        (event: E, room) => {
          if (wake) {
            const w = wake;
            wake = undefined;
            w({ value: { event, room }, done: false });
          } else buffered.push({ event, room });
        },
        true,
      ),
    );
    const finish = () => {
      done = true;
      for (const off of offs) off();
      this.#finishers.delete(finish);
      wake?.({ value: undefined, done: true });
      wake = undefined;
    };
    this.#finishers.add(finish);
    const iterator: AsyncIterableIterator<Item> = {
      next: () => {
        const value = buffered.shift();
        if (value) return Promise.resolve({ value, done: false });
        if (done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => {
          wake = resolve;
        });
      },
      return: () => {
        finish();
        buffered.length = 0;
        return Promise.resolve({ value: undefined, done: true });
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  readonly #finishers = new Set<() => void>();

  /** Disconnects every room and ends `events()` iterators. */
  async close(): Promise<void> {
    this.#closed = true;
    const rooms = [...this.#rooms.values()];
    this.#rooms.clear();
    await Promise.all(rooms.map((r) => r.stop()));
    for (const f of [...this.#finishers]) f();
  }

  #on<E extends BaseEvent>(
    cls: EventClass<E>,
    handler: (event: E, room: PoolRoom) => unknown,
    internal: boolean,
  ): () => void {
    if (typeof handler !== "function") throw new InvalidOptionError("The handler must be a function");
    return this.#subscribe({
      key: cls,
      internal,
      // Events a listener receives count towards the room's `events`.
      attach: (room) =>
        room.client.on(cls, (event) => {
          room.events++;
          return handler(event, room);
        }),
      offs: new Map(),
    });
  }

  #subscribe(sub: Subscription): () => void {
    this.#subscriptions.add(sub);
    for (const room of this.#rooms.values()) sub.offs.set(room, sub.attach(room));
    return () => this.#unsubscribe(sub);
  }

  #unsubscribe(sub: Subscription): void {
    if (!this.#subscriptions.delete(sub)) return;
    for (const off of sub.offs.values()) off();
    sub.offs.clear();
  }

  #pollDelay(): number {
    const mean = this.#options.pollIntervalMs ?? 60_000;
    const jitter = this.#options.pollJitter ?? 0.3;
    return Math.round(mean * (1 - jitter + 2 * jitter * this.#random()));
  }

  /** Hands out connect start times at least `connectStaggerMs` apart, in call order. */
  async #connectSlot(signal: AbortSignal): Promise<void> {
    const stagger = this.#options.connectStaggerMs ?? 200;
    const now = Date.now();
    const at = Math.max(now, this.#nextConnectAt);
    this.#nextConnectAt = at + stagger;
    if (at > now) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(done, at - now);
        signal.addEventListener("abort", done, { once: true });
      });
    }
  }
}
