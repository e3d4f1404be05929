import type { ChartFile } from "./charts.js";
import { fixed, x } from "./format.js";
import {
  bundleHeader,
  bundleRows,
  corpusLine,
  decodeHeader,
  decodeRows,
  dedupeHeader,
  dedupeRows,
  mdTable,
  memoryRows,
  ratioRows,
  retainedLine,
  runtimeHeader,
  runtimeRows,
  scaleHeader,
  scaleMemoryLine,
  scaleRows,
  startupRows,
} from "./report.js";
import { type CorpusRun, figure, names, type Results } from "./results.js";

/**
 * docs/benchmarks.md, section by section. Every figure comes from the
 * results; the prose explains how each was measured.
 */

function header(r: Results): string {
  return `# Benchmarks

Written by \`pnpm bench\` (packages/benchmarks); do not edit by hand — the notes in
"What we found" come from \`packages/benchmarks/src/findings.md\`, the charts are written next to this file
(\`docs/benchmarks/*.svg\`) by the same run.

**Machine:** ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.platform}, Node ${r.machine.node}, ${r.machine.date}.`;
}

function charts(files: ChartFile[]): string {
  return `## Charts

${files.map((f) => `![${f.alt}](benchmarks/${f.file})`).join("\n\n")}`;
}

const mixLine = (run: CorpusRun) =>
  run.corpus.mix
    .map(
      ([m, n]) => `${m.replace(/^Webcast|Message$/g, "")} ${((100 * n) / run.corpus.messages).toFixed(1)} %`,
    )
    .join(", ");

const payloadLine = (run: CorpusRun) =>
  run.corpus.payloadBytes
    .map(([m, b]) => `${m.replace(/^Webcast|Message$/g, "")} ${(b / 1000).toFixed(1)} KB`)
    .join(", ");

function method(r: Results): string {
  const samples = r.corpora[0] ? figure(r.corpora[0], names.raw).samples : 0;
  return `## Method

- **Corpora:** generated deterministically with the testkit's \`mixedMessageFactory(busyStreamMix)\` and
  \`encodeBatchFrame\` (batches of 1–20 messages), saved in the testkit recording format under
  \`packages/benchmarks/corpus/\` and reused by every benchmark. The **light** corpus has the testkit's messages as
  they are; the **realistic** one the same stream with users, gifts and viewer lists the size TikTok sends them
  (avatar URL lists, badges with images and privilege data, follow info; realistic-messages.ts), per-method
  averages within ±20 % of those measured on recorded payloads (issue 18).
${r.corpora.map((run) => `  - ${run.corpus.variant}: ${corpusLine(run)}. Mix: ${mixLine(run)}. Average payload: ${payloadLine(run)}.`).join("\n")}
- **One sample = one full pass over the corpus.** All decode benchmarks of a corpus run side by side in one
  process on the same frames, interleaved round by round (order rotated each round), ${samples} recorded
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
  calls and reading the user's nickname, as a typical handler does. "Awaited per frame" delivers the next frame
  once every event of the previous one was handled; "32 in flight" keeps at most 32 frames not fully dispatched.
- **Raw limit:** the client's synchronous gunzip (\`nodeGunzip\`, one reused zlib engine, inflating into the buffer it reuses as the client does) + \`WebcastPushFrame\`/\`ProtoMessageFetchResult\` decode + every message through
  its generated codec from \`@tiktok-live/proto\` (eager: every nested message decoded), no client, no events.
- **Retained per kept event:** 10,000 comments, gifts and joins kept in an array while the stream goes on, each
  read as a handler would (top-level fields and the user's nickname); \`heapUsed + arrayBuffers\` after a full GC,
  against the same messages decoded eagerly with a payload copy each. Also with one kept event per frame and every
  other message still made an event and dropped: the worst case for events that share buffers.`;
}

function decode(run: CorpusRun): string {
  const f = (n: string) => figure(run, n);
  const raw = f(names.raw);
  const share = (n: string) => (100 * f(n).wallMs) / raw.wallMs;
  const ceiling = f(names.gunzip).wallMs + f(names.envelope).wallMs;
  return `## Decode + dispatch, ${run.corpus.variant} corpus

${mdTable(decodeHeader, decodeRows(run))}

**Ours vs the connector** (ratios of medians; throughput higher is better, CPU/message lower is better):

${mdTable(["mode", "throughput", "CPU/message"], ratioRows(run))}

**Where the raw limit's time goes:** gunzip ${share(names.gunzip).toFixed(0)} %, envelope ${share(names.envelope).toFixed(0)} %, the rest
(message codecs) ${(100 - share(names.gunzip) - share(names.envelope)).toFixed(0)} %.
Full decode + dispatch (awaited) takes ${x(f(names.ours1).wallMs / raw.wallMs)} the raw limit's time
(CPU: ${x(f(names.ours1).cpuUs / raw.cpuUs)}); with only a comment listener the client runs
${x(f(names.lazy).framesPerSec / f(names.ours1).framesPerSec)} faster than with every listener, and takes
${x(f(names.lazy).wallMs / ceiling)} the time of its ceiling (gunzip + envelope).

**Memory:** ${retainedLine(run)}.`;
}

