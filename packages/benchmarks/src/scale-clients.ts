// The measured process of the scale benchmark: N real clients (ws, fetch, zlib) against the scale simulator,
// which runs in a child process of its own. Prints one JSON line (ScaleFigures). Run by scale.ts.
import {
  type BaseEvent,
  CommentEvent,
  ControlEvent,
  type EventClass,
  GiftEvent,
  JoinEvent,
  LikeEvent,
  RoomUserSeqEvent,
  SocialEvent,
  TikTokLiveClient,
} from "@tiktok-live/node";
import { collect, nextTurn } from "./harness.js";
import type { ScaleConfig, ScaleFigures, ScaleModeFigures } from "./scale.js";
import type { StreamCommand, StreamReply } from "./scale-simulator-child.js";
import { startRemoteSimulator } from "./simulator-process.js";

/** One listener per message kind of the stream; each message becomes exactly one of these events. */
const listened: EventClass[] = [
  CommentEvent,
  GiftEvent,
  LikeEvent,
  JoinEvent,
  RoomUserSeqEvent,
  SocialEvent,
  ControlEvent,
];

const config = JSON.parse(process.argv[2] ?? "{}") as ScaleConfig;
const memory = () => {
  collect();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, outside: m.external };
};

const sim = await startRemoteSimulator(new URL("./scale-simulator-child.ts", import.meta.url));
try {
  // Latency of every handler call of the current mode (ms), and events per client.
  let latencies = new Float64Array(0);
  let recorded = 0;
  const received = new Int32Array(config.clients);
  const clients: TikTokLiveClient[] = [];

  const warm = new TikTokLiveClient(`@${sim.uniqueId}`, sim.clientOptions);
  await warm.connect();
  await warm.disconnect();
  await nextTurn();
  const before = memory();

  const connectStarted = performance.now();
  for (let i = 0; i < config.clients; i += config.connectConcurrency) {
    const batch: Promise<unknown>[] = [];
    for (let k = i; k < Math.min(config.clients, i + config.connectConcurrency); k++) {
      const client = new TikTokLiveClient(`@${sim.uniqueId}`, sim.clientOptions);
      const onEvent = (e: BaseEvent) => {
        received[k]!++;
        if (recorded < latencies.length) latencies[recorded++] = Date.now() - Number(e.createTime);
      };
      for (const cls of listened) client.on(cls, onEvent);
      clients.push(client);
      batch.push(client.connect());
    }
    await Promise.all(batch);
  }
  const connectSeconds = (performance.now() - connectStarted) / 1000;
  // Every socket has entered the room once the simulator counts them all.
  for (let tries = 0; ; tries++) {
    const { sessions } = await sim.request<{ sessions: number }>({ cmd: "sessions" });
    if (sessions >= config.clients) break;
    if (tries > 500) throw new Error(`only ${sessions} of ${config.clients} clients entered the room`);
    await new Promise((r) => setTimeout(r, 20));
  }
  await nextTurn();
  const connected = memory();

  const modes: ScaleModeFigures[] = [];
  for (const mode of config.modes) {
    const perClient = config.frames * config.messagesPerFrame;
    latencies = new Float64Array(config.clients * perClient);
    recorded = 0;
    received.fill(0);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const command: StreamCommand = {
      cmd: "stream",
      mode,
      frames: config.frames,
      intervalMs: config.intervalMs,
      messagesPerFrame: config.messagesPerFrame,
    };
    const reply = await sim.request<StreamReply>(command);
    // The last frames may still be on their way: wait (up to 10 s) until every client has them all.
    const deadline = performance.now() + 10_000;
    while (received.some((n) => n < reply.messagesPerSession) && performance.now() < deadline) {
      await new Promise((r) => setTimeout(r, 5));
    }
    const wallSeconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const sorted = latencies.slice(0, recorded).sort();
    const quantile = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
    const counts = Array.from(received);
    const messages = counts.reduce((a, b) => a + b, 0);
    modes.push({
      mode,
      sessions: reply.sessions,
      messagesPerClient: reply.messagesPerSession,
      clientsWithEveryMessage: counts.filter((n) => n === reply.messagesPerSession).length,
      minMessagesPerClient: Math.min(...counts),
      maxMessagesPerClient: Math.max(...counts),
      messages,
      seconds: wallSeconds,
      messagesPerSecond: messages / wallSeconds,
      cpuUs: cpu.user + cpu.system,
      cpuShareOfOneCore: (cpu.user + cpu.system) / 1e6 / wallSeconds,
      cpuUsPerMessage: (cpu.user + cpu.system) / messages,
      simulatorCpuShareOfOneCore: reply.cpuUs / 1e6 / reply.seconds,
      simulatorMaxLagMs: reply.maxLagMs,
      simulatorMaxTickMs: reply.maxTickMs,
      latencyMs: {
        p50: quantile(0.5),
        p99: quantile(0.99),
        max: sorted[sorted.length - 1] ?? NaN,
        mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
      },
      latencyQuantilesMs: [
        ...[0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999].map((q): [number, number] => [q, quantile(q)]),
        [1, sorted[sorted.length - 1] ?? Number.NaN],
      ],
    });
    await nextTurn();
  }
  const after = memory();

  const disconnectStarted = performance.now();
  await Promise.all(clients.map((c) => c.disconnect()));
  const figures: ScaleFigures = {
    config,
    clients: config.clients,
    connectSeconds,
    disconnectSeconds: (performance.now() - disconnectStarted) / 1000,
    heapPerClient: (connected.heap - before.heap) / config.clients,
    outsideHeapPerClient: (connected.outside - before.outside) / config.clients,
    heapPerClientAfterStreaming: (after.heap - before.heap) / config.clients,
    outsideHeapPerClientAfterStreaming: (after.outside - before.outside) / config.clients,
    modes,
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
} finally {
  await sim.close();
}
