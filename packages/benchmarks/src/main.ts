import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, platform, release } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleSize } from "./bundle-size.js";
import { allListeners, clientVariant, commentOnly } from "./client-dispatch.js";
import { connectorAllEvents, connectorSeesComments, connectorVariant } from "./connector-dispatch.js";
import { type CorpusVariant, loadCorpus, methodMix, payloadSizes } from "./corpus.js";
import { dedupeMicro } from "./dedupe-alternatives.js";
import { runFleetBench } from "./fleet-bench.js";
import { fleetConfig, fleetMarkdown } from "./fleet-report.js";
import { runFresh } from "./fresh-process.js";
import { canCollect, interleave, summarize } from "./harness.js";
import { type CycleHeap, heapOverFrames, idleClientHeap } from "./memory.js";
import { rawLimitVariants } from "./raw-limit.js";
import { checkTargets, markdownReport, names, printReport, type Results } from "./report.js";
import { retainedPerEvent } from "./retained.js";
import { runtimePasses } from "./runtimes.js";
import { type ScaleConfig, scale } from "./scale.js";
import { startRemoteSimulator } from "./simulator-process.js";
import { startup } from "./startup.js";

/**
 * `pnpm bench`: every benchmark of issue 8 that exists so far, then a table on
 * stdout and docs/benchmarks.md. `--smoke` (or BENCH_SMOKE=1) runs each on a
 * tiny corpus once, in seconds, and leaves the docs alone. `--json=path`
 * writes the results as JSON (the smoke test reads them).
 */
const args = process.argv.slice(2);
const smoke = args.includes("--smoke") || process.env.BENCH_SMOKE === "1";
const jsonPath = args.find((a) => a.startsWith("--json="))?.slice("--json=".length);
/** `--corpus=realistic`: the realistic corpus variant (corpus.ts); `--decode-only`: stop after the decode suite. */
const variant = (args.find((a) => a.startsWith("--corpus="))?.slice("--corpus=".length) ??
  "light") as CorpusVariant;
const decodeOnly = args.includes("--decode-only");
const here = dirname(fileURLToPath(import.meta.url));
const docsPath = join(here, "..", "..", "..", "docs", "benchmarks.md");

const config: {
  frames: number;
  rounds: number;
  warmup: number;
  idleClients: number;
  framePasses: number;
  frameWarmupPasses: number;
  runtimeRounds: number;
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

log(`corpus: ${config.frames} frames…`);
const corpus = loadCorpus(config.frames, variant);
log(`  ${corpus.path}: ${corpus.messages} messages, ${corpus.fileBytes} bytes`);
log(
  `  payload bytes per method: ${[...payloadSizes(corpus)].map(([m, b]) => `${m} ${b.toFixed(0)}`).join(", ")}`,
);
const sample = await connectorSeesComments(corpus);
if (!sample) throw new Error("tiktok-live-connector decoded no comment from the corpus");
log(`  the connector reads the corpus (first comment: "${sample}")`);

const sim = await startRemoteSimulator();
try {
  log("decode + dispatch: calibrating event counts…");
  const variants = [
    ...rawLimitVariants(corpus),
    await clientVariant(names.ours1, sim, corpus, allListeners, 1),
    await clientVariant(names.ours32, sim, corpus, allListeners, 32),
    await connectorVariant(names.conn1, corpus, connectorAllEvents, 1),
    await connectorVariant(names.conn32, corpus, connectorAllEvents, 32),
    await clientVariant(names.lazy, sim, corpus, commentOnly, 1),
  ];
  const rawNames = [names.raw, names.gunzip, names.envelope];
  variants.slice(0, 3).forEach((v, i) => {
    v.name = rawNames[i]!;
  });
  log(`decode + dispatch: ${config.rounds} rounds of ${variants.length} benchmarks…`);
  const samples = await interleave(variants, { rounds: config.rounds, warmup: config.warmup, log });
  const decode = variants.map((v) => summarize(v.name, samples.get(v.name)!, corpus));
  if (decodeOnly) {
    for (const d of decode) log(`  ${JSON.stringify(d)}`);
    const retained = retainedPerEvent(corpus);
    log(`  retained per kept event: ${JSON.stringify(retained)}`);
    if (jsonPath) writeFileSync(jsonPath, JSON.stringify({ variant, decode, retained }, null, 2));
    process.exit(0);
  }

  log("runtimes: the same passes on Node, Deno and Bun…");
  const runtimes = await runtimePasses(sim, corpus, config.runtimeRounds);

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
  const fleet = await runFleetBench(fleetConfig(smoke), log);
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
    corpus: {
      path: corpus.path,
      frames: corpus.frames.length,
      messages: corpus.messages,
      fileBytes: corpus.fileBytes,
      wireBytes: corpus.wireBytes,
      compressedBytes: corpus.compressedBytes,
      decompressedBytes: corpus.decompressedBytes,
      compressionRatio: corpus.decompressedBytes / corpus.compressedBytes,
      mix: methodMix(corpus),
    },
    decode,
    memory: { idle, frames, cycles },
    runtimes,
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
  if (!smoke) {
    const findingsPath = join(here, "findings.md");
    const findings = existsSync(findingsPath) ? readFileSync(findingsPath, "utf8") : "";
    writeFileSync(docsPath, markdownReport(results, findings) + fleetMarkdown(fleet));
    log(`wrote ${docsPath}`);
  }
} finally {
  await sim.close();
}
