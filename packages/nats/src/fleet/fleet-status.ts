import { roomToken } from "../subjects.js";
import type { FleetStore } from "./fleet-store.js";

/** One line of `tiktok-live fleet ls` and of the dashboard. */
export interface FleetRoomStatus {
  uniqueId: string;
  /** The worker holding the room's lease, if a live one does. */
  worker: string | undefined;
  /** The room's state on that worker (`waiting`, `live`, …); `unassigned` without a worker. */
  state: string;
  eventsPerSecond: number;
  events: number;
}

/** Rooms with their workers, states and rates, from the bucket's leases and the workers' last heartbeats. */
export async function fleetStatus(store: FleetStore, now: number = Date.now()): Promise<FleetRoomStatus[]> {
  const [rooms, leases, workers] = await Promise.all([store.rooms(), store.leases(), store.workers(now)]);
  const reported = new Map<string, { state: string; eventsPerSecond: number; events: number }>();
  for (const w of workers) for (const r of w.rooms) reported.set(`${w.worker}/${roomToken(r.uniqueId)}`, r);
  return rooms
    .map((room) => {
      const token = roomToken(room.uniqueId);
      const lease = leases.get(token);
      const worker = lease && lease.expiresAt > now ? lease.worker : undefined;
      const stats = worker ? reported.get(`${worker}/${token}`) : undefined;
      return {
        uniqueId: room.uniqueId,
        worker,
        state: worker ? (stats?.state ?? "starting") : "unassigned",
        eventsPerSecond: stats?.eventsPerSecond ?? 0,
        events: stats?.events ?? 0,
      };
    })
    .sort((a, b) => a.uniqueId.localeCompare(b.uniqueId));
}
