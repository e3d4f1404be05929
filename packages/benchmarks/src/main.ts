import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, platform, release } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleSize } from "./bundle-size.js";
import { benchmarkCharts } from "./charts.js";
import { type Corpus, type CorpusVariant, corpusVariants, loadCorpus } from "./corpus.js";
import { dedupeMicro } from "./dedupe-alternatives.js";
import type { FleetBenchResult } from "./fleet-bench.js";
import { fleetInFreshProcess } from "./fleet-processes.js";
import { fleetMarkdown } from "./fleet-report.js";
import { runFresh } from "./fresh-process.js";
import { canCollect } from "./harness.js";
import { measureCorpus } from "./measure-corpus.js";
import { type CycleHeap, heapOverFrames, idleClientHeap } from "./memory.js";
import { printReport } from "./report.js";
import { markdownReport } from "./report-markdown.js";
import type { CorpusRun, Results } from "./results.js";
import { type ScaleConfig, scale } from "./scale.js";
import { startRemoteSimulator } from "./simulator-process.js";
import { startup } from "./startup.js";
import { renderBarChart } from "./svg-chart.js";
import { checkTargets } from "./targets.js";

/**
 * `pnpm bench`: every benchmark (issues 8 and 18), the per-corpus ones on the
 * light and the realistic corpus, then tables on stdout, docs/benchmarks.md
 * and its SVG charts in docs/benchmarks/. `--smoke` (or BENCH_SMOKE=1) runs
 * each on a tiny corpus once, in seconds, and leaves the docs alone.
 * `--json=path` writes the results as JSON (the smoke test reads them).
 */
const args = process.argv.slice(2);
const smoke = args.includes("--smoke") || process.env.BENCH_SMOKE === "1";
const jsonPath = args.find((a) => a.startsWith("--json="))?.slice("--json=".length);
/**
 * Both corpora (corpus.ts) by default, light first; `--corpus=light` or `--corpus=realistic` measures one
 * (a subset: the docs are then left alone). `--decode-only`: stop after each corpus's decode suite and
 * retained heap, skipping the runtimes and everything after.
 */
const only = args.find((a) => a.startsWith("--corpus="))?.slice("--corpus=".length) as
  | CorpusVariant
  | undefined;
if (only && !corpusVariants.includes(only))
  throw new Error(`--corpus must be one of ${corpusVariants.join(", ")}`);
const variants: readonly CorpusVariant[] = only ? [only] : corpusVariants;
const decodeOnly = args.includes("--decode-only");
const here = dirname(fileURLToPath(import.meta.url));
const docsPath = join(here, "..", "..", "..", "docs", "benchmarks.md");
const chartsDir = join(here, "..", "..", "..", "docs", "benchmarks");

const config: {
  frames: number;
  rounds: number;
  warmup: number;
  idleClients: number;
  framePasses: number;
  frameWarmupPasses: number;
  runtimeRounds: number;
  retainedCount: number;
  cycles: number;
  cycleWarmup: number;
  cycleSamples: number;
  startupRuns: number;
  scale: ScaleConfig;
  dedupe: { length: number; rounds: number };
} = smoke
  ? {
      frames: 200,
      rounds: 1,
      warmup: 0,
      // Enough clients that their heap stands out of the process's own noise (fetch pools, JIT): about ±50 KiB.
      idleClients: 20,
      framePasses: 3,
      frameWarmupPasses: 1,
      runtimeRounds: 1,
      retainedCount: 1_000,
      cycles: 10,
      cycleWarmup: 2,
      cycleSamples: 2,
      startupRuns: 1,
      scale: {
        clients: 10,
        connectConcurrency: 10,
        frames: 3,
        intervalMs: 100,
        messagesPerFrame: 1,
        modes: ["staggered", "broadcast"],
      },
      dedupe: { length: 5_000, rounds: 1 },
    }
  : {
      frames: 10_000,
      rounds: 5,
      warmup: 1,
      idleClients: 50,
      // 100 passes over the 10,000-frame corpus: 1,000,000 frames.
      framePasses: 100,
      frameWarmupPasses: 10,
      runtimeRounds: 5,
      retainedCount: 10_000,
      cycles: 10_000,
      cycleWarmup: 1_000,
      cycleSamples: 10,
      startupRuns: 7,
      // 1,000 clients, 2 messages/s each (one per frame, every 500 ms) for 20 s, in each mode.
      scale: {
        clients: 1_000,
        connectConcurrency: 50,
        frames: 40,
        intervalMs: 500,
        messagesPerFrame: 1,
        modes: ["staggered", "broadcast"],
      },
      dedupe: { length: 200_000, rounds: 7 },
    };

