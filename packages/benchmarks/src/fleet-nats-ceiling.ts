/**
 * The engine's ceiling for the fleet sink benchmark: how many JetStream
 * publishes with acks plain nats.js makes per CPU-second of its process at the
 * sink's payload size, with no TikTok client in front. Each publish carries a
 * Nats-Msg-Id, as the sink's do, and a window of publishes awaits its acks.
 * `node --import tsx src/fleet-nats-ceiling.ts [bytes=1200] [count=200000] [window=1024]`
 *
 * Two ways: `js.publish` (a promise, a timer and a request per publish) and
 * core publishes with a reply subject under one inbox, answered through one
 * subscription (what the sink's sender does).
 */
import { jetstream } from "@nats-io/jetstream";
import { connect, createInbox, headers } from "@nats-io/transport-node";
import { NatsServerProcess } from "../../../tests/shared/nats-server.js";

const [bytes = 1200, count = 200_000, window = 1024] = process.argv.slice(2).map(Number);
const payload = new Uint8Array(bytes).map((_, i) => (i * 31) & 0xff);
const rooms = 50;

const server = await NatsServerProcess.start();
const nc = await connect({ servers: server.url });
const js = jetstream(nc);
const jsm = await js.jetstreamManager();

async function run(name: string, publish: (i: number) => Promise<void>): Promise<void> {
  const stream = `CEIL${Date.now().toString(36)}`;
  await jsm.streams.add({ name: stream, subjects: [`${stream.toLowerCase()}.>`], duplicate_window: 600e9 });
  prefix = stream.toLowerCase();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let next = 0;
  const lanes = Array.from({ length: window }, async () => {
    while (next < count) await publish(next++);
  });
  await Promise.all(lanes);
  const cpu = process.cpuUsage(cpu0);
  const seconds = (cpu.user + cpu.system) / 1e6;
  const wall = (performance.now() - t0) / 1000;
  console.log(
    `${name}: ${count} publishes of ${bytes} B, window ${window}: ${seconds.toFixed(2)} CPU-s, ${Math.round(count / seconds)} per CPU-second (${Math.round(count / wall)}/s wall)`,
  );
  await jsm.streams.delete(stream);
}

let prefix = "";
await run("js.publish", async (i) => {
  await js.publish(`${prefix}.room${i % rooms}.comment`, payload, {
    msgID: `7300000000000000${i % rooms}:${i}`,
  });
});

// Core publishes and one inbox subscription, acks matched by the reply token.
const inbox = createInbox();
const waiting = new Map<number, () => void>();
nc.subscribe(`${inbox}.*`, {
  callback: (_e, msg) => {
    const token = Number(msg.subject.slice(msg.subject.lastIndexOf(".") + 1));
    waiting.get(token)?.();
    waiting.delete(token);
  },
});
await run("core publish + inbox", (i) => {
  const h = headers();
  h.set("Nats-Msg-Id", `7300000000000000${i % rooms}:${i}`);
  const done = new Promise<void>((resolve) => waiting.set(i, resolve));
  nc.publish(`${prefix}.room${i % rooms}.comment`, payload, { reply: `${inbox}.${i}`, headers: h });
  return done;
});

await nc.close();
await server.dispose();
process.exit(0);
