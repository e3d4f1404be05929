import type { Corpus } from "./corpus.js";

/** One full pass over the corpus. */
export interface Sample {
  wallMs: number;
  /** User + system CPU of the whole process (zlib's worker threads included). */
  cpuUs: number;
}

/**
 * Something measured side by side with others. `prepare` and `cleanup` run
 * around every sample and are not timed (e.g. connecting a fresh client).
 */
export interface Variant {
  name: string;
  prepare?: () => Promise<void>;
  run: () => Promise<void>;
  cleanup?: () => Promise<void>;
}

export interface Figures {
  name: string;
  samples: number;
  wallMs: number;
  cpuUs: number;
  framesPerSec: number;
  messagesPerSec: number;
  mbPerSec: number;
  cpuUsPerMessage: number;
}

const gc = (globalThis as { gc?: (options?: { type: "major"; execution: "sync" }) => void }).gc;

/**
 * Collects garbage when node runs with --expose-gc (a no-op otherwise), as
 * thoroughly as V8 can: for heap figures.
 */
export function collect(): void {
  gc?.();
  gc?.();
}

/**
 * Clears the previous sample's garbage before a timed pass. A plain major GC:
 * `gc()` without options is V8's forced, memory-reducing collection, which
 * also throws away optimized code and type feedback, so every variant then
 * paid about 30 ms of re-warming in its first 1,000 frames, a cost no
 * long-running process has (measured: first 1,000 frames 45–66 ms after
 * `gc()`, 18–23 ms after a major GC, 17 ms in the steady state).
 */
export function clearGarbage(): void {
  gc?.({ type: "major", execution: "sync" });
}

export const canCollect = gc !== undefined;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function sample(variant: Variant, timeoutMs: number): Promise<Sample> {
  await variant.prepare?.();
  clearGarbage();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await withTimeout(variant.run(), timeoutMs, variant.name);
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  await variant.cleanup?.();
  return { wallMs, cpuUs: cpu.user + cpu.system };
}

/**
 * Runs every variant once per round, rotating the order each round so no
 * variant always runs first or after the same neighbour. Warm-up rounds are
 * run and dropped. Returns each variant's samples.
 */
export async function interleave(
  variants: Variant[],
  options: { rounds: number; warmup: number; timeoutMs?: number; log?: (line: string) => void },
): Promise<Map<string, Sample[]>> {
  const samples = new Map<string, Sample[]>(variants.map((v) => [v.name, []]));
  const total = options.rounds + options.warmup;
  for (let round = 0; round < total; round++) {
    const recorded = round >= options.warmup;
    for (let k = 0; k < variants.length; k++) {
      const variant = variants[(k + round) % variants.length]!;
      const s = await sample(variant, options.timeoutMs ?? 300_000);
      if (recorded) samples.get(variant.name)!.push(s);
    }
    options.log?.(`  round ${round + 1}/${total}${recorded ? "" : " (warm-up)"} done`);
  }
  return samples;
}

/** Medians of a variant's samples, as rates over the corpus. */
export function summarize(name: string, samples: Sample[], corpus: Corpus): Figures {
  const wallMs = median(samples.map((s) => s.wallMs));
  const cpuUs = median(samples.map((s) => s.cpuUs));
  const seconds = wallMs / 1000;
  return {
    name,
    samples: samples.length,
    wallMs,
    cpuUs,
    framesPerSec: corpus.frames.length / seconds,
    messagesPerSec: corpus.messages / seconds,
    mbPerSec: corpus.wireBytes / 1e6 / seconds,
    cpuUsPerMessage: cpuUs / corpus.messages,
  };
}

/**
 * Counts handler calls and lets a driver wait until a given count is reached:
 * the way to know a frame's events have all been delivered, for any client.
 */
export class EventCounter {
  count = 0;
  private target = Number.POSITIVE_INFINITY;
  private wake: (() => void) | undefined;

  /** Characters of user nicknames read, so no handler's read can be optimised away. */
  nicknameChars = 0;

  /**
   * The handler to subscribe to every event type. It reads what a typical handler
   * reads: the user's nickname (ours: `e.user.nickname`, decoding the user on
   * first read; the connector's events carry the decoded user as `e.user`).
   */
  readonly handler = (e?: unknown): void => {
    // Both libraries' events: typed `unknown` so one handler fits every event class and the connector.
    this.nicknameChars += (e as { user?: { nickname?: string } } | undefined)?.user?.nickname?.length ?? 0;
    if (++this.count >= this.target) {
      const wake = this.wake!;
      this.wake = undefined;
      this.target = Number.POSITIVE_INFINITY;
      wake();
    }
  };

  until(n: number): Promise<void> | undefined {
    if (this.count >= n) return undefined;
    return new Promise((resolve) => {
      this.target = n;
      this.wake = resolve;
    });
  }
}

/** Feeds a frame into a client; the client's events land in `counter`. */
export interface Feed<F> {
  deliver(frame: F): void;
  counter: EventCounter;
}

/**
 * Drives one pass over the corpus with at most `inFlight` frames not yet fully
 * dispatched; `expected[i]` is the event count once frame i is done.
 * inFlight 1 is "one frame awaited at a time".
 */
export async function drive<F>(
  feed: Feed<F>,
  frames: F[],
  expected: number[],
  inFlight: number,
): Promise<void> {
  const base = feed.counter.count;
  for (let i = 0; i < frames.length; i++) {
    if (i >= inFlight) {
      const wait = feed.counter.until(base + expected[i - inFlight]!);
      if (wait) await wait;
    }
    feed.deliver(frames[i]!);
  }
  const last = feed.counter.until(base + expected[frames.length - 1]!);
  if (last) await last;
}

/** Waits one macrotask: every promise chain started before it has run. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
