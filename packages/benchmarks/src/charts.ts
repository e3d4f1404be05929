import { fixed, x } from "./format.js";
import { type CorpusRun, figure, names, type Results } from "./results.js";
import type { BarChart, BarGroup } from "./svg-chart.js";

/** A chart and the file it goes to, under docs/benchmarks/. */
export interface ChartFile {
  file: string;
  alt: string;
  chart: BarChart;
}

/** Short labels for the bars (the tables keep the long names). */
const shortNames: Array<[string, string]> = [
  [names.raw, "raw limit (eager codecs, no client)"],
  [names.ours1, "ours, awaited per frame"],
  [names.ours32, "ours, 32 frames in flight"],
  [names.lazy, "ours, comment listener only"],
  [names.conn1, "connector, awaited per frame"],
  [names.conn32, "connector, 32 frames in flight"],
];

const corpusTitle = (run: CorpusRun) =>
  `${run.corpus.variant} corpus (${fixed(run.corpus.decompressedBytes / run.corpus.messages / 1024, 1)} KiB per message inflated)`;

/** One group per corpus, one bar per decode variant, each also noted against the connector awaited. */
function throughputGroups(r: Results): BarGroup[] {
  return r.corpora.map((run) => {
    const conn = figure(run, names.conn1).framesPerSec;
    return {
      title: corpusTitle(run),
      bars: shortNames.map(([name, label]) => {
        const value = figure(run, name).framesPerSec;
        return { label, value, note: `${fixed(value)} (${x(value / conn)})` };
      }),
    };
  });
}

function cpuGroups(r: Results): BarGroup[] {
  return r.corpora.map((run) => ({
    title: corpusTitle(run),
    bars: shortNames.map(([name, label]) => ({ label, value: figure(run, name).cpuUsPerMessage })),
  }));
}

function runtimeGroups(r: Results): BarGroup[] {
  return r.corpora.map((run) => ({
    title: corpusTitle(run),
    bars: run.runtimes.flatMap((f) => {
      const who = `${f.runtime} ${f.gunzip.startsWith("webGunzip") ? "(DecompressionStream)" : ""}`.trim();
      return [
        { label: `${who}, full pass`, value: f.frames / (f.fullMs / 1000) },
        { label: `${who}, comment only`, value: f.frames / (f.commentsMs / 1000) },
      ];
    }),
  }));
}

/** Latency quantiles of each scale mode. */
function latencyGroups(r: Results): BarGroup[] {
  return r.scale.modes.map((m) => ({
    title: m.mode === "staggered" ? "independent streams" : "one room broadcast (stress variant)",
    bars: m.latencyQuantilesMs.map(([q, ms]) => ({
      label: q === 1 ? "max" : `p${fixed(q * 100, 1)}`,
      value: ms,
      note: `${fixed(ms)} ms`,
    })),
  }));
}

/** The charts `pnpm bench` writes next to docs/benchmarks.md. */
export function benchmarkCharts(r: Results): ChartFile[] {
  return [
    {
      file: "throughput.svg",
      alt: "Throughput per variant and corpus",
      chart: {
        title: "Decode + dispatch throughput",
        unit: "frames/s",
        caption:
          "frames/s, median pass (higher is better); in brackets: against the connector awaited per frame",
        groups: throughputGroups(r),
      },
    },
    {
      file: "cpu-per-message.svg",
      alt: "CPU per message per variant and corpus",
      chart: {
        title: "CPU per message",
        unit: "µs CPU/message",
        caption: "µs of CPU per message, median pass (lower is better)",
        groups: cpuGroups(r),
      },
    },
    {
      file: "runtimes.svg",
      alt: "Throughput on Node, Deno and Bun per corpus",
      chart: {
        title: "Node, Deno and Bun",
        unit: "frames/s",
        caption: "frames/s, median pass, wall time (higher is better)",
        groups: runtimeGroups(r),
      },
    },
    {
      file: "latency-scale.svg",
      alt: `Handler latency distribution at ${fixed(r.scale.clients)} streams`,
      chart: {
        title: `Handler latency, ${fixed(r.scale.clients)} streams in one process`,
        unit: "ms",
        caption: "ms from the frame's createTime to the handler, by quantile (lower is better)",
        groups: latencyGroups(r),
      },
    },
  ];
}
