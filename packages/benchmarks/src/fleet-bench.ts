/**
 * The fleet benchmarks of issue 15, against a private nats-server:
 * - sink throughput: events per CPU-second of the process that runs the
 *   clients and the sink, from the clients' WebSockets to acknowledged publishes;
 * - end-to-end latency from the simulator building a message to a consumer's
 *   handler, at 2,000 events/s;
 * - failover: `kill -9` of the worker that streams a room, to the room's next
 *   event at the consumer; events lost and doubled;
 * - many rooms over 4 worker processes: CPU and memory per room.
 * Simulators run in child processes, so only the measured side counts.
 */
import { execFileSync } from "node:child_process";
import { loadavg } from "node:os";
import { monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";
import { type JetStreamClient, jetstream } from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { TikTokLivePool } from "@tiktok-live/core";
import { consumeEvents, FleetStore, fleetStatus, publishEvents } from "@tiktok-live/nats";
import { TikTokLiveClient } from "@tiktok-live/node";
import { NatsServerProcess } from "../../../tests/shared/nats-server.js";
import { type SimRoom, simulatorRooms, sleep } from "./fleet-processes.js";
import type {
  FleetBenchConfig,
  FleetBenchResult,
  FleetFigures,
  LatencyRun,
  ThroughputRun,
} from "./fleet-types.js";

export type * from "./fleet-types.js";

function poolFor(rooms: SimRoom[]): TikTokLivePool {
  const byId = new Map(rooms.map((r) => [r.uniqueId, r]));
  return new TikTokLivePool({
    createClient: (id, o) => new TikTokLiveClient(id, { ...o, ...byId.get(id)!.clientOptions }),
    budget: { ratePerSecond: 1_000, burst: 1_000 },
    connectStaggerMs: 0,
  });
}

/** Rooms stream their load as fast as the clients take it; the sink publishes it all. */
async function throughput(js: JetStreamClient, rooms: number, eventsPerRoom: number): Promise<ThroughputRun> {
  const stream = `BENCH_T${Date.now().toString(36)}`;
  const sims = await simulatorRooms(rooms, eventsPerRoom, 100, 0);
  const pool = poolFor(sims.rooms);
  const sink = await publishEvents(pool, js, { stream, subjectPrefix: stream.toLowerCase() });
  const total = rooms * eventsPerRoom;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (const r of sims.rooms) pool.add(r.uniqueId);
  let last = -1;
  let lastAt = performance.now();
  // Until the stream has every message of the load (or nothing moved for 10 s).
  while (sink.stats.published < total && performance.now() - lastAt < 10_000) {
    if (sink.stats.published !== last) {
      last = sink.stats.published;
      lastAt = performance.now();
    }
    await sleep(20);
  }
  const cpu = process.cpuUsage(cpu0);
  const wallSeconds = (performance.now() - t0) / 1000;
  const events = sink.stats.published;
  await pool.close();
  await sink.close({ flush: false });
  await sims.close();
  await (await js.jetstreamManager()).streams.delete(stream).catch(() => {});
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return {
    rooms,
    events,
    wallSeconds,
    cpuSeconds,
    eventsPerCpuSecond: events / cpuSeconds,
    eventsPerSecond: events / wallSeconds,
  };
}

/**
 * 2,000 events/s from `rooms` rooms (each `2000 / rooms` a second, in frames every 50 ms) through one
 * pool and sink: simulator message time to the consumer's loop body. Every message counts, the first
 * ones too; rooms are added once the consumer's durable exists (before, the first messages could wait
 * for the consumer's setup, which is not the pipeline's latency). The event loop's delay and the GC
 * pauses of the process are recorded with it: a tail with a long pause or delay is the process or
 * the machine stalling (on a shared machine, all stages of the pipeline stall together), not a
 * stage of the pipeline holding events.
 */
async function latency(js: JetStreamClient, seconds: number, rooms: number): Promise<LatencyRun> {
  const stream = `BENCH_L${Date.now().toString(36)}`;
  const prefix = stream.toLowerCase();
  const perRoomPerSecond = 2000 / rooms;
  const sims = await simulatorRooms(rooms, perRoomPerSecond * seconds, perRoomPerSecond / 20, 50);
  const pool = poolFor(sims.rooms);
  const sink = await publishEvents(pool, js, { stream, subjectPrefix: prefix });
  const samples: number[] = [];
  const stop = new AbortController();
  let ready: () => void = () => {};
  const consumerReady = new Promise<void>((resolve) => {
    ready = resolve;
  });
  const consuming = (async () => {
    for await (const e of consumeEvents(js, {
      durable: "lat",
      stream,
      subjectPrefix: prefix,
      signal: stop.signal,
      onReady: ready,
    })) {
      const created = Number(e.createTime);
      if (created > 0) samples.push(Date.now() - created);
    }
  })();
  await consumerReady;
  const gcPauses: number[] = [];
  const gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcPauses.push(entry.duration);
  });
  gc.observe({ entryTypes: ["gc"] });
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  for (const r of sims.rooms) pool.add(r.uniqueId);
  const deadline = Date.now() + seconds * 2_000 + 20_000;
  while (samples.length < 2000 * seconds * 0.98 && Date.now() < deadline) await sleep(250);
  loopDelay.disable();
  gc.disconnect();
  stop.abort();
  await consuming;
  await pool.close();
  await sink.close({ flush: false });
  await sims.close();
  await (await js.jetstreamManager()).streams.delete(stream).catch(() => {});
  samples.sort((a, b) => a - b);
  const at = (q: number) =>
    samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? Number.NaN;
  return {
    rooms,
    samples: samples.length,
    p50: at(0.5),
    p99: at(0.99),
    max: samples[samples.length - 1] ?? Number.NaN,
    eventLoopDelayP99: Math.round(loopDelay.percentile(99) / 1e5) / 10,
    eventLoopDelayMax: Math.round(loopDelay.max / 1e5) / 10,
    gcPauseMax: Math.round(Math.max(0, ...gcPauses) * 10) / 10,
  };
}

