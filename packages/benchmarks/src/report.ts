import type { BundleFigures } from "./bundle-size.js";
import { fixed, kib, mib, modeLabel, pct, x } from "./format.js";
import { type CorpusRun, figure, names, type Results } from "./results.js";

/**
 * The tables of the benchmark report, as rows of cells, shared by the text
 * report on stdout (here) and docs/benchmarks.md (report-markdown.ts).
 */

export function decodeRows(run: CorpusRun): string[][] {
  return run.decode.map((d) => [
    d.name,
    fixed(d.framesPerSec),
    fixed(d.messagesPerSec),
    fixed(d.mbPerSec, 2),
    fixed(d.cpuUsPerMessage, 2),
    fixed(d.wallMs),
    String(d.samples),
  ]);
}

export const decodeHeader = [
  "benchmark",
  "frames/s",
  "messages/s",
  "MB/s (wire)",
  "CPU µs/message",
  "median pass ms",
  "samples",
];

export function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

export function mdTable(header: string[], rows: string[][]): string {
  const align = header.map((_, i) => (i === 0 ? "---" : "---:"));
  return [header, align, ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n");
}

export function corpusLine(run: CorpusRun): string {
  const c = run.corpus;
  return (
    `${fixed(c.frames)} frames, ${fixed(c.messages)} messages, ${mib(c.wireBytes)} on the wire ` +
    `(${mib(c.fileBytes)} recording file); payloads ${mib(c.compressedBytes)} gzip → ${mib(c.decompressedBytes)} ` +
    `(compression ratio ${c.compressionRatio.toFixed(2)}×)`
  );
}

export function ratioRows(run: CorpusRun): string[][] {
  const f = (n: string) => figure(run, n);
  return [
    ["awaited per frame", names.ours1, names.conn1],
    ["32 frames in flight", names.ours32, names.conn32],
  ].map(([mode, a, b]) => [
    mode!,
    x(f(a!).framesPerSec / f(b!).framesPerSec),
    x(f(a!).cpuUsPerMessage / f(b!).cpuUsPerMessage),
  ]);
}

export const runtimeHeader = [
  "runtime",
  "adapter, gunzip",
  "full pass ms",
  "frames/s",
  "µs/message (wall)",
  "comment only ms",
  "full / comment only",
];

export function runtimeRows(run: CorpusRun): string[][] {
  return run.runtimes.map((f) => [
    `${f.runtime} ${f.version}`,
    `${f.adapter}, ${f.gunzip}${f.gunzip.startsWith("webGunzip") || f.syncGunzip ? "" : " (fell back: async)"}`,
    fixed(f.fullMs),
    fixed(f.frames / (f.fullMs / 1000)),
    ((f.fullMs * 1000) / f.messages).toFixed(2),
    fixed(f.commentsMs),
    x(f.fullMs / f.commentsMs),
  ]);
}

export function memoryRows(r: Results): string[][] {
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

export const scaleHeader = [
  "mode",
  "clients with every message",
  "messages/s",
  "handler latency p50 / p99 / max",
  "client CPU (1 core = 100 %)",
  "CPU µs/message",
  "simulator CPU; longest send round",
];

export function scaleRows(r: Results): string[][] {
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

export function scaleMemoryLine(r: Results): string {
  const s = r.scale;
  return (
    `heap per connection ${kib(s.heapPerClient)} with ${fixed(s.clients)} clients connected and idle ` +
    `(${kib(s.heapPerClientAfterStreaming)} after streaming); outside the heap (\`external\`: ArrayBuffers, typed arrays) ` +
    `${kib(s.outsideHeapPerClient)} per client connected, ${kib(s.outsideHeapPerClientAfterStreaming)} after streaming; ` +
    `connecting all took ${s.connectSeconds.toFixed(1)} s`
  );
}

export function dedupeRows(r: Results): string[][] {
  const streams = Object.keys(r.dedupe[0]?.nsPerId ?? {});
  return r.dedupe.map((d) => [d.name, ...streams.map((s) => fixed(d.nsPerId[s]!, 0))]);
}

export function dedupeHeader(r: Results): string[] {
  return ["structure (ns per message id)", ...Object.keys(r.dedupe[0]?.nsPerId ?? {})];
}

export function bundleRows(r: Results): string[][] {
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

export const bundleHeader = ["app", "minified", "gzip -9", "largest parts"];

export function startupRows(r: Results): string[][] {
  return r.startup.map((s) => [s.name, `${s.importMs.toFixed(0)} ms`, mib(s.heapBytes), String(s.runs)]);
}

export function retainedLine(run: CorpusRun): string {
  const k = run.retained;
  return (
    `retained per kept event (${fixed(k.count)} comments, gifts and joins kept): ${kib(k.lazyBytesPerEvent)} ` +
    `against ${kib(k.eagerBytesPerEvent)} decoded eagerly (${x(k.ratio)}); one kept per frame, the rest dropped: ` +
    `${kib(k.sparseLazyBytesPerEvent)} against ${kib(k.sparseEagerBytesPerEvent)} (${x(k.sparseRatio)})`
  );
}

export function printReport(r: Results): void {
  const out: string[] = [];
  out.push(`\n${r.machine.cpu} · ${r.machine.cores} cores · Node ${r.machine.node} · ${r.machine.date}`);
  for (const run of r.corpora) {
    out.push(`\n== ${run.corpus.variant} corpus: ${corpusLine(run)}\n`);
    out.push(textTable(decodeHeader, decodeRows(run)));
    out.push(`\nours vs connector\n${textTable(["mode", "throughput", "CPU/message"], ratioRows(run))}`);
    out.push(`\nthe same passes by runtime (a process each)\n${textTable(runtimeHeader, runtimeRows(run))}`);
    out.push(`\n${retainedLine(run)}`);
  }
  out.push(`\n${textTable(["memory", "measured"], memoryRows(r))}`);
  out.push(
    `\nscale: ${fixed(r.scale.clients)} clients in one process\n${textTable(scaleHeader, scaleRows(r))}`,
  );
  out.push(scaleMemoryLine(r));
  out.push(`\n${textTable(dedupeHeader(r), dedupeRows(r))}`);
  out.push(`\n${textTable(bundleHeader, bundleRows(r))}`);
  out.push(`\n${textTable(["start-up (median)", "import", "heap", "runs"], startupRows(r))}`);
  for (const t of r.targets) {
    out.push(
      `\n${textTable(
        [t.title, "measured", "met"],
        t.rows.map((row) => [row.target, row.measured, row.met ? "yes" : "NO"]),
      )}`,
    );
  }
  out.push(`\n(${r.mode} run, ${r.seconds.toFixed(0)} s)`);
  console.log(out.join("\n"));
}
