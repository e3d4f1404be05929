import type { Figures } from "./harness.js";
import type { CycleHeap, FrameHeap, IdleHeap } from "./memory.js";
import type { StartupFigures } from "./startup.js";

export const names = {
  raw: "raw limit: gunzip + envelope + messages",
  gunzip: "raw: gunzip only",
  envelope: "raw: envelope only",
  ours1: "@tiktok-live/node, awaited per frame",
  ours32: "@tiktok-live/node, 32 frames in flight",
  conn1: "tiktok-live-connector, awaited per frame",
  conn32: "tiktok-live-connector, 32 frames in flight",
  lazy: "@tiktok-live/node, comment listener only",
} as const;

export interface Results {
  mode: "full" | "smoke";
  machine: { cpu: string; cores: number; node: string; platform: string; date: string };
  corpus: {
    path: string;
    frames: number;
    messages: number;
    fileBytes: number;
    wireBytes: number;
    compressedBytes: number;
    decompressedBytes: number;
    compressionRatio: number;
    mix: Array<[string, number]>;
  };
  /** Median pass of each decode variant, by name (see `names`). */
  decode: Figures[];
  memory: { idle: IdleHeap; frames: FrameHeap; cycles: CycleHeap };
  startup: StartupFigures[];
  targets: Target[];
  seconds: number;
}

export interface Target {
  target: string;
  measured: string;
  met: boolean;
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
const fixed = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits });
const x = (n: number) => `${n.toFixed(2)}×`;

export function figure(results: Pick<Results, "decode">, name: string): Figures {
  const f = results.decode.find((d) => d.name === name);
  if (!f) throw new Error(`No figures for ${name}`);
  return f;
}

/** Checks the targets of issue 8 against the figures. */
export function checkTargets(r: Omit<Results, "targets" | "seconds">): Target[] {
  const f = (n: string) => figure(r, n);
  const cpuRatio = (a: string, b: string) => f(a).cpuUsPerMessage / f(b).cpuUsPerMessage;
  const speedup = (a: string, b: string) => f(a).framesPerSec / f(b).framesPerSec;
  const ours = r.startup.find((s) => s.name === "@tiktok-live/node")!;
  const conn = r.startup.find((s) => s.name === "tiktok-live-connector")!;
  const flat = 1024 * 1024;
  const list: Target[] = [];
  const add = (target: string, value: number, ok: boolean, show = x(value)) =>
    list.push({ target, measured: show, met: ok });
  add(
    "CPU/message ≤ 0.5× the connector's (awaited)",
    cpuRatio(names.ours1, names.conn1),
    cpuRatio(names.ours1, names.conn1) <= 0.5,
  );
  add(
    "CPU/message ≤ 0.5× the connector's (32 in flight)",
    cpuRatio(names.ours32, names.conn32),
    cpuRatio(names.ours32, names.conn32) <= 0.5,
  );
  add(
    "throughput ≥ 2.5× the connector (awaited)",
    speedup(names.ours1, names.conn1),
    speedup(names.ours1, names.conn1) >= 2.5,
  );
  add(
    "throughput ≥ 1.5× the connector (32 in flight)",
    speedup(names.ours32, names.conn32),
    speedup(names.ours32, names.conn32) >= 1.5,
  );
  const vsRaw = f(names.raw).framesPerSec / f(names.ours1).framesPerSec;
  add("full decode + dispatch within 1.2× of the raw limit (awaited, time)", vsRaw, vsRaw <= 1.2);
  const vsRaw32 = f(names.raw).framesPerSec / f(names.ours32).framesPerSec;
  add("full decode + dispatch within 1.2× of the raw limit (32 in flight, time)", vsRaw32, vsRaw32 <= 1.2);
  add("stretch: faster than the raw limit", 1 / vsRaw, vsRaw < 1);
  add(
    "lazy (comment listener only) ≥ 2× the full decode",
    speedup(names.lazy, names.ours1),
    speedup(names.lazy, names.ours1) >= 2,
  );
  add(
    "import time ≤ 1/3 of the connector's",
    ours.importMs / conn.importMs,
    ours.importMs / conn.importMs <= 1 / 3,
  );
  add(
    "heap after import ≤ 1/3 of the connector's",
    ours.heapBytes / conn.heapBytes,
    ours.heapBytes / conn.heapBytes <= 1 / 3,
  );
  add(
    "idle connected client ≤ 256 KiB heap",
    r.memory.idle.bytesPerClient,
    r.memory.idle.bytesPerClient <= 256 * 1024,
    kib(r.memory.idle.bytesPerClient),
  );
  add(
    `heap flat over ${fixed(r.memory.frames.frames)} frames (growth < 1 MiB)`,
    r.memory.frames.growthBytes,
    r.memory.frames.growthBytes < flat,
    mib(r.memory.frames.growthBytes),
  );
  add(
    `heap flat over ${fixed(r.memory.cycles.cycles)} connect/disconnect cycles (growth < 1 MiB)`,
    r.memory.cycles.growthBytes,
    r.memory.cycles.growthBytes < flat,
    mib(r.memory.cycles.growthBytes),
  );
  return list;
}