export async function runFleetBench(
  config: FleetBenchConfig,
  log: (line: string) => void,
  parts: { failover?: boolean; scale?: boolean } = {},
): Promise<FleetBenchResult> {
  let version: string;
  try {
    version = execFileSync("nats-server", ["--version"], { encoding: "utf8" }).trim();
  } catch {
    return { skipped: "nats-server is not installed (bash scripts/ensure-nats-server.sh installs it)" };
  }
  const before = loadavg().map((l) => Math.round(l * 100) / 100);
  const server = await NatsServerProcess.start();
  const nc: NatsConnection = await connect({ servers: server.url, maxReconnectAttempts: -1 });
  const js = jetstream(nc);
  const figures: FleetFigures = {
    natsServer: version,
    loadAverage: { before, after: [] },
    throughput: [],
    latency: [],
    failover: [],
    scale: undefined,
  };
  try {
    for (let i = 0; i < config.throughput.runs; i++) {
      const t = await throughput(js, config.throughput.rooms, config.throughput.eventsPerRoom);
      log(
        `  sink: ${t.events} events from ${t.rooms} rooms in ${t.wallSeconds.toFixed(1)} s (${Math.round(t.eventsPerSecond)}/s), ${t.cpuSeconds.toFixed(2)} CPU-s: ${Math.round(t.eventsPerCpuSecond)} events per CPU-second`,
      );
      figures.throughput.push(t);
    }
    for (let i = 0; i < config.latency.runs; i++) {
      const l = await latency(js, config.latency.seconds, config.latency.rooms);
      log(
        `  latency at 2,000 events/s: ${l.samples} samples, p50 ${l.p50} ms, p99 ${l.p99} ms, max ${l.max} ms; event-loop delay p99 ${l.eventLoopDelayP99} ms, max ${l.eventLoopDelayMax} ms; longest GC pause ${l.gcPauseMax} ms`,
      );
      figures.latency.push(l);
    }
    if (parts.failover !== false) {
      const { failover } = await import("./fleet-failover.js");
      for (let i = 0; i < config.failover.runs; i++) {
        const f = await failover(js, server.url, config.failover.leaseTtlMs);
        log(
          `  failover (lease TTL ${f.leaseTtlMs} ms): streaming again ${f.resumeMs} ms after kill -9; lost ${f.lost}, doubled ${f.doubled}, out of order ${f.outOfOrder}`,
        );
        figures.failover.push(f);
      }
    }
    if (parts.scale !== false && config.scale.rooms > 0) {
      const { scaleFleet } = await import("./fleet-failover.js");
      const s = await scaleFleet(js, server.url, config.scale);
      log(
        `  ${s.streaming}/${s.rooms} rooms over ${s.workers} workers: ${s.eventsPerSecond.toFixed(0)} events/s, CPU ${s.cpuPercent.toFixed(0)}% of a core (${s.cpuPercentPerRoom.toFixed(3)}% per room), RSS ${s.rssMiB.toFixed(0)} MiB (${s.rssKiBPerRoom.toFixed(0)} KiB per room)`,
      );
      figures.scale = s;
    }
  } finally {
    figures.loadAverage.after = loadavg().map((l) => Math.round(l * 100) / 100);
    await nc.close();
    await server.dispose();
  }
  return figures;
}

export { FleetStore, fleetStatus };
