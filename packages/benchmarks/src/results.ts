import type { BundleFigures } from "./bundle-size.js";
import type { CorpusVariant } from "./corpus.js";
import type { DedupeFigures } from "./dedupe-alternatives.js";
import type { Figures } from "./harness.js";
import type { CycleHeap, FrameHeap, IdleHeap } from "./memory.js";
import type { Retained } from "./retained.js";
import type { RuntimeFigures } from "./runtimes.js";
import type { ScaleFigures } from "./scale.js";
import type { StartupFigures } from "./startup.js";

/** The decode variants' names, as the tables show them. */
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

export interface CorpusInfo {
  variant: CorpusVariant;
  path: string;
  frames: number;
  messages: number;
  fileBytes: number;
  wireBytes: number;
  compressedBytes: number;
  decompressedBytes: number;
  compressionRatio: number;
  mix: Array<[string, number]>;
  /** Average payload bytes per method. */
  payloadBytes: Array<[string, number]>;
}

/** What is measured once per corpus: decode + dispatch side by side, the runtimes, what a kept event retains. */
export interface CorpusRun {
  corpus: CorpusInfo;
  /** Median pass of each decode variant, by name (see `names`). */
  decode: Figures[];
  /** The same passes on Node, Deno and Bun, each runtime in a process of its own. */
  runtimes: RuntimeFigures[];
  retained: Retained;
}

export interface Target {
  target: string;
  measured: string;
  met: boolean;
}

export interface TargetTable {
  title: string;
  rows: Target[];
}

export interface Results {
  mode: "full" | "smoke";
  machine: { cpu: string; cores: number; node: string; platform: string; date: string };
  /** One run per corpus: light first, then realistic (either alone with `--corpus=`). */
  corpora: CorpusRun[];
  /** Memory, scale, dedupe, bundle and start-up run on the light corpus (or none). */
  memory: { idle: IdleHeap; frames: FrameHeap; cycles: CycleHeap };
  scale: ScaleFigures;
  /** ns per id of each dedupe structure, by id stream. */
  dedupe: DedupeFigures[];
  bundle: { ours: BundleFigures; connector: BundleFigures };
  startup: StartupFigures[];
  targets: TargetTable[];
  seconds: number;
}

export function figure(run: Pick<CorpusRun, "decode">, name: string): Figures {
  const f = run.decode.find((d) => d.name === name);
  if (!f) throw new Error(`No figures for ${name}`);
  return f;
}

/** The run on one corpus, if it was measured. */
export function corpusRun(r: Pick<Results, "corpora">, variant: CorpusVariant): CorpusRun | undefined {
  return r.corpora.find((c) => c.corpus.variant === variant);
}