function runtimes(r: Results): string {
  const rounds = r.corpora[0]?.runtimes[0]?.samples ?? 0;
  return `## Node, Deno and Bun

${r.corpora.map((run) => `**${run.corpus.variant} corpus**\n\n${mdTable(runtimeHeader, runtimeRows(run))}`).join("\n\n")}

The awaited full pass and the comment-only pass again, on each runtime with the adapter its users install
(\`@tiktok-live/node\` on Node, \`@tiktok-live/deno-bun\` on Deno and Bun), the same loopback socket and
listeners, against the same simulator, on each corpus. Runtimes cannot share a process, so each runs in its own, the two passes
interleaved inside it, ${rounds} recorded rounds after a warm-up, medians; wall time only: Deno's and Bun's
\`process.cpuUsage\` do not measure what Node's does (Deno 2.9 reports one figure as both user and system time, Bun 1.4
reported 0 µs of user time). These compare less tightly than the side-by-side
tables above. The \`webGunzip\` rows are Deno and Bun with a \`DecompressionStream\` per frame, the default before
the reused zlib engine ([decision 007](decisions/007-one-zlib-engine.md)).`;
}

function memory(r: Results): string {
  const light = r.corpora.find((c) => c.corpus.variant === "light") ?? r.corpora[0];
  return `## Memory

${mdTable(["memory", "measured"], memoryRows(r))}

Idle clients and connect/disconnect cycles use real WebSockets (ws) to the simulator, which runs in a child
process so its own sockets stay out of the heap; heap is \`heapUsed\` after \`global.gc()\`. The cycles run in a
fresh process of their own, and every WebSocket the client opens is registered with a \`FinalizationRegistry\`: a
connection that something kept alive would show up as a socket never collected. The frame run feeds the
${light?.corpus.variant ?? ""} corpus through the loopback socket again and again: message ids repeat from one pass to the next, but the dedupe
remembers only the last ${fixed(4096)} ids and a pass holds ${fixed(light?.corpus.messages ?? 0)} messages, so no message is
dropped as a repeat — every frame is fully decoded and dispatched every pass (see the events per pass).`;
}

function scale(r: Results): string {
  const c = r.scale.config;
  return `## Scale

${fixed(r.scale.clients)} real clients (ws, fetch, zlib; one listener per message kind) in one fresh Node process,
against one simulator in another process (its CPU is not counted), each client's stream at
${fixed((c.messagesPerFrame * 1000) / c.intervalMs, 1)} messages/s (${c.messagesPerFrame} per frame, a frame every
${c.intervalMs} ms) for ${fixed((c.frames * c.intervalMs) / 1000)} s in each mode. Latency is
\`Date.now() − createTime\` in the handler, where the simulator sets \`common.createTime\` when it builds the frame
(same machine and clock; millisecond resolution), so it includes the simulator's own sending: in the broadcast
mode it writes each frame to all ${fixed(r.scale.clients)} sockets in one loop (its longest such round is shown), and
the last socket's frame leaves that much later than its createTime. "Independent streams" is the setting of the
issue's target (each stream its own room, frames spread evenly); "one room broadcast" is a stress variant where
every client gets every frame in the same instant. CPU is the client process's \`process.cpuUsage()\` over the
run (1 core = 100 %).

${mdTable(scaleHeader, scaleRows(r))}

Memory: ${scaleMemoryLine(r)}.`;
}

function bundle(r: Results): string {
  return `## Bundled app

The seed example bundled with esbuild ${r.bundle.ours.esbuild} (\`--bundle --minify --platform=node --format=esm\`;
ws's optional native add-ons left external), and the same app written for the connector:

${mdTable(bundleHeader, bundleRows(r))}`;
}

function dedupe(r: Results): string {
  return `## Message-id dedupe

A micro-benchmark (the only one in the suite: the dedupe costs tens of nanoseconds per message, too little to
see in a pass) of structures with the dedupe's exact semantics — the last ${fixed(4096)} ids, oldest forgotten
first, id 0 never a repeat, two different ids never taken for one another. Each is checked against the
\`Set<bigint>\` reference on every stream and on hostile ids (same low or high 32 bits, same value as a double,
negative, outside int64) before it is timed; fresh dedupe per sample, candidates interleaved, median of
${r.mode === "smoke" ? 1 : 7} rounds.

${mdTable(
  dedupeHeader(r),
  dedupeRows(r).map((row) => row.map((cell) => cell.replace(/</g, "&lt;"))),
)}`;
}

function startup(r: Results): string {
  return `## Start-up

Fresh \`node\` per run, runs interleaved; import time of the package and heap added by it (medians).

${mdTable(["package", "import", "heap", "runs"], startupRows(r))}`;
}

function targets(r: Results): string {
  return r.targets
    .map(
      (t) =>
        `## ${t.title}\n\n${mdTable(
          ["target", "measured", "met"],
          t.rows.map((row) => [row.target, row.measured, row.met ? "yes" : "**no**"]),
        )}`,
    )
    .join("\n\n");
}

/**
 * findings.md sits in packages/benchmarks/src and its relative links are written from there; the report
 * lands in docs/, so a link into docs/ loses its `../../../docs/` and any other repository path one level up.
 */
export function findingsForDocs(findings: string): string {
  return findings.trim().replaceAll("](../../../docs/", "](").replaceAll("](../../../", "](../");
}

export function markdownReport(r: Results, findings: string, chartFiles: ChartFile[]): string {
  const sections = [
    header(r),
    targets(r),
    charts(chartFiles),
    method(r),
    ...r.corpora.map(decode),
    runtimes(r),
    memory(r),
    scale(r),
    bundle(r),
    dedupe(r),
    startup(r),
    `## What we found\n\n${findingsForDocs(findings)}`,
  ];
  return `${sections.join("\n\n")}\n`;
}