const log = (line: string) => console.log(line);
if (!canCollect) log("note: run with node --expose-gc for heap figures after collection");
const started = performance.now();

const sim = await startRemoteSimulator();
try {
  const corpora: Corpus[] = [];
  const runs: CorpusRun[] = [];
  for (const variant of variants) {
    log(`corpus: ${config.frames} frames, ${variant}…`);
    const corpus = loadCorpus(config.frames, variant);
    corpora.push(corpus);
    runs.push(
      await measureCorpus(
        sim,
        corpus,
        {
          rounds: config.rounds,
          warmup: config.warmup,
          runtimeRounds: config.runtimeRounds,
          retainedCount: config.retainedCount,
          skipRuntimes: decodeOnly,
        },
        log,
      ),
    );
  }
  if (decodeOnly) {
    for (const run of runs) {
      log(`${run.corpus.variant}:`);
      for (const d of run.decode) log(`  ${JSON.stringify(d)}`);
      log(`  retained per kept event: ${JSON.stringify(run.retained)}`);
    }
    if (jsonPath) writeFileSync(jsonPath, JSON.stringify({ corpora: runs }, null, 2));
    process.exit(0);
  }
  // Memory, scale and the rest once, on the light corpus (the first measured).
  const corpus = corpora[0]!;

  log("memory: idle clients…");
  const idle = await idleClientHeap(sim, config.idleClients);
  log(
    `memory: ${config.framePasses} passes (${config.framePasses * corpus.arrays.length} frames) through one client…`,
  );
  const frames = await heapOverFrames(sim, corpus, config.framePasses, config.frameWarmupPasses);
  log(`memory: ${config.cycles} connect/disconnect cycles…`);
  const cycles = await runFresh<CycleHeap>("cycles-child.ts", {
    cycles: config.cycles,
    warmup: config.cycleWarmup,
    samples: config.cycleSamples,
  });

  log(`scale: ${config.scale.clients} clients in one process, modes ${config.scale.modes.join(", ")}…`);
  const scaleFigures = await scale(config.scale);

  log("message-id dedupe: micro-benchmark of the alternatives…");
  const dedupe = dedupeMicro(corpus.msgIds, config.dedupe);

  log("bundle: the seed example with esbuild…");
  const bundle = await bundleSize("examples/node/basic.ts");
  const connectorBundle = await bundleSize("packages/benchmarks/src/apps/connector-basic.mjs");

  log("start-up: fresh processes…");
  const startupFigures = await startup(["@tiktok-live/node", "tiktok-live-connector"], config.startupRuns);

  log("fleet: NATS sink, latency, failover, rooms over workers…");
  const fleet = JSON.parse(await fleetInFreshProcess(smoke, log)) as FleetBenchResult;
  if ("skipped" in fleet) log(`fleet: SKIPPED, ${fleet.skipped}`);

  const partial: Omit<Results, "targets" | "seconds"> = {
    mode: smoke ? "smoke" : "full",
    machine: {
      cpu: cpus()[0]?.model ?? "unknown CPU",
      cores: cpus().length,
      node: process.versions.node,
      platform: `${platform()} ${release()}`,
      date: new Date().toISOString().slice(0, 10),
    },
    corpora: runs,
    memory: { idle, frames, cycles },
    scale: scaleFigures,
    dedupe,
    bundle: { ours: bundle, connector: connectorBundle },
    startup: startupFigures,
  };
  const results: Results = {
    ...partial,
    targets: checkTargets(partial),
    seconds: (performance.now() - started) / 1000,
  };
  printReport(results);
  if (jsonPath) writeFileSync(jsonPath, JSON.stringify({ ...results, fleet }, null, 2));
  // The docs only from a full run of both corpora: a subset would drop half of the report.
  if (!smoke && !only) {
    const findingsPath = join(here, "findings.md");
    const findings = existsSync(findingsPath) ? readFileSync(findingsPath, "utf8") : "";
    const charts = benchmarkCharts(results);
    mkdirSync(chartsDir, { recursive: true });
    for (const c of charts) writeFileSync(join(chartsDir, c.file), renderBarChart(c.chart));
    writeFileSync(docsPath, markdownReport(results, findings, charts) + fleetMarkdown(fleet));
    log(`wrote ${docsPath} and ${charts.length} charts in ${chartsDir}`);
  }
} finally {
  await sim.close();
}
