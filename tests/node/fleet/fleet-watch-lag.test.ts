/**
 * A worker whose watch of the rooms lags behind a removal must not take the
 * removed room back. The owner sees the removal first and lets go of the
 * lease; the lagging worker still lists the room, finds the lease free and
 * takes it. It must then read the bucket, find the room gone and let go,
 * instead of resuming a room nobody asked for. The lag is made certain by
 * holding back the removals that worker's watch delivers, so this fails every
 * time the check is missing, not only when the timing is unlucky.
 */
import { jetstream } from "@nats-io/jetstream";
import { connect } from "@nats-io/transport-node";
import { FleetStore, FleetWorker } from "@tiktok-live/nats";
import { TikTokLiveClient } from "@tiktok-live/node";
import { describe, expect, it, vi } from "vitest";
import { NatsServerProcess } from "../../shared/nats-server.js";
import { scriptedRoom } from "./fleet-harness.js";

type KV = FleetStore["kv"];
type KvEntry = Awaited<ReturnType<KV["get"]>> & {};

/** Makes `kv.watch` deliver PUTs and hold back every removal, for as long as the test runs. */
function lagRemovals(kv: KV) {
  const delivered: string[] = [];
  const held: KvEntry[] = [];
  const realWatch = kv.watch.bind(kv);
  kv.watch = (async (options?: Parameters<KV["watch"]>[0]) => {
    const upstream = await realWatch(options);
    async function* lagging(): AsyncGenerator<KvEntry> {
      for await (const entry of upstream) {
        if (entry.operation !== "PUT") held.push(entry);
        else {
          delivered.push(entry.key);
          yield entry;
        }
      }
    }
    return lagging();
  }) as unknown as KV["watch"];
  return { delivered, held };
}

describe("fleet worker with a lagging watch", () => {
  it("does not take back a room that was removed while its watch still listed it", async () => {
    const server = await NatsServerProcess.start();
    const nc = await connect({ servers: server.url });
    const js = jetstream(nc);
    const sim = await scriptedRoom(90, 2_000, 20);
    const workers: FleetWorker[] = [];
    const open = FleetStore.open.bind(FleetStore);
    try {
      const store = await FleetStore.open(js);
      await store.addRoom(sim.uniqueId, { baseUrl: sim.baseUrls.web });
      const options = {
        js,
        createClient: (id: string, o: ConstructorParameters<typeof TikTokLiveClient>[1]) =>
          new TikTokLiveClient(id, o),
        leaseTtlMs: 3_000,
        heartbeatMs: 100,
        pollIntervalMs: 300,
        budget: { ratePerSecond: 400, burst: 10 },
      };

      const owner = new FleetWorker({ ...options, workerId: "owner" });
      workers.push(owner);
      await owner.start();
      await expect.poll(() => owner.rooms.length, { timeout: 10_000 }).toBe(1);

      // The second worker's store holds back what its watch says of removals.
      let lag: ReturnType<typeof lagRemovals> | undefined;
      const spy = vi.spyOn(FleetStore, "open").mockImplementation(async (...args) => {
        const laggingStore = await open(...args);
        lag = lagRemovals(laggingStore.kv);
        return laggingStore;
      });
      const late = new FleetWorker({ ...options, workerId: "late" });
      workers.push(late);
      try {
        await late.start();
      } finally {
        spy.mockRestore();
      }
      // It knows the room (its watch delivered the PUT) but the owner's lease keeps it off.
      await expect
        .poll(() => lag?.delivered.some((k) => k.startsWith("rooms.")), { timeout: 10_000 })
        .toBe(true);
      expect(late.rooms).toEqual([]);

      await store.removeRoom(sim.uniqueId);
      // The owner lets go: room dropped and lease released.
      await expect.poll(() => owner.rooms.length, { timeout: 10_000 }).toBe(0);
      await expect.poll(async () => (await store.leases()).size, { timeout: 10_000 }).toBe(0);
      expect(lag!.held.map((e) => e.key)).toEqual([expect.stringMatching(/^rooms\./)]);

      // Ten heartbeats of the lagging worker with the lease free and the room still in its list.
      const takenBack: string[][] = [];
      const deadline = Date.now() + 1_000;
      while (Date.now() < deadline) {
        if (late.rooms.length) takenBack.push(late.rooms);
        if (late.pool?.rooms.length) takenBack.push(late.pool.rooms.map((r) => r.uniqueId));
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(takenBack).toEqual([]);
      expect((await store.leases()).size).toBe(0);
    } finally {
      for (const w of workers) await w.stop();
      await sim.close();
      await nc.close();
      await server.dispose();
    }
  }, 60_000);
});
