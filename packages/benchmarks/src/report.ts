import type { BundleFigures } from "./bundle-size.js";
import type { DedupeFigures } from "./dedupe-alternatives.js";
import type { Figures } from "./harness.js";
import type { CycleHeap, FrameHeap, IdleHeap } from "./memory.js";
import type { RuntimeFigures } from "./runtimes.js";
import type { ScaleFigures, ScaleModeFigures } from "./scale.js";
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
  /** The same passes on Node, Deno and Bun, each runtime in a process of its own. */
  runtimes: RuntimeFigures[];
  scale: ScaleFigures;
  /** ns per id of each dedupe structure, by id stream. */
  dedupe: DedupeFigures[];
  bundle: { ours: BundleFigures; connector: BundleFigures };
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
const pct = (n: number) => `${(100 * n).toFixed(0)} %`;

const modeLabel: Record<ScaleModeFigures["mode"], string> = {
  staggered: "independent streams (frames spread over time)",
  broadcast: "one room broadcast (every client gets each frame at once)",
};

export function figure(results: Pick<Results, "decode">, name: string): Figures {
  const f = results.decode.find((d) => d.name === name);
  if (!f) throw new Error(`No figures for ${name}`);
  return f;
}

/** Checks the targets of issue 8 against the figures. */
export function checkTargets(r: Omit<Results, "targets" | "seconds">): Target[] {
  const fig = (n: string) => figure(r, n);
  const cpuRatio = (a: string, b: string) => fig(a).cpuUsPerMessage / fig(b).cpuUsPerMessage;
  const speedup = (a: string, b: string) => fig(a).framesPerSec / fig(b).framesPerSec;
  const ours = r.startup.find((s) => s.name === "@tiktok-live/node")!;
  const conn = r.startup.find((s) => s.name === "tiktok-live-connector")!;
  const flat = 1024 * 1024;
  const list: Target[] = [];
  // Three decimals: at two, a near miss such as 1.9997× would read "2.00×" next to "no".
  const add = (target: string, value: number, ok: boolean, show = `${value.toFixed(3)}×`) =>
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
  const vsRaw = fig(names.raw).framesPerSec / fig(names.ours1).framesPerSec;
  add("full decode + dispatch within 1.2× of the raw limit (awaited, time)", vsRaw, vsRaw <= 1.2);
  const vsRaw32 = fig(names.raw).framesPerSec / fig(names.ours32).framesPerSec;
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
  for (const m of r.scale.modes) {
    add(
      `${fixed(r.scale.clients)} streams${m.mode === "broadcast" ? " (stress variant)" : ""}, ${modeLabel[m.mode]}: handler p99 < 50 ms (${r.machine.cores} cores)`,
      m.latencyMs.p99,
      m.latencyMs.p99 < 50 && m.clientsWithEveryMessage === r.scale.clients,
      `${fixed(m.latencyMs.p99)} ms`,
    );
  }
  add(
    `heap per connection with ${fixed(r.scale.clients)} clients ≤ 256 KiB`,
    r.scale.heapPerClient,
    r.scale.heapPerClient <= 256 * 1024,
    kib(r.scale.heapPerClient),
  );
  const f = r.memory.frames;
  add(
    `heap flat over ${fixed(f.frames)} frames (growth after ${fixed(f.warmupPasses * (f.frames / f.passes))}-frame warm-up < 1 MiB)`,
    f.growthBytes,
    f.growthBytes < flat,
    mib(f.growthBytes),
  );
  const c = r.memory.cycles;
  add(
    `heap flat over ${fixed(c.cycles)} connect/disconnect cycles (second-half growth < 1 MiB, no socket kept alive)`,
    c.secondHalfGrowthBytes,
    c.secondHalfGrowthBytes < flat && c.socketsAlive === 0,
    `${mib(c.secondHalfGrowthBytes)} (${mib(c.growthBytes)} over all; ${fixed(c.socketsAlive)} of ${fixed(c.sockets)} sockets alive)`,
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

const runtimeHeader = [
  "runtime",
  "adapter, gunzip",
  "full pass ms",
  "frames/s",
  "µs/message (wall)",
  "comment only ms",
  "full / comment only",
];

function runtimeRows(r: Results): string[][] {
  return r.runtimes.map((f) => [
    `${f.runtime} ${f.version}`,
    `${f.adapter}, ${f.gunzip}${f.gunzip.startsWith("webGunzip") || f.syncGunzip ? "" : " (fell back: async)"}`,
    fixed(f.fullMs),
    fixed(f.frames / (f.fullMs / 1000)),
    ((f.fullMs * 1000) / f.messages).toFixed(2),
    fixed(f.commentsMs),
    x(f.fullMs / f.commentsMs),
  ]);
}

function memoryRows(r: Results): string[][] {
  const m = r.memory;
  const f = m.frames;
  const c = m.cycles;
  const framesPerPass = f.frames / f.passes;
  const settled = f.heapAfterPass.slice(f.warmupPasses);
  const tenth = Math.max(1, Math.floor(settled.length / 10));
  const sampled = settled.filter((_, i) => i % tenth === 0 || i === settled.length - 1);
  return [
    ["idle connected client (heap per client)", `${kib(m.idle.bytesPerClient)} (${m.idle.clients} clients)`],
    [
      `${fixed(f.frames)} frames through one client (${f.passes} passes over the corpus, ${f.msPerPass.toFixed(0)} ms/pass): heap after pass 1, ${f.warmupPasses} (end of warm-up)`,
      `${mib(f.heapAfterPass[0]!)}, ${mib(f.heapAfterPass[Math.max(0, f.warmupPasses - 1)]!)}`,
    ],
    [`… then every ${fixed(tenth * framesPerPass)} frames`, sampled.map(mib).join(", ")],
    [
      "… growth after the warm-up (last − first sample; max − min)",
      `${mib(f.growthBytes)}; ${mib(f.spreadBytes)}`,
    ],
    [
      "… events dispatched per pass (min–max)",
      f.minEventsPerPass === f.maxEventsPerPass
        ? `${fixed(f.minEventsPerPass)} every pass`
        : `${fixed(f.minEventsPerPass)}–${fixed(f.maxEventsPerPass)}`,
    ],
    [
      `${fixed(c.cycles)} connect/disconnect cycles of one client (after ${fixed(c.warmup)} warm-up, ${c.msPerCycle.toFixed(1)} ms/cycle): heap before, then every ${fixed(c.every)}`,
      `${mib(c.before)} → ${c.checkpoints.map(mib).join(" → ")}`,
    ],
    [
      "… growth over all cycles (of it, compiled code); over the second half",
      `${mib(c.growthBytes)} (${mib(c.codeGrowthBytes)}); ${mib(c.secondHalfGrowthBytes)}`,
    ],
    ["… WebSockets opened, still alive at the end", `${fixed(c.sockets)}, ${fixed(c.socketsAlive)}`],
  ];
}

const scaleHeader = [
  "mode",
  "clients with every message",
  "messages/s",
  "handler latency p50 / p99 / max",
  "client CPU (1 core = 100 %)",
  "CPU µs/message",
  "simulator CPU; longest send round",
];

function scaleRows(r: Results): string[][] {
  return r.scale.modes.map((m) => [
    modeLabel[m.mode],
    `${fixed(m.clientsWithEveryMessage)} / ${fixed(m.sessions)} (${fixed(m.messagesPerClient)} each)`,
    fixed(m.messagesPerSecond),
    `${fixed(m.latencyMs.p50)} / ${fixed(m.latencyMs.p99)} / ${fixed(m.latencyMs.max)} ms`,
    pct(m.cpuShareOfOneCore),
    fixed(m.cpuUsPerMessage, 1),
    `${pct(m.simulatorCpuShareOfOneCore)}; ${fixed(m.simulatorMaxTickMs)} ms`,
  ]);
}

function scaleMemoryLine(r: Results): string {
  const s = r.scale;
  return (
    `heap per connection ${kib(s.heapPerClient)} with ${fixed(s.clients)} clients connected and idle ` +
    `(${kib(s.heapPerClientAfterStreaming)} after streaming); outside the heap (\`external\`: ArrayBuffers, typed arrays) ` +
    `${kib(s.outsideHeapPerClient)} per client connected, ${kib(s.outsideHeapPerClientAfterStreaming)} after streaming; ` +
    `connecting all took ${s.connectSeconds.toFixed(1)} s`
  );
}

function dedupeRows(r: Results): string[][] {
  const streams = Object.keys(r.dedupe[0]?.nsPerId ?? {});
  return r.dedupe.map((d) => [d.name, ...streams.map((s) => fixed(d.nsPerId[s]!, 0))]);
}

function dedupeHeader(r: Results): string[] {
  return ["structure (ns per message id)", ...Object.keys(r.dedupe[0]?.nsPerId ?? {})];
}

function bundleRows(r: Results): string[][] {
  const row = (label: string, b: BundleFigures) => [
    label,
    `${(b.bytes / 1000).toFixed(0)} kB`,
    `${(b.gzipBytes / 1000).toFixed(0)} kB`,
    b.byPackage
      .slice(0, 4)
      .map(([p, n]) => `${p} ${(n / 1000).toFixed(0)} kB`)
      .join(", "),
  ];
  return [
    row(`${r.bundle.ours.entry} (@tiktok-live/node)`, r.bundle.ours),
    row("the same app on tiktok-live-connector (for reference)", r.bundle.connector),
  ];
}

const bundleHeader = ["app", "minified", "gzip -9", "largest parts"];

function startupRows(r: Results): string[][] {
  return r.startup.map((s) => [s.name, `${s.importMs.toFixed(0)} ms`, mib(s.heapBytes), String(s.runs)]);
}

export function printReport(r: Results): void {
  const out: string[] = [];
  out.push(`\n${r.machine.cpu} · ${r.machine.cores} cores · Node ${r.machine.node} · ${r.machine.date}`);
  out.push(`Corpus: ${corpusLine(r)}\n`);
  out.push(textTable(decodeHeader, decodeRows(r)));
  out.push(`\nours vs connector\n${textTable(["mode", "throughput", "CPU/message"], ratioRows(r))}`);
  out.push(`\nthe same passes by runtime (a process each)\n${textTable(runtimeHeader, runtimeRows(r))}`);
  out.push(`\n${textTable(["memory", "measured"], memoryRows(r))}`);
  out.push(
    `\nscale: ${fixed(r.scale.clients)} clients in one process\n${textTable(scaleHeader, scaleRows(r))}`,
  );
  out.push(scaleMemoryLine(r));
  out.push(`\n${textTable(dedupeHeader(r), dedupeRows(r))}`);
  out.push(`\n${textTable(bundleHeader, bundleRows(r))}`);
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
  every thread, so zlib's thread pool counts). Before each sample a plain major GC
  (\`gc({ type: "major", execution: "sync" })\`) clears the previous one's garbage; the forced \`gc()\` would also
  throw away optimized code (see the third round's findings).
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
- **Raw limit:** the client's synchronous gunzip (\`nodeGunzip\`, one reused zlib engine) + \`WebcastPushFrame\`/\`ProtoMessageFetchResult\` decode + every message through
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

## Node, Deno and Bun

${mdTable(runtimeHeader, runtimeRows(r))}

The awaited full pass and the comment-only pass again, on each runtime with the adapter its users install
(\`@tiktok-live/node\` on Node, \`@tiktok-live/deno-bun\` on Deno and Bun), the same loopback socket and
listeners, against the same simulator. Runtimes cannot share a process, so each runs in its own, the two passes
interleaved inside it, ${r.runtimes[0]?.samples ?? 0} recorded rounds after a warm-up, medians; wall time only: Deno's and Bun's
\`process.cpuUsage\` do not measure what Node's does (Deno 2.9 reports one figure as both user and system time, Bun 1.4
reported 0 µs of user time). These compare less tightly than the side-by-side
table above. The \`webGunzip\` rows are Deno and Bun with a \`DecompressionStream\` per frame, the default before
the reused zlib engine ([decision 007](decisions/007-one-zlib-engine.md)).

## Memory

${mdTable(["memory", "measured"], memoryRows(r))}

Idle clients and connect/disconnect cycles use real WebSockets (ws) to the simulator, which runs in a child
process so its own sockets stay out of the heap; heap is \`heapUsed\` after \`global.gc()\`. The cycles run in a
fresh process of their own, and every WebSocket the client opens is registered with a \`FinalizationRegistry\`: a
connection that something kept alive would show up as a socket never collected. The frame run feeds the
corpus through the loopback socket again and again: message ids repeat from one pass to the next, but the dedupe
remembers only the last ${fixed(4096)} ids and a pass holds ${fixed(r.corpus.messages)} messages, so no message is
dropped as a repeat — every frame is fully decoded and dispatched every pass (see the events per pass).

## Scale

${fixed(r.scale.clients)} real clients (ws, fetch, zlib; one listener per message kind) in one fresh Node process,
against one simulator in another process (its CPU is not counted), each client's stream at
${fixed((r.scale.config.messagesPerFrame * 1000) / r.scale.config.intervalMs, 1)} messages/s (${r.scale.config.messagesPerFrame} per frame, a frame every
${r.scale.config.intervalMs} ms) for ${fixed((r.scale.config.frames * r.scale.config.intervalMs) / 1000)} s in each mode. Latency is
\`Date.now() − createTime\` in the handler, where the simulator sets \`common.createTime\` when it builds the frame
(same machine and clock; millisecond resolution), so it includes the simulator's own sending: in the broadcast
mode it writes each frame to all ${fixed(r.scale.clients)} sockets in one loop (its longest such round is shown), and
the last socket's frame leaves that much later than its createTime. "Independent streams" is the setting of the
issue's target (each stream its own room, frames spread evenly); "one room broadcast" is a stress variant where
every client gets every frame in the same instant. CPU is the client process's \`process.cpuUsage()\` over the
run (1 core = 100 %).

${mdTable(scaleHeader, scaleRows(r))}

Memory: ${scaleMemoryLine(r)}.

## Bundled app

The seed example bundled with esbuild ${r.bundle.ours.esbuild} (\`--bundle --minify --platform=node --format=esm\`;
ws's optional native add-ons left external), and the same app written for the connector:

${mdTable(bundleHeader, bundleRows(r))}

## Message-id dedupe

A micro-benchmark (the only one in the suite: the dedupe costs tens of nanoseconds per message, too little to
see in a pass) of structures with the dedupe's exact semantics — the last ${fixed(4096)} ids, oldest forgotten
first, id 0 never a repeat, two different ids never taken for one another. Each is checked against the
\`Set<bigint>\` reference on every stream and on hostile ids (same low or high 32 bits, same value as a double,
negative, outside int64) before it is timed; fresh dedupe per sample, candidates interleaved, median of
${r.mode === "smoke" ? 1 : 7} rounds.

${mdTable(
  dedupeHeader(r),
  dedupeRows(r).map((row) => row.map((cell) => cell.replace(/</g, "&lt;"))),
)}

## Start-up

Fresh \`node\` per run, runs interleaved; import time of the package and heap added by it (medians).

${mdTable(["package", "import", "heap", "runs"], startupRows(r))}

## Targets of issue 8

${mdTable(
  ["target", "measured", "met"],
  r.targets.map((t) => [t.target, t.measured, t.met ? "yes" : "**no**"]),
)}

## What we found

${findings.trim()}
`;
}
