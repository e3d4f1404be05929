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
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { type JetStreamClient, jetstream } from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { TikTokLivePool } from "@tiktok-live/core";
import { consumeEvents, FleetStore, fleetStatus, publishEvents } from "@tiktok-live/nats";
import { TikTokLiveClient } from "@tiktok-live/node";
import { NatsServerProcess } from "../../../tests/shared/nats-server.js";

export interface FleetBenchConfig {
  throughput: { rooms: number; eventsPerRoom: number; runs: number };
  latency: { seconds: number; rooms: number; runs: number };
  failover: { leaseTtlMs: number; runs: number };
  scale: { rooms: number; workers: number; sampleSeconds: number };
}

export interface ThroughputRun {
  rooms: number;
  events: number;
  wallSeconds: number;
  cpuSeconds: number;
  eventsPerCpuSecond: number;
  eventsPerSecond: number;
}
export interface LatencyRun {
  rooms: number;
  samples: number;
  p50: number;
  p99: number;
  max: number;
}
export interface FailoverRun {
  leaseTtlMs: number;
  /** From the kill to the room's next event at the consumer. */
  resumeMs: number;
  lost: number;
  doubled: number;
  outOfOrder: number;
}
export interface ScaleRun {
  rooms: number;
  workers: number;
  streaming: number;
  eventsPerSecond: number;
  /** CPU of all workers, in % of one core, while the rooms stream. */
  cpuPercent: number;
  cpuPercentPerRoom: number;
  rssMiB: number;
  /** Worker RSS over the same workers' RSS before they had rooms, per room. */
  rssKiBPerRoom: number;
}
export interface FleetFigures {
  natsServer: string;
  loadAverage: { before: number[]; after: number[] };
  throughput: ThroughputRun[];
  latency: LatencyRun[];
  failover: FailoverRun[];
  scale: ScaleRun | undefined;
}

export type FleetBenchResult = { skipped: string } | FleetFigures;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const here = (file: string) => new URL(file, import.meta.url).pathname;

interface SimRoom {
  uniqueId: string;
  roomId: string;
  clientOptions: { baseUrls: { web: string; webcast: string; signServer: string } };
}

/** Simulator rooms in a child process (see fleet-sim-child.ts). */
export async function simulatorRooms(
  rooms: number,
  count: number,
  perBatch: number,
  intervalMs: number,
): Promise<{ rooms: SimRoom[]; child: ChildProcess; close(): Promise<void> }> {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      here("./fleet-sim-child.ts"),
      String(rooms),
      String(count),
      String(perBatch),
      String(intervalMs),
    ],
    { stdio: ["pipe", "pipe", "inherit"] },
  );
  const line = await new Promise<string>((resolve, reject) => {
    let buf = "";
    child.once("exit", (code) => reject(new Error(`fleet-sim-child exited (${code})`)));
    child.stdout!.on("data", (c: Buffer) => {
      buf += c.toString();
      if (buf.includes("\n")) resolve(buf.slice(0, buf.indexOf("\n")));
    });
  });
  return {
    rooms: JSON.parse(line) as SimRoom[],
    child,
    close: async () => {
      const exited = new Promise((r) => child.once("exit", r));
      child.stdin!.end();
      await Promise.race([exited, sleep(5_000)]);
      child.kill("SIGKILL");
    },
  };
}

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
 * pool and sink: simulator message time to the consumer's loop body.
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
  const consuming = (async () => {
    for await (const e of consumeEvents(js, {
      durable: "lat",
      stream,
      subjectPrefix: prefix,
      signal: stop.signal,
    })) {
      const created = Number(e.createTime);
      if (created > 0) samples.push(Date.now() - created);
    }
  })();
  for (const r of sims.rooms) pool.add(r.uniqueId);
  const deadline = Date.now() + seconds * 2_000 + 20_000;
  while (samples.length < 2000 * seconds * 0.98 && Date.now() < deadline) await sleep(250);
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
        `  latency at 2,000 events/s: ${l.samples} samples, p50 ${l.p50} ms, p99 ${l.p99} ms, max ${l.max} ms`,
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

/** CPU time (user + system) of a process in seconds, from /proc (Linux). */
export function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Resident memory of a process in KiB (Linux). */
export function processRssKiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

export { FleetStore, fleetStatus };
