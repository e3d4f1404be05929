/**
 * `pnpm --filter @tiktok-live/benchmarks run bench:fleet`: the NATS sink's
 * throughput (events per CPU-second of this process, from the client's
 * WebSocket to acknowledged publishes) and the end-to-end latency from the
 * simulator building a message to a consumer's handler at 2,000 events/s.
 * Starts its own nats-server and simulator processes.
 */
import { spawn } from "node:child_process";
import { jetstream } from "@nats-io/jetstream";
import { connect } from "@nats-io/transport-node";
import { consumeEvents, publishEvents } from "@tiktok-live/nats";
import { TikTokLiveClient } from "@tiktok-live/node";
import { NatsServerProcess } from "../../../tests/shared/nats-server.js";

interface Sim {
  uniqueId: string;
  clientOptions: { baseUrls: { web: string; webcast: string; signServer: string } };
  close(): void;
}

async function simulator(count: number, perBatch: number, intervalMs: number): Promise<Sim> {
  const script = new URL("./fleet-sim-child.ts", import.meta.url).pathname;
  const child = spawn(
    process.execPath,
    ["--import", "tsx", script, String(count), String(perBatch), String(intervalMs)],
    {
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  const line = await new Promise<string>((resolve) => {
    let buf = "";
    child.stdout.on("data", (c: Buffer) => {
      buf += c.toString();
      if (buf.includes("\n")) resolve(buf.slice(0, buf.indexOf("\n")));
    });
  });
  return { ...JSON.parse(line), close: () => child.stdin.end() };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function throughput(js: ReturnType<typeof jetstream>, count: number) {
  const sim = await simulator(count, 100, 0);
  const client = new TikTokLiveClient(sim.uniqueId, sim.clientOptions);
  const sink = await publishEvents(client, js, { stream: "BENCH_T", subjectPrefix: "bt" });
  await client.connect();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let last = -1;
  let lastAt = performance.now();
  // Until the stream has every message of the load (or nothing moved for 5 s).
  while (sink.stats.published < count && performance.now() - lastAt < 5000) {
    if (sink.stats.published !== last) {
      last = sink.stats.published;
      lastAt = performance.now();
    }
    await sleep(50);
  }
  const seconds = (lastAt - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  await client.disconnect();
  await sink.close();
  sim.close();
  return { events: last, seconds, eventsPerSecond: last / seconds, eventsPerCpuSecond: last / cpuSeconds };
}

async function latency(js: ReturnType<typeof jetstream>, seconds: number) {
  // 20 messages every 10 ms: 2,000 events/s.
  const sim = await simulator(2000 * seconds, 20, 10);
  const client = new TikTokLiveClient(sim.uniqueId, sim.clientOptions);
  const sink = await publishEvents(client, js, { stream: "BENCH_L", subjectPrefix: "bl" });
  const samples: number[] = [];
  const stop = new AbortController();
  const consuming = (async () => {
    for await (const e of consumeEvents(js, {
      durable: "lat",
      stream: "BENCH_L",
      subjectPrefix: "bl",
      signal: stop.signal,
    })) {
      const created = Number(e.createTime);
      if (created > 0) samples.push(Date.now() - created);
    }
  })();
  await client.connect();
  while (samples.length < 2000 * seconds * 0.98) await sleep(250);
  stop.abort();
  await consuming;
  await client.disconnect();
  await sink.close();
  sim.close();
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return { samples: samples.length, p50: at(0.5), p99: at(0.99), max: samples[samples.length - 1]! };
}

const server = await NatsServerProcess.start();
const nc = await connect({ servers: server.url });
const js = jetstream(nc);
try {
  const count = Number(process.env.FLEET_BENCH_EVENTS ?? 50_000);
  const t = await throughput(js, count);
  console.log(
    `sink throughput: ${t.events} events in ${t.seconds.toFixed(1)} s wall = ${Math.round(t.eventsPerSecond)} events/s; ${Math.round(t.eventsPerCpuSecond)} events per CPU-second of the client process`,
  );
  const l = await latency(js, Number(process.env.FLEET_BENCH_SECONDS ?? 10));
  console.log(
    `end-to-end latency at 2,000 events/s: ${l.samples} samples, p50 ${l.p50} ms, p99 ${l.p99} ms, max ${l.max} ms`,
  );
} finally {
  await nc.close();
  await server.dispose();
}
