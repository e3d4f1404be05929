import { fixed, kib, mib, modeLabel } from "./format.js";
import {
  type CorpusRun,
  corpusRun,
  figure,
  names,
  type Results,
  type Target,
  type TargetTable,
} from "./results.js";

type Measured = Omit<Results, "targets" | "seconds">;

/** Collects rows; ratios with three decimals: at two, a near miss such as 1.9997× would read "2.00×" next to "no". */
function table(title: string): TargetTable & {
  add(target: string, value: number, ok: boolean, show?: string): void;
} {
  const rows: Target[] = [];
  return {
    title,
    rows,
    add: (target, value, ok, show = `${value.toFixed(3)}×`) => rows.push({ target, measured: show, met: ok }),
  };
}

const cpuRatio = (run: CorpusRun, a: string, b: string) =>
  figure(run, a).cpuUsPerMessage / figure(run, b).cpuUsPerMessage;
const speedup = (run: CorpusRun, a: string, b: string) =>
  figure(run, a).framesPerSec / figure(run, b).framesPerSec;
/** Time of a pass over the raw limit's (the inverse of the throughput ratio). */
const timeVsRaw = (run: CorpusRun, a: string) =>
  figure(run, names.raw).framesPerSec / figure(run, a).framesPerSec;

/** Issue 8's targets: decode on the light corpus (when measured), then memory, scale and start-up. */
function issue8(r: Measured): TargetTable {
  const t = table("Targets of issue 8 (light corpus)");
  const run = corpusRun(r, "light");
  if (run) {
    const c1 = cpuRatio(run, names.ours1, names.conn1);
    t.add("CPU/message ≤ 0.5× the connector's (awaited)", c1, c1 <= 0.5);
    const c32 = cpuRatio(run, names.ours32, names.conn32);
    t.add("CPU/message ≤ 0.5× the connector's (32 in flight)", c32, c32 <= 0.5);
    const s1 = speedup(run, names.ours1, names.conn1);
    t.add("throughput ≥ 2.5× the connector (awaited)", s1, s1 >= 2.5);
    const s32 = speedup(run, names.ours32, names.conn32);
    t.add("throughput ≥ 1.5× the connector (32 in flight)", s32, s32 >= 1.5);
    const vsRaw = timeVsRaw(run, names.ours1);
    t.add("full decode + dispatch within 1.2× of the raw limit (awaited, time)", vsRaw, vsRaw <= 1.2);
    const vsRaw32 = timeVsRaw(run, names.ours32);
    t.add(
      "full decode + dispatch within 1.2× of the raw limit (32 in flight, time)",
      vsRaw32,
      vsRaw32 <= 1.2,
    );
    t.add("stretch: faster than the raw limit", 1 / vsRaw, vsRaw < 1);
    const lazy = speedup(run, names.lazy, names.ours1);
    t.add("lazy (comment listener only) ≥ 2× the full decode", lazy, lazy >= 2);
  }
  const ours = r.startup.find((s) => s.name === "@tiktok-live/node")!;
  const conn = r.startup.find((s) => s.name === "tiktok-live-connector")!;
  const importRatio = ours.importMs / conn.importMs;
  t.add("import time ≤ 1/3 of the connector's", importRatio, importRatio <= 1 / 3);
  const heapRatio = ours.heapBytes / conn.heapBytes;
  t.add("heap after import ≤ 1/3 of the connector's", heapRatio, heapRatio <= 1 / 3);
  const idle = r.memory.idle.bytesPerClient;
  t.add("idle connected client ≤ 256 KiB heap", idle, idle <= 256 * 1024, kib(idle));
  for (const m of r.scale.modes) {
    t.add(
      `${fixed(r.scale.clients)} streams${m.mode === "broadcast" ? " (stress variant)" : ""}, ${modeLabel[m.mode]}: handler p99 < 50 ms (${r.machine.cores} cores)`,
      m.latencyMs.p99,
      m.latencyMs.p99 < 50 && m.clientsWithEveryMessage === r.scale.clients,
      `${fixed(m.latencyMs.p99)} ms`,
    );
  }
  const perConnection = r.scale.heapPerClient;
  t.add(
    `heap per connection with ${fixed(r.scale.clients)} clients ≤ 256 KiB`,
    perConnection,
    perConnection <= 256 * 1024,
    kib(perConnection),
  );
  const flat = 1024 * 1024;
  const f = r.memory.frames;
  t.add(
    `heap flat over ${fixed(f.frames)} frames (growth after ${fixed(f.warmupPasses * (f.frames / f.passes))}-frame warm-up < 1 MiB)`,
    f.growthBytes,
    f.growthBytes < flat,
    mib(f.growthBytes),
  );
  const c = r.memory.cycles;
  t.add(
    `heap flat over ${fixed(c.cycles)} connect/disconnect cycles (second-half growth < 1 MiB, no socket kept alive)`,
    c.secondHalfGrowthBytes,
    c.secondHalfGrowthBytes < flat && c.socketsAlive === 0,
    `${mib(c.secondHalfGrowthBytes)} (${mib(c.growthBytes)} over all; ${fixed(c.socketsAlive)} of ${fixed(c.sockets)} sockets alive)`,
  );
  return t;
}

/** Issue 18's targets, on the realistic corpus. */
function issue18(run: CorpusRun): TargetTable {
  const t = table("Targets of issue 18 (realistic corpus)");
  const s1 = speedup(run, names.ours1, names.conn1);
  t.add("throughput ≥ 5× the connector (awaited per frame)", s1, s1 >= 5);
  const s32 = speedup(run, names.ours32, names.conn32);
  t.add("throughput ≥ 3× the connector (32 frames in flight)", s32, s32 >= 3);
  const c1 = cpuRatio(run, names.ours1, names.conn1);
  t.add("CPU/message ≤ 0.2× the connector's (awaited)", c1, c1 <= 0.2);
  const c32 = cpuRatio(run, names.ours32, names.conn32);
  t.add("CPU/message ≤ 0.2× the connector's (32 in flight)", c32, c32 <= 0.2);
  const vsRaw = timeVsRaw(run, names.ours1);
  t.add("full decode + dispatch ≤ 0.7× the raw limit's time (awaited)", vsRaw, vsRaw <= 0.7);
  const ceiling = figure(run, names.gunzip).wallMs + figure(run, names.envelope).wallMs;
  const lazy = figure(run, names.lazy).wallMs / ceiling;
  t.add("comment listener only within 1.15× of its ceiling (gunzip + envelope, time)", lazy, lazy <= 1.15);
  const k = run.retained;
  t.add(
    `retained heap per kept event ≤ 2× its eager size (${fixed(k.count)} kept)`,
    k.ratio,
    k.ratio <= 2,
    `${k.ratio.toFixed(3)}× (${kib(k.lazyBytesPerEvent)} vs ${kib(k.eagerBytesPerEvent)})`,
  );
  t.add(
    "… the same with one kept event per frame (worst case for shared buffers)",
    k.sparseRatio,
    k.sparseRatio <= 2,
    `${k.sparseRatio.toFixed(3)}× (${kib(k.sparseLazyBytesPerEvent)} vs ${kib(k.sparseEagerBytesPerEvent)})`,
  );
  return t;
}

/** Every target table the figures allow: issue 8's always, issue 18's when the realistic corpus ran. */
export function checkTargets(r: Measured): TargetTable[] {
  const realistic = corpusRun(r, "realistic");
  return realistic ? [issue8(r), issue18(realistic)] : [issue8(r)];
}
