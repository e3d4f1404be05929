/**
 * Where the fleet latency benchmark's tail comes from: the same run as
 * fleet-bench.ts's latency part, with timestamps at each stage of every event
 * (simulator createTime → client receive → sink publish → ack → consumer loop
 * body), the event loop's delay, GC pauses, and the tail split by when in the
 * run the event was built (slices whose p99 is over 40 ms). Runs share one private server, as the
 * benchmark's do. `node --import tsx src/fleet-latency-probe.ts [seconds=10] [rooms=20] [runs=1]`.
 */
import { monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";
import { jetstream } from "@nats-io/jetstream";
import { connect, type Msg, type NatsConnection } from "@nats-io/transport-node";
import { TikTokLivePool } from "@tiktok-live/core";
import { consumeEvents, publishEvents } from "@tiktok-live/nats";
import { TikTokLiveClient } from "@tiktok-live/node";
import { NatsServerProcess } from "../../../tests/shared/nats-server.js";
import { simulatorRooms, sleep } from "./fleet-processes.js";

const seconds = Number(process.argv[2] ?? 10);
const roomCount = Number(process.argv[3] ?? 20);

interface Trace {
  created: number;
  received?: number;
  published?: number;
  acked?: number;
  consumed?: number;
}
const traces = new Map<string, Trace>();
const gcPauses: Array<{ at: number; ms: number }> = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries())
    gcPauses.push({ at: performance.timeOrigin + e.startTime, ms: e.duration });
}).observe({ entryTypes: ["gc"] });
const loopDelay = monitorEventLoopDelay({ resolution: 5 });

const server = await NatsServerProcess.start();
const nc: NatsConnection = await connect({ servers: server.url, maxReconnectAttempts: -1 });
// Publish and ack times per msg id, from the sink's own connection calls.
const replyToId = new Map<string, string>();
const realPublish = nc.publish.bind(nc);
nc.publish = ((
  subject: string,
  data?: Uint8Array,
  opts?: { reply?: string; headers?: { get(k: string): string } },
) => {
  const id = opts?.headers?.get("Nats-Msg-Id");
  if (id && opts?.reply) {
    const msgId = id.slice(id.indexOf(":") + 1);
    const t = traces.get(msgId);
    if (t) t.published = Date.now();
    replyToId.set(opts.reply, msgId);
  }
  return realPublish(subject, data, opts as never);
}) as typeof nc.publish;
const realSubscribe = nc.subscribe.bind(nc);
nc.subscribe = ((subject: string, opts?: { callback?: (e: Error | null, m: Msg) => void }) => {
  const cb = opts?.callback;
  if (cb && subject.startsWith("_INBOX")) {
    opts!.callback = (e, m) => {
      const id = replyToId.get(m.subject);
      if (id) {
        replyToId.delete(m.subject);
        const t = traces.get(id);
        if (t) t.acked = Date.now();
      }
      cb(e, m);
    };
  }
  return realSubscribe(subject, opts as never);
}) as typeof nc.subscribe;
const js = jetstream(nc);

