/**
 * The fleet benchmarks that need worker processes (the built CLI's
 * `fleet worker`): failover after `kill -9`, and many rooms over a few workers.
 */
import type { JetStreamClient } from "@nats-io/jetstream";
import { CommentEvent } from "@tiktok-live/core";
import { consumeEvents, deliveryOf, FleetStore, fleetStatus } from "@tiktok-live/nats";
import type { Simulator } from "@tiktok-live/testkit";
import { expectedTexts, scriptedRoom, WorkerProcess } from "../../../tests/node/fleet/fleet-harness.js";
import { processCpuSeconds, processRssKiB, simulatorRooms } from "./fleet-processes.js";
import type { FailoverRun, FleetBenchConfig, ScaleRun } from "./fleet-types.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`fleet bench: timed out waiting for ${what}`);
    await sleep(50);
  }
}

let bucketNo = 0;

/**
 * Two workers, two scripted rooms (a comment every 50 ms); once both stream,
 * the worker of the first room is killed with SIGKILL. The room is streaming
 * again when its comments reach the consumer after the gap the kill made.
 */
export async function failover(
  js: JetStreamClient,
  natsUrl: string,
  leaseTtlMs: number,
): Promise<FailoverRun> {
  const count = 400;
  const intervalMs = 50;
  const run = ++bucketNo;
  const sims: Simulator[] = await Promise.all(
    [0, 1].map((i) => scriptedRoom(100 * run + i, count, intervalMs)),
  );
  const store = await FleetStore.open(js);
  const workers = ["fa", "fb"].map((id) => new WorkerProcess(`${id}${run}`, natsUrl, leaseTtlMs));
  const arrivals = new Map<string, Array<{ text: string; at: number }>>();
  const stop = new AbortController();
  const consuming = (async () => {
    for await (const e of consumeEvents(js, {
      durable: `failover_${run}`,
      events: [CommentEvent],
      signal: stop.signal,
      ackWaitSeconds: 3,
    })) {
      const room = deliveryOf(e)!.uniqueId;
      const list = arrivals.get(room) ?? [];
      list.push({ text: (e as CommentEvent).comment, at: performance.now() });
      arrivals.set(room, list);
    }
  })();
  try {
    for (const sim of sims) await store.addRoom(sim.uniqueId, { baseUrl: sim.baseUrls.web });
    const room = sims[0]!.uniqueId;
    const seen = (id: string) => arrivals.get(id)?.length ?? 0;
    await until(() => sims.every((s) => seen(s.uniqueId) >= 20), 60_000, "both rooms streaming");
    const owner = (await fleetStatus(store)).find((r) => r.uniqueId === room)?.worker;
    const victim = workers.find((w) => w.id === owner);
    if (!victim) throw new Error(`fleet bench: no worker owns ${room}`);
    const killedAt = performance.now();
    await victim.kill("SIGKILL");
    await until(() => seen(room) >= count, 60_000 + leaseTtlMs, `${room} to finish after the kill`);
    await sleep(500); // a late double would show up now
    const list = arrivals.get(room)!;
    // The first arrival after the kill that follows a pause: the new worker's first publish.
    let resumedAt = Number.NaN;
    for (let i = 1; i < list.length; i++) {
      if (list[i]!.at <= killedAt) continue;
      if (list[i]!.at - Math.max(list[i - 1]!.at, killedAt) > 4 * intervalMs) {
        resumedAt = list[i]!.at;
        break;
      }
    }
    const texts = list.map((a) => a.text);
    const expected = expectedTexts(100 * run, count);
    const unique = new Set(texts);
    let outOfOrder = 0;
    const index = new Map(expected.map((t, i) => [t, i]));
    for (let i = 1; i < texts.length; i++)
      if (index.get(texts[i]!)! < index.get(texts[i - 1]!)!) outOfOrder++;
    return {
      leaseTtlMs,
      resumeMs: Math.round(resumedAt - killedAt),
      lost: expected.filter((t) => !unique.has(t)).length,
      doubled: texts.length - unique.size,
      outOfOrder,
    };
  } finally {
    stop.abort();
    await consuming.catch(() => {});
    await Promise.all(workers.map((w) => w.kill()));
    for (const sim of sims) await store.removeRoom(sim.uniqueId).catch(() => {});
    await Promise.all(sims.map((s) => s.close()));
  }
}

/** Many simulator rooms (one message a second each) over a few workers: their CPU and memory per room. */
export async function scaleFleet(
  js: JetStreamClient,
  natsUrl: string,
  config: FleetBenchConfig["scale"],
): Promise<ScaleRun> {
  const sims = await simulatorRooms(config.rooms, 600, 1, 1_000);
  const store = await FleetStore.open(js);
  const workers = Array.from(
    { length: config.workers },
    (_, i) => new WorkerProcess(`s${i + 1}`, natsUrl, 15_000),
  );
  try {
    await sleep(3_000);
    const pids = workers.map((w) => w.child.pid!);
    const baseRss = pids.reduce((sum, pid) => sum + processRssKiB(pid), 0);
    for (const r of sims.rooms) await store.addRoom(r.uniqueId, { baseUrl: r.clientOptions.baseUrls.web });
    let streaming = 0;
    const end = Date.now() + 300_000;
    while (Date.now() < end) {
      streaming = (await fleetStatus(store)).filter((r) => r.state === "live").length;
      if (streaming >= config.rooms) break;
      await sleep(2_000);
    }
    await sleep(5_000); // connects settle
    const cpu0 = pids.map(processCpuSeconds);
    const t0 = performance.now();
    await sleep(config.sampleSeconds * 1000);
    const cpu = pids.map(processCpuSeconds).reduce((s, c, i) => s + c - cpu0[i]!, 0);
    const wall = (performance.now() - t0) / 1000;
    const status = await fleetStatus(store);
    streaming = status.filter((r) => r.state === "live").length;
    const rss = pids.reduce((sum, pid) => sum + processRssKiB(pid), 0);
    const cpuPercent = (cpu / wall) * 100;
    return {
      rooms: config.rooms,
      workers: config.workers,
      streaming,
      eventsPerSecond: status.reduce((s, r) => s + r.eventsPerSecond, 0),
      cpuPercent,
      cpuPercentPerRoom: cpuPercent / Math.max(1, streaming),
      rssMiB: rss / 1024,
      rssKiBPerRoom: (rss - baseRss) / Math.max(1, streaming),
    };
  } finally {
    await Promise.all(workers.map((w) => w.kill()));
    for (const r of sims.rooms) await store.removeRoom(r.uniqueId).catch(() => {});
    await sims.close();
  }
}
