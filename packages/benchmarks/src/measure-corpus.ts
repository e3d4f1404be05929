import { allListeners, clientVariant, commentOnly } from "./client-dispatch.js";
import { connectorAllEvents, connectorSeesComments, connectorVariant } from "./connector-dispatch.js";
import { type Corpus, methodMix, payloadSizes } from "./corpus.js";
import { interleave, summarize } from "./harness.js";
import { rawLimitVariants } from "./raw-limit.js";
import { type CorpusInfo, type CorpusRun, names } from "./results.js";
import { retainedPerEvent } from "./retained.js";
import { runtimePasses } from "./runtimes.js";
import type { RemoteSimulator } from "./simulator-process.js";

export interface CorpusRunConfig {
  rounds: number;
  warmup: number;
  runtimeRounds: number;
  /** Events kept by the retained-heap benchmark. */
  retainedCount: number;
  /** Skip the Node, Deno and Bun passes (`--decode-only`). */
  skipRuntimes: boolean;
}

export function corpusInfo(corpus: Corpus): CorpusInfo {
  return {
    variant: corpus.variant,
    path: corpus.path,
    frames: corpus.frames.length,
    messages: corpus.messages,
    fileBytes: corpus.fileBytes,
    wireBytes: corpus.wireBytes,
    compressedBytes: corpus.compressedBytes,
    decompressedBytes: corpus.decompressedBytes,
    compressionRatio: corpus.decompressedBytes / corpus.compressedBytes,
    mix: methodMix(corpus),
    payloadBytes: [...payloadSizes(corpus)],
  };
}

/**
 * Everything measured per corpus: decode + dispatch of every variant side by
 * side, what a kept event retains, and the same passes on Node, Deno and Bun.
 */
export async function measureCorpus(
  sim: RemoteSimulator,
  corpus: Corpus,
  config: CorpusRunConfig,
  log: (line: string) => void,
): Promise<CorpusRun> {
  const info = corpusInfo(corpus);
  log(`${corpus.variant} corpus, ${corpus.path}: ${corpus.messages} messages, ${corpus.fileBytes} bytes`);
  log(`  payload bytes per method: ${info.payloadBytes.map(([m, b]) => `${m} ${b.toFixed(0)}`).join(", ")}`);
  const sample = await connectorSeesComments(corpus);
  if (!sample) throw new Error("tiktok-live-connector decoded no comment from the corpus");
  log(`  the connector reads the corpus (first comment: "${sample}")`);

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

  log("retained heap per kept event…");
  const retained = retainedPerEvent(corpus, config.retainedCount);

  let runtimes: CorpusRun["runtimes"] = [];
  if (!config.skipRuntimes) {
    log("runtimes: the same passes on Node, Deno and Bun…");
    runtimes = await runtimePasses(sim, corpus, config.runtimeRounds);
  }
  return { corpus: info, decode, runtimes, retained };
}