const runs = Number(process.argv[4] ?? 1);
for (let run = 0; run < runs; run++) {
  traces.clear();
  gcPauses.length = 0;
  loopDelay.reset();
  const stream = `PROBE_L${Date.now().toString(36)}`;
  const prefix = stream.toLowerCase();
  const perRoomPerSecond = 2000 / roomCount;
  const sims = await simulatorRooms(roomCount, perRoomPerSecond * seconds, perRoomPerSecond / 20, 50);
  const byId = new Map(sims.rooms.map((r) => [r.uniqueId, r]));
  const pool = new TikTokLivePool({
    createClient: (id, o) => new TikTokLiveClient(id, { ...o, ...byId.get(id)!.clientOptions }),
    budget: { ratePerSecond: 1_000, burst: 1_000 },
    connectStaggerMs: 0,
  });
  pool.onRawMessage((m) => {
    traces.set(String(m.msgId), { created: 0, received: Date.now() });
  });
  const sink = await publishEvents(pool, js, { stream, subjectPrefix: prefix });
  const stop = new AbortController();
  let readyAt = 0;
  const samples: Array<{ lat: number; created: number }> = [];
  const consuming = (async () => {
    for await (const e of consumeEvents(js, {
      durable: "lat",
      stream,
      subjectPrefix: prefix,
      signal: stop.signal,
      onReady: () => {
        readyAt = Date.now();
      },
    })) {
      const created = Number(e.createTime);
      if (created > 0) {
        const now = Date.now();
        samples.push({ lat: now - created, created });
        const t = traces.get(String(e.msgId));
        if (t) {
          t.created = created;
          t.consumed = now;
        }
      }
    }
  })();
  const t0 = Date.now();
  loopDelay.enable();
  for (const r of sims.rooms) pool.add(r.uniqueId);
  const deadline = Date.now() + seconds * 2_000 + 20_000;
  while (samples.length < 2000 * seconds * 0.98 && Date.now() < deadline) await sleep(250);
  loopDelay.disable();
  stop.abort();
  await consuming;
  await pool.close();
  await sink.close({ flush: false });
  await sims.close();
  await (await js.jetstreamManager()).streams.delete(stream).catch(() => {});
  const q = (xs: number[], p: number) => {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? Number.NaN;
  };
  const lats = samples.map((s) => s.lat);
  console.log(
    `samples ${samples.length}, p50 ${q(lats, 0.5)}, p99 ${q(lats, 0.99)}, max ${q(lats, 1)}; consumer ready ${readyAt - t0} ms after rooms were added`,
  );
  const first = Math.min(...samples.map((s) => s.created));
  console.log(`first message built ${first - t0} ms after rooms were added`);
  // The tail by when the message was built, in 500 ms slices.
  const slices = new Map<number, number[]>();
  for (const s of samples) {
    const k = Math.floor((s.created - first) / 500);
    const l = slices.get(k) ?? [];
    slices.set(k, l);
    l.push(s.lat);
  }
  for (const [k, l] of [...slices].sort((a, b) => a[0] - b[0]).filter(([, l]) => q(l, 0.99) > 40))
    console.log(
      `  built at +${k * 500} ms: n ${l.length}, p50 ${q(l, 0.5)}, p99 ${q(l, 0.99)}, max ${q(l, 1)}`,
    );
  const stages = {
    sim_to_receive: [] as number[],
    receive_to_publish: [] as number[],
    publish_to_ack: [] as number[],
    ack_to_consume: [] as number[],
    publish_to_consume: [] as number[],
  };
  for (const t of traces.values()) {
    if (
      !t.created ||
      t.received === undefined ||
      t.published === undefined ||
      t.acked === undefined ||
      t.consumed === undefined
    )
      continue;
    stages.sim_to_receive.push(t.received - t.created);
    stages.receive_to_publish.push(t.published - t.received);
    stages.publish_to_ack.push(t.acked - t.published);
    stages.ack_to_consume.push(t.consumed - t.acked);
    stages.publish_to_consume.push(t.consumed - t.published);
  }
  for (const [name, xs] of Object.entries(stages))
    console.log(`  ${name}: n ${xs.length}, p50 ${q(xs, 0.5)}, p99 ${q(xs, 0.99)}, max ${q(xs, 1)}`);
  console.log(
    `event loop delay: p50 ${(loopDelay.percentile(50) / 1e6).toFixed(1)} p99 ${(loopDelay.percentile(99) / 1e6).toFixed(1)} max ${(loopDelay.max / 1e6).toFixed(1)} ms`,
  );
  const long = gcPauses.filter((g) => g.ms > 5);
  console.log(
    `GC: ${gcPauses.length} pauses, ${gcPauses.reduce((a, g) => a + g.ms, 0).toFixed(0)} ms in all, ${long.length} over 5 ms (max ${Math.max(0, ...gcPauses.map((g) => g.ms)).toFixed(1)} ms)`,
  );
}
await nc.close();
await server.dispose();
process.exit(0);
