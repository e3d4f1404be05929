import type { JetStreamClient } from "@nats-io/jetstream";
import {
  type PoolClientFactory,
  type RequestBudget,
  type RequestBudgetOptions,
  type TikTokLiveClientOptions,
  TikTokLivePool,
} from "@tiktok-live/core";
import { FleetError } from "../errors.js";
import { type EventSink, type PublishEventsOptions, publishEvents } from "../sink.js";
import { roomToken } from "../subjects.js";
import { defaultFleetBucket, type FleetRoom, FleetStore } from "./fleet-store.js";

export interface FleetWorkerOptions {
  js: JetStreamClient;
  /** The runtime's client, e.g. `(id, o) => new TikTokLiveClient(id, o)` from `@tiktok-live/node`. */
  createClient: PoolClientFactory;
  /** Unique per process; default a random id. */
  workerId?: string;
  /** A lease not renewed for this long lets another worker take the room. Default 15 s. */
  leaseTtlMs?: number;
  /** Heartbeat (lease renewal, rebalancing, stats). Default a third of the TTL. */
  heartbeatMs?: number;
  bucket?: string;
  clientOptions?: TikTokLiveClientOptions;
  /**
   * This worker's share of the fleet's sign-server budget. The default
   * divides `fleetBudgetPerSecond` (5/s) by the number of live workers.
   */
  budget?: RequestBudget | RequestBudgetOptions;
  fleetBudgetPerSecond?: number;
  /** Polls of rooms that are not live. Default 60 s, jittered. */
  pollIntervalMs?: number;
  /** Sink options (stream, subjects, buffer sizes). */
  sink?: Omit<PublishEventsOptions, "onCursor">;
  /** Failures of rooms, leases and publishing; default nothing. */
  onError?: (error: Error) => void;
}

interface Owned {
  uniqueId: string;
  revision: number;
  lastEvents: number;
  lastAt: number;
  eventsPerSecond: number;
}

/**
 * One process of the fleet. Rooms to watch live in the KV bucket; the
 * worker takes its fair share of their leases (compare-and-set on the
 * revision), renews them on each heartbeat, watches the rooms with a pool,
 * publishes their events with the sink, and stores each room's resume
 * cursor once the events before it are in the stream. When a worker dies its
 * leases expire, another worker takes the rooms and resumes each from its
 * cursor: the server's duplicate window drops what the dead worker had
 * already published, so consumers see every event once, in order.
 */
export class FleetWorker {
  readonly workerId: string;
  readonly #options: FleetWorkerOptions;
  readonly #ttl: number;
  #store: FleetStore | undefined;
  #pool: TikTokLivePool | undefined;
  #sink: EventSink | undefined;
  readonly #rooms = new Map<string, FleetRoom>();
  readonly #owned = new Map<string, Owned>();
  readonly #cursors = new Map<string, string>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #cursorTimer: ReturnType<typeof setInterval> | undefined;
  #watching = false;
  #stopped = false;
  #tick: Promise<void> = Promise.resolve();

  constructor(options: FleetWorkerOptions) {
    this.#options = options;
    this.workerId = options.workerId ?? `w${Math.random().toString(36).slice(2, 10)}`;
    if (!/^[A-Za-z0-9_-]+$/.test(this.workerId)) throw new FleetError(`Bad worker id "${this.workerId}"`);
    this.#ttl = options.leaseTtlMs ?? 15_000;
  }

