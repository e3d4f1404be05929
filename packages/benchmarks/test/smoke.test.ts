import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { benchmarkCharts } from "../src/charts.js";
import { markdownReport } from "../src/report-markdown.js";
import type { Results } from "../src/results.js";
import { renderBarChart } from "../src/svg-chart.js";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const positive = (n: number) => Number.isFinite(n) && n > 0;

describe("pnpm bench --smoke", () => {
  it("runs every benchmark on a tiny corpus and reports positive, finite figures", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bench-smoke-"));
    const jsonPath = join(dir, "results.json");
    try {
      await promisify(execFile)(
        process.execPath,
        ["--expose-gc", "--import", "tsx", "src/main.ts", "--smoke", `--json=${jsonPath}`],
        { cwd: packageDir, timeout: 230_000 },
      );
      const r = JSON.parse(readFileSync(jsonPath, "utf8")) as Results;
      expect(r.mode).toBe("smoke");
      expect(r.corpora.map((c) => c.corpus.variant)).toEqual(["light", "realistic"]);
      for (const run of r.corpora) {
        expect(run.corpus.frames).toBe(200);
        expect(positive(run.corpus.messages) && positive(run.corpus.compressionRatio)).toBe(true);

        expect(run.decode.map((d) => d.name)).toHaveLength(8);
        for (const d of run.decode) {
          for (const value of [
            d.wallMs,
            d.cpuUs,
            d.framesPerSec,
            d.messagesPerSec,
            d.mbPerSec,
            d.cpuUsPerMessage,
          ]) {
            expect(positive(value), `${d.name}: ${value}`).toBe(true);
          }
        }

        expect(run.runtimes.map((f) => `${f.runtime} ${f.gunzip}`)).toEqual([
          "node nodeGunzip",
          "deno zlibGunzip",
          "bun zlibGunzip",
          "deno webGunzip (DecompressionStream)",
          "bun webGunzip (DecompressionStream)",
        ]);
        for (const f of run.runtimes) {
          // The defaults run the reused zlib engine, which answers synchronously on all three runtimes.
          expect(f.syncGunzip, f.runtime).toBe(true);
          expect(positive(f.fullMs) && positive(f.commentsMs) && f.frames === 200, f.runtime).toBe(true);
        }
        const k = run.retained;
        expect([k.lazyBytesPerEvent, k.eagerBytesPerEvent, k.sparseLazyBytesPerEvent].every(positive)).toBe(
          true,
        );
      }

      const { idle, frames, cycles } = r.memory;
      expect(positive(idle.bytesPerClient)).toBe(true);
      expect(frames.heapAfterPass).toHaveLength(frames.passes);
      expect(frames.heapAfterPass.every(positive)).toBe(true);
      expect(Number.isFinite(frames.growthBytes)).toBe(true);
      // The tiny corpus (fewer messages than the dedupe remembers) is dispatched on the first pass only;
      // the full corpus holds far more, and every pass dispatches all of it.
      expect(positive(frames.maxEventsPerPass)).toBe(true);
      expect(positive(cycles.before) && positive(cycles.after) && positive(cycles.msPerCycle)).toBe(true);
      expect(cycles.checkpoints.length).toBeGreaterThan(0);
      expect(cycles.sockets).toBe(10);
      expect(cycles.socketsAlive).toBe(0);

      expect(r.scale.clients).toBe(10);
      expect(r.scale.modes.map((m) => m.mode)).toEqual(["staggered", "broadcast"]);
      for (const m of r.scale.modes) {
        expect(m.clientsWithEveryMessage).toBe(10);
        expect(m.messages).toBe(10 * m.messagesPerClient);
        expect(Number.isFinite(m.latencyMs.p99) && m.latencyMs.p99 >= m.latencyMs.p50).toBe(true);
        expect(positive(m.cpuUs) && positive(m.cpuUsPerMessage)).toBe(true);
      }
      expect(positive(r.scale.heapPerClient)).toBe(true);

      expect(r.dedupe.length).toBeGreaterThanOrEqual(4);
      for (const d of r.dedupe) for (const ns of Object.values(d.nsPerId)) expect(positive(ns)).toBe(true);

      for (const b of [r.bundle.ours, r.bundle.connector]) {
        expect(positive(b.bytes) && positive(b.gzipBytes) && b.gzipBytes < b.bytes).toBe(true);
      }
      expect(r.bundle.ours.byPackage.map(([name]) => name)).toContain("@tiktok-live/proto");

      expect(r.startup.map((s) => s.name)).toEqual(["@tiktok-live/node", "tiktok-live-connector"]);
      for (const s of r.startup) expect(positive(s.importMs) && positive(s.heapBytes)).toBe(true);

      expect(r.targets.map((t) => t.title)).toEqual([
        "Targets of issue 8 (light corpus)",
        "Targets of issue 18 (realistic corpus)",
      ]);
      for (const t of r.targets) for (const row of t.rows) expect(typeof row.met).toBe("boolean");

      // The docs the full run would write, from these figures: every chart, both corpora, both target tables.
      const charts = benchmarkCharts(r);
      for (const c of charts) expect(renderBarChart(c.chart)).toMatch(/^<svg [\s\S]*<rect [\s\S]*<\/svg>\n$/);
      const doc = markdownReport(r, "findings", charts);
      for (const heading of [
        "## Decode + dispatch, light corpus",
        "## Decode + dispatch, realistic corpus",
        "## Targets of issue 18 (realistic corpus)",
        "![Handler latency distribution at 10 streams](benchmarks/latency-scale.svg)",
      ]) {
        expect(doc).toContain(heading);
      }
      expect(doc).not.toMatch(/undefined|NaN/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
