/**
 * The fleet end to end: worker processes (the CLI's `fleet worker`) take
 * simulator rooms from the KV bucket and publish to JetStream; a durable
 * consumer must see every scripted comment exactly once, in order per room,
 * through a worker's kill -9, a NATS restart, a consumer restart and a room
 * removed while live.
 */
import { type JetStreamClient, jetstream } from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { FleetStore, fleetStatus } from "@tiktok-live/nats";
import type { Simulator } from "@tiktok-live/testkit";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { NatsServerProcess } from "../../shared/nats-server.js";
import { expectedTexts, RecordingConsumer, scriptedRoom, WorkerProcess } from "./fleet-harness.js";

let server: NatsServerProcess;
let nc: NatsConnection;
let js: JetStreamClient;
let sims: Simulator[] = [];
let workers: WorkerProcess[] = [];

beforeEach(async () => {
  server = await NatsServerProcess.start();
  nc = await connect({ servers: server.url, maxReconnectAttempts: -1, reconnectTimeWait: 100 });
  js = jetstream(nc);
}, 30_000);

afterEach(async () => {
  await Promise.all(workers.map((w) => w.kill()));
  await Promise.all(sims.map((s) => s.close()));
  workers = [];
  sims = [];
  await nc?.close();
  await server?.dispose();
}, 30_000);

/** A fleet of `rooms` scripted rooms; `countOf(i)` comments in room i (`count` each unless said otherwise). */
async function fleetOf(
  rooms: number,
  count: number,
  intervalMs: number,
  workerCount: number,
  ttl: number,
  countOf: (i: number) => number = () => count,
) {
  sims = await Promise.all(Array.from({ length: rooms }, (_, i) => scriptedRoom(i, countOf(i), intervalMs)));
  const store = await FleetStore.open(js);
  for (const sim of sims) await store.addRoom(sim.uniqueId, { baseUrl: sim.baseUrls.web });
  workers = Array.from({ length: workerCount }, (_, i) => new WorkerProcess(`w${i + 1}`, server.url, ttl));
  return store;
}

function report(consumer: RecordingConsumer): string {
  return `${sims.map((s) => `${s.uniqueId}:${consumer.count(s.uniqueId)}`).join(" ")}\n${workers
    .map((w) => `--- ${w.id}\n${w.output.slice(-1500)}`)
    .join("\n")}`;
}

/**
 * The two removal tests' fleet: six rooms of `count` comments, but the room they remove streams ten times
 * longer, so it is still live when it is removed on a slow machine.
 */
const removedRoom = 5;
const fleetWithRoomToRemove = (count: number) =>
  fleetOf(6, count, 100, 2, 4_000, (i) => (i === removedRoom ? count * 10 : count));

/** What the removed room sent before its worker left: once each, in order, and short of its script's end. */
function expectStoppedShort(
  consumer: RecordingConsumer,
  removed: Simulator,
  sentBeforeLeaving: number,
  count: number,
) {
  const partial = consumer.seen.get(removed.uniqueId) ?? [];
  expect(partial).toEqual(expectedTexts(removedRoom, partial.length));
  expect(partial.length).toBeGreaterThanOrEqual(5);
  expect(partial.length).toBeLessThanOrEqual(sentBeforeLeaving);
  expect(partial.length).toBeLessThan(count * 10);
}

