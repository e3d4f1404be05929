import type { JetStreamClient } from "@nats-io/jetstream";
import { type KV, Kvm } from "@nats-io/kv";
import { FleetError } from "../errors.js";
import { roomToken } from "../subjects.js";

/** Default KV bucket of the fleet. */
export const defaultFleetBucket = "tiktok_fleet";

/** A room the fleet watches (`rooms.<room>`). */
export interface FleetRoom {
  uniqueId: string;
  /** Root URL of a server with TikTok's routes for this room (a simulator or a proxy); default TikTok. */
  baseUrl?: string;
  addedAt: number;
}

/** Who watches a room until when (`leases.<room>`); taken and renewed by compare-and-set. */
export interface Lease {
  worker: string;
  expiresAt: number;
}

/** What a worker reports on each heartbeat (`workers.<id>`). */
export interface WorkerReport {
  worker: string;
  expiresAt: number;
  rooms: Array<{ uniqueId: string; state: string; eventsPerSecond: number; events: number }>;
}

const encoder = new TextEncoder();
const json = (value: unknown): Uint8Array => encoder.encode(JSON.stringify(value));

/**
 * The fleet's shared state in one JetStream KV bucket: the rooms to watch,
 * who holds each room's lease, each room's resume cursor, and the workers'
 * heartbeats. Leases change only by compare-and-set on the entry's revision,
 * so two workers can never both take a room.
 */
export class FleetStore {
  private constructor(readonly kv: KV) {}

  static async open(js: JetStreamClient, bucket = defaultFleetBucket, replicas = 1): Promise<FleetStore> {
    try {
      return new FleetStore(await new Kvm(js).create(bucket, { history: 1, replicas }));
    } catch (cause) {
      throw new FleetError(`Could not open the fleet bucket "${bucket}"`, { cause });
    }
  }

  async addRoom(uniqueId: string, options: { baseUrl?: string } = {}): Promise<FleetRoom> {
    const room: FleetRoom = {
      uniqueId: uniqueId.replace(/^@/, ""),
      addedAt: Date.now(),
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    };
    await this.kv.put(`rooms.${roomToken(uniqueId)}`, json(room));
    return room;
  }

  async removeRoom(uniqueId: string): Promise<void> {
    await this.kv.delete(`rooms.${roomToken(uniqueId)}`);
  }

  /** Whether the room is in the bucket now (read from the bucket, not from a watch that may lag). */
  async hasRoom(uniqueId: string): Promise<boolean> {
    return (await this.kv.get(`rooms.${roomToken(uniqueId)}`))?.operation === "PUT";
  }

  async rooms(): Promise<FleetRoom[]> {
    return this.#values<FleetRoom>("rooms.>");
  }

  async workers(now: number = Date.now()): Promise<WorkerReport[]> {
    return (await this.#values<WorkerReport>("workers.>")).filter((w) => w.expiresAt > now);
  }

  async leases(): Promise<Map<string, Lease>> {
    const out = new Map<string, Lease>();
    for (const key of await this.#keys("leases.>")) {
      const entry = await this.kv.get(key);
      if (entry?.operation === "PUT") out.set(key.slice("leases.".length), entry.json<Lease>());
    }
    return out;
  }

  async report(report: WorkerReport): Promise<void> {
    await this.kv.put(`workers.${report.worker}`, json(report));
  }

  async retire(worker: string): Promise<void> {
    await this.kv.delete(`workers.${worker}`);
  }

  /**
   * Takes the room's lease if nobody holds a live one: create when there is
   * none, compare-and-set on the revision when it expired. Returns the new
   * revision, or undefined when someone else holds it (or won the race).
   */
  async acquire(uniqueId: string, lease: Lease, now: number = Date.now()): Promise<number | undefined> {
    const key = `leases.${roomToken(uniqueId)}`;
    const entry = await this.kv.get(key);
    try {
      if (entry?.operation !== "PUT") return await this.kv.create(key, json(lease));
      const held = entry.json<Lease>();
      if (held.expiresAt > now && held.worker !== lease.worker) return undefined;
      return await this.kv.update(key, json(lease), entry.revision);
    } catch {
      return undefined; // another worker wrote first: its lease stands
    }
  }

  /** Renews a lease we hold; undefined when it is no longer ours (the revision moved). */
  async renew(uniqueId: string, lease: Lease, revision: number): Promise<number | undefined> {
    try {
      return await this.kv.update(`leases.${roomToken(uniqueId)}`, json(lease), revision);
    } catch {
      return undefined;
    }
  }

  async release(uniqueId: string, revision: number): Promise<void> {
    await this.kv.delete(`leases.${roomToken(uniqueId)}`, { previousSeq: revision }).catch(() => {});
  }

  async cursor(uniqueId: string): Promise<string | undefined> {
    const entry = await this.kv.get(`cursors.${roomToken(uniqueId)}`);
    return entry?.operation === "PUT" ? entry.json<{ cursor: string }>().cursor : undefined;
  }

  async saveCursor(uniqueId: string, cursor: string, worker: string): Promise<void> {
    await this.kv.put(`cursors.${roomToken(uniqueId)}`, json({ cursor, worker, at: Date.now() }));
  }

  async #keys(filter: string): Promise<string[]> {
    const keys: string[] = [];
    for await (const k of await this.kv.keys(filter)) keys.push(k);
    return keys;
  }

  async #values<T>(filter: string): Promise<T[]> {
    const out: T[] = [];
    for (const key of await this.#keys(filter)) {
      const entry = await this.kv.get(key);
      if (entry?.operation === "PUT") out.push(entry.json<T>());
    }
    return out;
  }
}
