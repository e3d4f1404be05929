// The simulator for the scale benchmark, in its own process so its CPU does not count against the clients.
// Prints its connection details as one JSON line, then answers one JSON command per stdin line with one
// JSON line on stdout. Exits when stdin closes.
import { createInterface } from "node:readline";
import type { BaseProtoMessage } from "@tiktok-live/proto";
import { eventClassByMethod } from "@tiktok-live/proto";
import { busyStreamMix, encodeBatchFrame, mixedMessageFactory, startSimulator } from "@tiktok-live/testkit";

/** Stream to every session that has entered the room. */
export interface StreamCommand {
  cmd: "stream";
  /**
   * "staggered": every session is its own stream, frames spread evenly over each interval (a thousand
   * independent rooms). "broadcast": one room, every frame to every session at once (the worst burst).
   */
  mode: "staggered" | "broadcast";
  /** Frames each session gets. */
  frames: number;
  intervalMs: number;
  messagesPerFrame: number;
}

export interface StreamReply {
  sessions: number;
  framesPerSession: number;
  /** Messages each session was sent (every one has an event class, so each becomes one event). */
  messagesPerSession: number;
  seconds: number;
  /** CPU of this process while streaming, in µs. */
  cpuUs: number;
  /** Largest lag of a send behind its schedule, ms. */
  maxLagMs: number;
  /** Longest tick: building the due frames and writing them to every due socket, ms. */
  maxTickMs: number;
}

// Heartbeats come every 10 s; a loaded machine must not make the server drop sockets.
const sim = await startSimulator({ heartbeatTimeoutMs: 120_000 });
const make = mixedMessageFactory(busyStreamMix);
let next = 0;

/** The next busy-stream message that becomes an event (unknown methods are skipped), built now: createTime = now. */
function message(): BaseProtoMessage {
  for (;;) {
    const m = make(next++);
    if (eventClassByMethod.has(m.method)) return m;
  }
}

let logId = 1_000_000n;
function frame(count: number): Uint8Array {
  const batch: BaseProtoMessage[] = [];
  for (let k = 0; k < count; k++) batch.push(message());
  const id = logId++;
  return encodeBatchFrame(batch, id, id, {
    cursor: `scale-${id}`,
    internalExt: `internal_src:scale|id:${id}`,
  });
}

async function stream(c: StreamCommand): Promise<StreamReply> {
  const sessions = [...sim.push.sessions].filter((s) => s.entered && !s.closed);
  const n = sessions.length;
  const sent = new Array<number>(n).fill(0);
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  let maxLagMs = 0;
  let maxTickMs = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const t = performance.now() - start;
      const tickStart = performance.now();
      let sentThisTick = 0;
      let pending = false;
      // Frames built this tick, shared by the sessions due now (each client has its own dedupe).
      const built: Uint8Array[] = [];
      for (let i = 0; i < n; i++) {
        const phase = c.mode === "staggered" ? (i / n) * c.intervalMs : 0;
        const due = t < phase ? 0 : Math.min(c.frames, Math.floor((t - phase) / c.intervalMs) + 1);
        for (let j = sent[i]!; j < due; j++) {
          maxLagMs = Math.max(maxLagMs, t - (phase + j * c.intervalMs));
          built[j - sent[i]!] ??= frame(c.messagesPerFrame);
          const s = sessions[i]!;
          if (!s.closed) s.socket.send(built[j - sent[i]!]!);
          sentThisTick++;
        }
        sent[i] = due;
        if (due < c.frames) pending = true;
      }
      if (sentThisTick > 0) maxTickMs = Math.max(maxTickMs, performance.now() - tickStart);
      if (pending) setTimeout(tick, 2);
      else resolve();
    };
    tick();
  });
  const cpu = process.cpuUsage(cpu0);
  return {
    sessions: n,
    framesPerSession: c.frames,
    messagesPerSession: c.frames * c.messagesPerFrame,
    seconds: (performance.now() - start) / 1000,
    cpuUs: cpu.user + cpu.system,
    maxLagMs,
    maxTickMs,
  };
}

process.stdout.write(
  `${JSON.stringify({ uniqueId: sim.uniqueId, roomId: sim.roomId, clientOptions: sim.clientOptions() })}\n`,
);
const lines = createInterface({ input: process.stdin });
lines.on("line", (line) => {
  const command = JSON.parse(line) as StreamCommand | { cmd: "sessions" };
  const reply =
    command.cmd === "stream"
      ? stream(command)
      : Promise.resolve({ sessions: [...sim.push.sessions].filter((s) => s.entered && !s.closed).length });
  void reply.then((r) => process.stdout.write(`${JSON.stringify(r)}\n`));
});
lines.on("close", () => {
  void sim.close().then(() => process.exit(0));
});