  /** Rooms this worker holds now. */
  get rooms(): string[] {
    return [...this.#owned.keys()];
  }

  get sink(): EventSink | undefined {
    return this.#sink;
  }

  get pool(): TikTokLivePool | undefined {
    return this.#pool;
  }

  async start(): Promise<void> {
    const o = this.#options;
    this.#store = await FleetStore.open(o.js, o.bucket ?? defaultFleetBucket);
    this.#pool = new TikTokLivePool({
      createClient: (id, clientOptions) => {
        const base = this.#rooms.get(roomToken(id))?.baseUrl;
        return o.createClient(id, {
          ...clientOptions,
          ...(base
            ? { baseUrls: { web: base, webcast: `${base}/webcast`, signServer: `${base}/sign` } }
            : {}),
        });
      },
      budget: o.budget ?? { ratePerSecond: o.fleetBudgetPerSecond ?? 5, burst: 10 },
      ...(o.clientOptions ? { clientOptions: o.clientOptions } : {}),
      ...(o.pollIntervalMs !== undefined ? { pollIntervalMs: o.pollIntervalMs } : {}),
    });
    this.#pool.onError((error) => o.onError?.(error));
    this.#sink = await publishEvents(this.#pool, o.js, {
      ...o.sink,
      ...(o.onError ? { onError: o.onError } : {}),
      onCursor: (uniqueId, cursor) => this.#cursors.set(uniqueId, cursor),
    });
    this.#cursorTimer = setInterval(() => void this.#saveCursors(), 200);
    await this.#heartbeat();
  }

  /** Stops watching, stores the last cursors and gives the leases back so others take over at once. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    if (this.#cursorTimer) clearInterval(this.#cursorTimer);
    await this.#tick;
    const last = new Map(
      (this.#pool?.rooms ?? []).map((r) => [r.uniqueId, this.#pool?.room(r.uniqueId)?.client.resumeCursor]),
    );
    await this.#pool?.close();
    await this.#sink?.close();
    for (const [uniqueId, cursor] of last)
      if (cursor && !this.#cursors.has(uniqueId)) this.#cursors.set(uniqueId, cursor);
    await this.#saveCursors();
    for (const owned of this.#owned.values()) await this.#store?.release(owned.uniqueId, owned.revision);
    this.#owned.clear();
    await this.#store?.retire(this.workerId).catch(() => {});
  }

  async #saveCursors(): Promise<void> {
    const pending = [...this.#cursors];
    this.#cursors.clear();
    for (const [uniqueId, cursor] of pending) {
      // Only for rooms still ours: a room taken over meanwhile belongs to its new worker's cursor.
      if (!this.#owned.has(roomToken(uniqueId))) continue;
      await this.#store?.saveCursor(uniqueId, cursor, this.workerId).catch((error: unknown) => {
        if (!this.#cursors.has(uniqueId)) this.#cursors.set(uniqueId, cursor);
        this.#options.onError?.(new FleetError("Could not store a resume cursor", { cause: error }));
      });
    }
  }

  async #watchRooms(): Promise<void> {
    const store = this.#store!;
    this.#watching = true;
    try {
      const watch = await store.kv.watch({ key: "rooms.>" });
      void (async () => {
        try {
          for await (const e of watch) {
            const token = e.key.slice("rooms.".length);
            if (e.operation === "PUT") this.#rooms.set(token, e.json<FleetRoom>());
            else this.#rooms.delete(token);
          }
        } finally {
          this.#watching = false;
        }
      })();
    } catch (error) {
      this.#watching = false;
      throw error;
    }
  }

  #schedule(): void {
    if (this.#stopped) return;
    const every = this.#options.heartbeatMs ?? Math.max(100, Math.floor(this.#ttl / 3));
    this.#timer = setTimeout(() => {
      this.#tick = this.#heartbeat();
    }, every);
  }

  async #heartbeat(): Promise<void> {
    try {
      if (!this.#watching) await this.#watchRooms();
      await this.#report();
      await this.#renew();
      await this.#dropRemoved();
      await this.#claim();
    } catch (error) {
      this.#options.onError?.(new FleetError("Fleet heartbeat failed", { cause: error }));
    } finally {
      this.#schedule();
    }
  }

  #lease() {
    return { worker: this.workerId, expiresAt: Date.now() + this.#ttl };
  }

  async #renew(): Promise<void> {
    for (const [token, owned] of [...this.#owned]) {
      const uniqueId = owned.uniqueId;
      const revision = await this.#store!.renew(uniqueId, this.#lease(), owned.revision);
      if (revision === undefined) {
        // Someone else holds it now (we were away longer than the TTL): let go at once.
        this.#owned.delete(token);
        await this.#pool!.remove(uniqueId);
        this.#sink!.forget(uniqueId);
      } else owned.revision = revision;
    }
  }

  async #dropRemoved(): Promise<void> {
    for (const [token, owned] of [...this.#owned]) {
      if (this.#rooms.has(token)) continue;
      const uniqueId = owned.uniqueId;
      this.#owned.delete(token);
      await this.#pool!.remove(uniqueId);
      this.#sink!.forget(uniqueId);
      await this.#store!.release(uniqueId, owned.revision);
    }
  }

  /** Takes free or expired rooms up to a fair share: rooms ÷ live workers, rounded up. */
  async #claim(): Promise<void> {
    const store = this.#store!;
    const workers = await store.workers();
    const live = new Set(workers.map((w) => w.worker));
    live.add(this.workerId);
    const share = Math.ceil(this.#rooms.size / live.size);
    if (!this.#options.budget) {
      // The fleet's sign budget, split between the workers alive now.
      const rate = (this.#options.fleetBudgetPerSecond ?? 5) / live.size;
      if (this.#pool!.budget.ratePerSecond !== rate) this.#pool!.budget.setRate(rate);
    }
    if (this.#owned.size > share) await this.#shed(this.#owned.size - share);
    if (this.#owned.size >= share) return;
    const leases = await store.leases();
    const now = Date.now();
    for (const [token, room] of this.#rooms) {
      if (this.#owned.size >= share || this.#stopped) break;
      if (this.#owned.has(token)) continue;
      const held = leases.get(token);
      if (held && held.expiresAt > now) continue;
      const revision = await store.acquire(room.uniqueId, this.#lease(), now);
      if (revision === undefined) continue;
      // Our watch may not have seen a removal yet: the owner let go of a removed room and we would
      // take it back and resume it. The bucket decides, read after the lease is ours, so a removal
      // after this read reaches the watch and #dropRemoved.
      if (!(await store.hasRoom(room.uniqueId))) {
        this.#rooms.delete(token);
        await store.release(room.uniqueId, revision);
        continue;
      }
      const cursor = await store.cursor(room.uniqueId);
      this.#owned.set(token, {
        uniqueId: room.uniqueId,
        revision,
        lastEvents: 0,
        lastAt: Date.now(),
        eventsPerSecond: 0,
      });
      this.#sink!.forget(room.uniqueId);
      this.#pool!.add(room.uniqueId, cursor ? { resumeCursor: cursor } : {});
    }
  }

  /**
   * Hands rooms over when this worker holds more than its share (workers
   * joined): stop the room, wait until its events are in the stream, store
   * its cursor, then release the lease, so the next worker resumes exactly there.
   */
  async #shed(count: number): Promise<void> {
    for (const [token, owned] of [...this.#owned].slice(-count)) {
      const uniqueId = owned.uniqueId;
      // The client's cursor now: once the room is stopped and the sink flushed, everything up to
      // it is in the stream, even when no event came yet (the room was only just connected).
      const last = this.#pool!.room(uniqueId)?.client.resumeCursor;
      await this.#pool!.remove(uniqueId);
      await this.#sink!.flush();
      if (last && !this.#cursors.has(uniqueId)) this.#cursors.set(uniqueId, last);
      await this.#saveCursors();
      this.#owned.delete(token);
      this.#sink!.forget(uniqueId);
      await this.#store!.release(uniqueId, owned.revision);
    }
  }

  async #report(): Promise<void> {
    const now = Date.now();
    const rooms = this.#pool!.rooms.map((r) => {
      const owned = this.#owned.get(roomToken(r.uniqueId));
      if (owned) {
        const seconds = Math.max(0.001, (now - owned.lastAt) / 1000);
        owned.eventsPerSecond = Math.round(((r.events - owned.lastEvents) / seconds) * 10) / 10;
        owned.lastEvents = r.events;
        owned.lastAt = now;
      }
      return {
        uniqueId: r.uniqueId,
        state: r.state,
        events: r.events,
        eventsPerSecond: owned?.eventsPerSecond ?? 0,
      };
    });
    await this.#store!.report({ worker: this.workerId, expiresAt: now + this.#ttl, rooms });
  }
}
