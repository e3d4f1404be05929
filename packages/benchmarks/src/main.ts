import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, platform, release } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { allListeners, clientVariant, commentOnly } from "./client-dispatch.js";
import { connectorAllEvents, connectorSeesComments, connectorVariant } from "./connector-dispatch.js";
import { loadCorpus, methodMix } from "./corpus.js";
import { canCollect, interleave, summarize } from "./harness.js";
import { connectCycles, heapOverFrames, idleClientHeap } from "./memory.js";
import { rawLimitVariants } from "./raw-limit.js";
import { checkTargets, markdownReport, names, printReport, type Results } from "./report.js";
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
const here = dirname(fileURLToPath(import.meta.url));
const docsPath = join(here, "..", "..", "..", "docs", "benchmarks.md");

const config = smoke
  ? {
      frames: 200,
      rounds: 1,
      warmup: 0,
      idleClients: 3,
      framePasses: 2,
      cycles: 10,
      cycleWarmup: 2,
      startupRuns: 1,
    }
  : {
      frames: 10_000,
      rounds: 5,
      warmup: 1,
      idleClients: 50,
      framePasses: 10,
      cycles: 1_000,
      cycleWarmup: 200,
      startupRuns: 7,
    };

const log = (line: string) => console.log(line);
if (!canCollect) log("note: run with node --expose-gc for heap figures after collection");
const started = performance.now();

log(`corpus: ${config.frames} frames…`);
const corpus = loadCorpus(config.frames);
log(`  ${corpus.path}: ${corpus.messages} messages, ${corpus.fileBytes} bytes`);
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

  log("memory: idle clients…");
  const idle = await idleClientHeap(sim, config.idleClients);
  log(`memory: ${config.framePasses} passes through one client…`);
  const frames = await heapOverFrames(sim, corpus, config.framePasses);
  log(`memory: ${config.cycles} connect/disconnect cycles…`);
  const cycles = await connectCycles(sim, config.cycles, config.cycleWarmup);

  log("start-up: fresh processes…");
  const startupFigures = await startup(["@tiktok-live/node", "tiktok-live-connector"], config.startupRuns);

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
    startup: startupFigures,
  };
  const results: Results = {
    ...partial,
    targets: checkTargets(partial),
    seconds: (performance.now() - started) / 1000,
  };
  printReport(results);
  if (jsonPath) writeFileSync(jsonPath, JSON.stringify(results, null, 2));
  if (!smoke) {
    const findingsPath = join(here, "findings.md");
    const findings = existsSync(findingsPath) ? readFileSync(findingsPath, "utf8") : "";
    writeFileSync(docsPath, markdownReport(results, findings));
    log(`wrote ${docsPath}`);
  }
} finally {
  await sim.close();
}