describe("fleet on NATS JetStream", () => {
  it("three workers, 30 rooms, kill -9 of one: every comment once, in order per room", async () => {
    const count = 80;
    const store = await fleetOf(30, count, 100, 3, 3_000);
    const consumer = new RecordingConsumer(js, "fleet_check");
    consumer.start();
    // Every room streaming, spread over the three workers.
    await expect
      .poll(async () => new Set((await fleetStatus(store)).map((r) => r.worker)).size, {
        timeout: 30_000,
        interval: 250,
      })
      .toBe(3);
    try {
      await expect
        .poll(() => sims.filter((s) => consumer.count(s.uniqueId) >= 5).length, {
          timeout: 30_000,
          interval: 250,
        })
        .toBe(30);
    } catch (e) {
      console.log("fleet test diagnostics:", report(consumer), await fleetStatus(store));
      throw e;
    }
    const victim = workers[0]!;
    const itsRooms = (await fleetStatus(store)).filter((r) => r.worker === victim.id).map((r) => r.uniqueId);
    expect(itsRooms.length).toBeGreaterThan(0);
    await victim.kill("SIGKILL");
    // Its rooms move to the survivors once the leases expire.
    await expect
      .poll(
        async () =>
          (await fleetStatus(store)).filter(
            (r) => itsRooms.includes(r.uniqueId) && r.worker !== undefined && r.worker !== victim.id,
          ).length,
        { timeout: 30_000, interval: 250 },
      )
      .toBe(itsRooms.length);
    try {
      await expect
        .poll(() => sims.filter((s) => consumer.count(s.uniqueId) >= count).length, {
          timeout: 60_000,
          interval: 500,
        })
        .toBe(30);
    } catch (e) {
      const st = await fleetStatus(store);
      for (const sim of sims)
        if (consumer.count(sim.uniqueId) < count)
          console.log(
            "incomplete room:",
            sim.uniqueId,
            st.find((r) => r.uniqueId === sim.uniqueId),
            sim.log.length,
            JSON.stringify(consumer.seen.get(sim.uniqueId)),
          );
      console.log("killed worker:", victim.id, itsRooms, workers.map((w) => w.output).join("\n"));
      throw e;
    }
    await new Promise((r) => setTimeout(r, 500)); // a late double would show up now
    await consumer.stop();
    expect(consumer.error).toBeUndefined();
    sims.forEach((sim, i) => {
      expect(consumer.seen.get(sim.uniqueId), report(consumer)).toEqual(expectedTexts(i, count));
    });
  }, 150_000);

  it("a room removed while live stops; the other rooms stay exactly-once and in order", async () => {
    const count = 80;
    const store = await fleetWithRoomToRemove(count);
    const consumer = new RecordingConsumer(js, "restarts");
    consumer.start();
    await expect
      .poll(() => sims.filter((s) => consumer.count(s.uniqueId) >= 5).length, {
        timeout: 30_000,
        interval: 250,
      })
      .toBe(6);
    // A room removed while live: its worker lets go and the simulator sees nobody in the room.
    const removed = sims[removedRoom]!;
    await store.removeRoom(removed.uniqueId);
    await expect
      .poll(() => [...removed.push.sessions].filter((s) => s.entered && !s.closed).length, {
        timeout: 20_000,
      })
      .toBe(0);
    // The worker can only publish what the room sent while it was in the room.
    const sentBeforeLeaving = removed.log.length;
    const kept = sims.slice(0, 5);
    await expect
      .poll(() => kept.filter((s) => consumer.count(s.uniqueId) >= count).length, {
        timeout: 60_000,
        interval: 500,
      })
      .toBe(5);
    await new Promise((r) => setTimeout(r, 500));
    await consumer.stop();
    expect(consumer.error).toBeUndefined();
    kept.forEach((sim, i) => {
      expect(consumer.seen.get(sim.uniqueId), report(consumer)).toEqual(expectedTexts(i, count));
    });
    expectStoppedShort(consumer, removed, sentBeforeLeaving, count);
  }, 150_000);

  it("survives a NATS restart and a consumer restart; a room removed while live stops", async () => {
    const count = 80;
    const store = await fleetWithRoomToRemove(count);
    const consumer = new RecordingConsumer(js, "restarts");
    consumer.start();
    await expect
      .poll(() => sims.filter((s) => consumer.count(s.uniqueId) >= 5).length, {
        timeout: 30_000,
        interval: 250,
      })
      .toBe(6);
    // The consumer stops and comes back under the same durable name.
    await consumer.stop();
    consumer.start();
    // A room removed while live: its worker lets go and the simulator sees nobody in the room.
    const removed = sims[removedRoom]!;
    await store.removeRoom(removed.uniqueId);
    await expect
      .poll(() => [...removed.push.sessions].filter((s) => s.entered && !s.closed).length, {
        timeout: 20_000,
      })
      .toBe(0);
    // The worker can only publish what the room sent while it was in the room.
    const sentBeforeLeaving = removed.log.length;
    // NATS goes away for a moment while the rooms keep streaming into the workers' buffers.
    await server.stop();
    await new Promise((r) => setTimeout(r, 1_000));
    await server.restart();
    const kept = sims.slice(0, 5);
    await expect
      .poll(() => kept.filter((s) => consumer.count(s.uniqueId) >= count).length, {
        timeout: 60_000,
        interval: 500,
      })
      .toBe(5);
    await new Promise((r) => setTimeout(r, 500));
    await consumer.stop();
    expect(consumer.error).toBeUndefined();
    kept.forEach((sim, i) => {
      expect(consumer.seen.get(sim.uniqueId), report(consumer)).toEqual(expectedTexts(i, count));
    });
    expectStoppedShort(consumer, removed, sentBeforeLeaving, count);
  }, 150_000);
});