function decodeRows(r: Results): string[][] {
  return r.decode.map((d) => [
    d.name,
    fixed(d.framesPerSec),
    fixed(d.messagesPerSec),
    fixed(d.mbPerSec, 2),
    fixed(d.cpuUsPerMessage, 2),
    fixed(d.wallMs),
    String(d.samples),
  ]);
}

const decodeHeader = [
  "benchmark",
  "frames/s",
  "messages/s",
  "MB/s (wire)",
  "CPU µs/message",
  "median pass ms",
  "samples",
];

function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

function mdTable(header: string[], rows: string[][]): string {
  const align = header.map((_, i) => (i === 0 ? "---" : "---:"));
  return [header, align, ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n");
}

function corpusLine(r: Results): string {
  const c = r.corpus;
  return (
    `${fixed(c.frames)} frames, ${fixed(c.messages)} messages, ${mib(c.wireBytes)} on the wire ` +
    `(${mib(c.fileBytes)} recording file); payloads ${mib(c.compressedBytes)} gzip → ${mib(c.decompressedBytes)} ` +
    `(compression ratio ${c.compressionRatio.toFixed(2)}×)`
  );
}

function ratioRows(r: Results): string[][] {
  const f = (n: string) => figure(r, n);
  return [
    ["awaited per frame", names.ours1, names.conn1],
    ["32 frames in flight", names.ours32, names.conn32],
  ].map(([mode, a, b]) => [
    mode!,
    x(f(a!).framesPerSec / f(b!).framesPerSec),
    x(f(a!).cpuUsPerMessage / f(b!).cpuUsPerMessage),
  ]);
}

function memoryRows(r: Results): string[][] {
  const m = r.memory;
  return [
    ["idle connected client (heap per client)", `${kib(m.idle.bytesPerClient)} (${m.idle.clients} clients)`],
    [
      `heap over ${fixed(m.frames.frames)} frames, after each pass`,
      m.frames.heapAfterPass.map(mib).join(", "),
    ],
    ["growth after the first pass", mib(m.frames.growthBytes)],
    [
      `${fixed(m.cycles.cycles)} connect/disconnect cycles of one client (after ${m.cycles.warmup} warm-up), heap each quarter`,
      `${mib(m.cycles.before)} → ${m.cycles.checkpoints.map(mib).join(" → ")} (${mib(m.cycles.growthBytes)}; ${m.cycles.msPerCycle.toFixed(1)} ms/cycle)`,
    ],
  ];
}

function startupRows(r: Results): string[][] {
  return r.startup.map((s) => [s.name, `${s.importMs.toFixed(0)} ms`, mib(s.heapBytes), String(s.runs)]);
}

export function printReport(r: Results): void {
  const out: string[] = [];
  out.push(`\n${r.machine.cpu} · ${r.machine.cores} cores · Node ${r.machine.node} · ${r.machine.date}`);
  out.push(`Corpus: ${corpusLine(r)}\n`);
  out.push(textTable(decodeHeader, decodeRows(r)));
  out.push(`\nours vs connector\n${textTable(["mode", "throughput", "CPU/message"], ratioRows(r))}`);
  out.push(`\n${textTable(["memory", "measured"], memoryRows(r))}`);
  out.push(`\n${textTable(["start-up (median)", "import", "heap", "runs"], startupRows(r))}`);
  out.push(
    `\n${textTable(
      ["target (issue 8)", "measured", "met"],
      r.targets.map((t) => [t.target, t.measured, t.met ? "yes" : "NO"]),
    )}`,
  );
  out.push(`\n(${r.mode} run, ${r.seconds.toFixed(0)} s)`);
  console.log(out.join("\n"));
}

export function markdownReport(r: Results, findings: string): string {
  const raw = figure(r, names.raw);
  const share = (n: string) => `${((100 * figure(r, n).wallMs) / raw.wallMs).toFixed(0)} %`;
  return `# Benchmarks

Written by \`pnpm bench\` (packages/benchmarks); do not edit by hand — the notes in
"What we found" come from \`packages/benchmarks/src/findings.md\`.

**Machine:** ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.platform}, Node ${r.machine.node}, ${r.machine.date}.

## Method

- **Corpus:** ${corpusLine(r)}. Generated deterministically with the testkit's \`mixedMessageFactory(busyStreamMix)\`
  and \`encodeBatchFrame\` (batches of 1–20 messages), saved in the testkit recording format under
  \`packages/benchmarks/corpus/\` and reused by every benchmark. Mix: ${r.corpus.mix.map(([m, n]) => `${m.replace(/^Webcast|Message$/g, "")} ${((100 * n) / r.corpus.messages).toFixed(1)} %`).join(", ")}.
- **One sample = one full pass over the corpus.** All decode benchmarks run side by side in one process on the
  same frames, interleaved round by round (order rotated each round), ${figure(r, names.raw).samples} recorded
  samples each after a warm-up round; the median is reported. CPU is \`process.cpuUsage()\` (user + system,
  every thread, so zlib's thread pool counts).
- **@tiktok-live/node:** a real \`TikTokLiveClient\` connected through the simulator's HTTP routes with an injected
  WebSocket that never touches the network; frames go into the \`onmessage\` handler the client installed, as the
  ArrayBuffers \`ws\` delivers with \`binaryType = "arraybuffer"\`. Fresh client per sample.
- **tiktok-live-connector 2.5.0:** its \`WebcastWebSocketClient\` message handler (\`onMessage\`, subscribed to
  "message" as in its constructor) wired to \`TikTokLiveConnection.processProtoMessageFetchResult\` exactly as its
  \`setupWebsocket\` does; frames are emitted as "message" Buffers, as \`ws\` does. Only the socket write of acks is
  skipped on both sides (both still encode the ack).
- **Listeners:** one per event type of the mix (ours: comment, gift, like, join, roomUserSeq, social, follow, share,
  control; connector: chat, gift, like, member, roomUser, social, follow, share, controlMessage), each counting
  calls. "Awaited per frame" delivers the next frame once every event of the previous one was handled; "32 in
  flight" keeps at most 32 frames not fully dispatched.
- **Raw limit:** \`gunzipSync\` + \`WebcastPushFrame\`/\`ProtoMessageFetchResult\` decode + every message through
  its generated codec from \`@tiktok-live/proto\`, no client, no events.

## Decode + dispatch

${mdTable(decodeHeader, decodeRows(r))}

**Ours vs the connector** (ratios of medians; throughput higher is better, CPU/message lower is better):

${mdTable(["mode", "throughput", "CPU/message"], ratioRows(r))}

**Where the raw limit's time goes:** gunzip ${share(names.gunzip)}, envelope ${share(names.envelope)}, the rest
(message codecs) ${(100 - Number.parseFloat(share(names.gunzip)) - Number.parseFloat(share(names.envelope))).toFixed(0)} %.
Full decode + dispatch (awaited) takes ${x(raw.framesPerSec / figure(r, names.ours1).framesPerSec)} the raw limit's time;
with only a comment listener the client runs ${x(figure(r, names.lazy).framesPerSec / figure(r, names.ours1).framesPerSec)} faster
than with every listener (ceiling: gunzip + envelope,
${x(figure(r, names.ours1).wallMs / (figure(r, names.gunzip).wallMs + figure(r, names.envelope).wallMs))}).

## Memory

${mdTable(["memory", "measured"], memoryRows(r))}

Idle clients use real WebSockets (ws) to the simulator, which runs in a child process so its own sockets stay
out of the heap; heap is \`heapUsed\` after \`global.gc()\`.

## Start-up

Fresh \`node\` per run, runs interleaved; import time of the package and heap added by it (medians).

${mdTable(["package", "import", "heap", "runs"], startupRows(r))}

## Targets of issue 8

${mdTable(
  ["target", "measured", "met"],
  r.targets.map((t) => [t.target, t.measured, t.met ? "yes" : "**no**"]),
)}

Not measured yet: 1,000 concurrent streams (handler latency p50/p99, CPU, heap per connection), the
1,000,000-frame and 10,000-cycle memory runs (this run uses the sizes above), and the bundled size of a minimal app.

## What we found

${findings.trim()}
`;
}
