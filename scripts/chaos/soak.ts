import {
  CommentEvent,
  DisconnectEvent,
  ReconnectBudgetError,
  TikTokLiveClient,
  TikTokLiveError,
} from "@tiktok-live/node";
import { chat, type HostileFault, type Simulator, sampleUsers, startSimulator } from "@tiktok-live/testkit";
import { type SoakFigures, worstWindow } from "./figures.js";
import { Random } from "./random.js";

export interface SoakOptions {
  seed: number;
  /** Clients soaked side by side, each against its own simulator. */
  lanes: number;
  /** Rounds per client. */
  rounds: number;
  messagesPerRound: number;
  /** Chance, per message sent, that a fault is injected right then. */
  faultRate: number;
  /** How long a round may take to deliver after the last fault healed. */
  settleMs: number;
  /** Rounds of a throw-away client run first, so the heap baseline comes after warm-up. */
  warmupRounds: number;
  onRound?: (lane: number, round: number) => void;
}

export const defaultSoakOptions: SoakOptions = {
  seed: 1,
  lanes: 4,
  rounds: 40,
  messagesPerRound: 40,
  faultRate: 0.08,
  settleMs: 8_000,
  warmupRounds: 2,
};

/**
 * The faults a round may get: socket deaths, bad frames, sign failures. Not the
 * simulator's `stall`: it discards the frames and the enter-room it should only
 * delay, so a short one loses messages no client could know were sent.
 */
const chaosFaults: readonly (HostileFault | "drop" | "sign-503" | "sign-429")[] = [
  "accept-and-drop",
  "handshake-reject",
  "reset-mid-frame",
  "ping-storm",
  "oversized-frame",
  "malformed-frame",
  "truncated-frame",
  "gzip-bomb",
  "frame-flood",
  "retry-after-overflow",
  "drop",
  "drop",
  "sign-503",
  "sign-429",
];

const budget = { perMinute: 40, perHour: 1_000 };

const clientOptions = {
  heartbeatIntervalMs: 200,
  silenceTimeoutMs: 800,
  requestTimeoutMs: 2_000,
  maxRetryAfterMs: 2_000,
  limits: { maxFrameBytes: 1024 * 1024 },
  reconnect: {
    initialDelayMs: 20,
    maxDelayMs: 200,
    maxAttempts: 6,
    healthyAfterMs: 300,
    maxSignRequestsPerMinute: budget.perMinute,
    maxSignRequestsPerHour: budget.perHour,
  },
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface LaneResult {
  sessions: number;
  faults: Record<string, number>;
  sent: number;
  lost: number;
  doubled: number;
  missedTyped: number;
  typedErrors: Record<string, number>;
  signTimes: number[];
}

const bump = (m: Record<string, number>, k: string, by = 1) => {
  m[k] = (m[k] ?? 0) + by;
};

/** Injects one fault now, healing it after a random while. */
async function inject(
  sim: Simulator,
  rng: Random,
  result: LaneResult,
  timers: Set<NodeJS.Timeout>,
  trace: string[],
) {
  const fault = rng.pick(chaosFaults);
  bump(result.faults, fault);
  trace.push(`${Date.now() % 100_000} inject ${fault}`);
  if (fault === "drop") return sim.push.drop();
  if (fault === "sign-503") return sim.failSigning({ status: 503 });
  if (fault === "sign-429") return sim.failSigning({ status: 429, retryAfterSeconds: 1 });
  await sim.inject(fault);
  const t = setTimeout(
    () => {
      timers.delete(t);
      sim.heal(fault);
    },
    rng.int(30, 600),
  );
  timers.add(t);
}

async function lane(index: number, options: SoakOptions): Promise<LaneResult> {
  const sim = await startSimulator({
    faultSizes: { oversizedFrameBytes: 2 * 1024 * 1024, floodFrames: 2_000 },
  });
  const result: LaneResult = {
    sessions: 0,
    faults: {},
    sent: 0,
    lost: 0,
    doubled: 0,
    missedTyped: 0,
    typedErrors: {},
    signTimes: [],
  };
  const client = new TikTokLiveClient(`@${sim.uniqueId}`, { ...sim.clientOptions(), ...clientOptions });
  const received = new Map<string, number>();
  client.on(CommentEvent, (e) => {
    const n = (received.get(e.comment) ?? 0) + 1;
    received.set(e.comment, n);
    if (n === 2) result.doubled++;
  });
  client.on("error", () => {});
  let gaveUp = undefined as TikTokLiveError | undefined;
  client.on(DisconnectEvent, (e) => {
    if (e.reason !== "client" && e.error instanceof TikTokLiveError) gaveUp = e.error;
  });
  const timers = new Set<NodeJS.Timeout>();
  try {
    for (let round = 0; round < options.rounds; round++) {
      options.onRound?.(index, round);
      gaveUp = undefined;
      sim.heal();
      try {
        if (client.state !== "connected") {
          await client.disconnect();
          await client.connect();
        }
      } catch (error) {
        // The client refused or failed with a typed error: that is an answer, not a loss.
        if (!(error instanceof TikTokLiveError)) throw error;
        bump(result.typedErrors, error.code);
        const wait =
          error instanceof ReconnectBudgetError && error.retryAt ? error.retryAt.getTime() - Date.now() : 200;
        await sleep(Math.min(Math.max(wait, 50), 5_000));
        continue;
      }
      result.sessions++;
      // One stream per round, so a round's faults do not depend on how earlier rounds went.
      const rng = new Random((options.seed * 7_919 + (index + 1) * 104_729 + round * 1_299_709) >>> 0);
      await sim.waitForClient(5_000).catch(() => undefined);
      const texts: string[] = [];
      const trace: string[] = [];
      const offState = client.onStateChange((to) => trace.push(`${Date.now() % 100_000} state ${to}`));
      for (let i = 0; i < options.messagesPerRound; i++) {
        if (rng.chance(options.faultRate)) await inject(sim, rng, result, timers, trace);
        const text = `lane ${index} round ${round} message ${i}`;
        texts.push(text);
        trace.push(`${Date.now() % 100_000} send ${i}`);
        sim.send(chat(rng.pick(sampleUsers), text));
        result.sent++;
        if (rng.chance(0.3)) await sleep(rng.int(1, 25));
      }
      for (const t of timers) clearTimeout(t);
      timers.clear();
      sim.heal();
      const deadline = Date.now() + options.settleMs;
      while (Date.now() < deadline && !gaveUp && texts.some((t) => !received.has(t))) await sleep(20);
      const missing = texts.filter((t) => !received.has(t)).length;
      // Set by the DisconnectEvent listener meanwhile (TypeScript cannot see that).
      const ended = gaveUp as TikTokLiveError | undefined;
      if (ended) {
        result.missedTyped += missing;
        bump(result.typedErrors, ended.code);
      } else result.lost += missing;
      offState();
      if (missing > 0 && !ended && process.env.CHAOS_DEBUG) {
        const lost = texts.flatMap((t, i) => (received.has(t) ? [] : [i]));
        console.log(`lane ${index} round ${round} lost ${lost.join(",")}\n  ${trace.join("\n  ")}`);
      }
    }
  } finally {
    for (const t of timers) clearTimeout(t);
    await client.disconnect();
    result.signTimes = sim.state.signRequests.map((r) => r.at).sort((a, b) => a - b);
    await sim.close();
  }
  return result;
}

/** Runs the soak: `lanes` clients side by side, each through `rounds` rounds of messages under random faults. */
export async function runSoak(partial: Partial<SoakOptions> = {}): Promise<SoakFigures> {
  const options = { ...defaultSoakOptions, ...partial };
  const gc = (globalThis as { gc?: () => void }).gc;
  const heap = () => {
    gc?.();
    return process.memoryUsage().heapUsed;
  };
  const started = Date.now();
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 100);
  // Warm up (codecs, JIT) before the baseline, so growth means a leak.
  await lane(-1, { ...options, rounds: options.warmupRounds, onRound: undefined });
  const heapStart = heap();
  let lanes: LaneResult[];
  try {
    lanes = await Promise.all(Array.from({ length: options.lanes }, (_, i) => lane(i, options)));
  } finally {
    clearInterval(sampler);
  }
  const heapEnd = heap();
  const sum = (f: (l: LaneResult) => number) => lanes.reduce((n, l) => n + f(l), 0);
  const merged = (f: (l: LaneResult) => Record<string, number>) => {
    const out: Record<string, number> = {};
    for (const l of lanes) for (const [k, v] of Object.entries(f(l))) bump(out, k, v);
    return out;
  };
  const faultsByName = merged((l) => l.faults);
  return {
    seed: options.seed,
    lanes: options.lanes,
    sessions: sum((l) => l.sessions),
    faultsInjected: Object.values(faultsByName).reduce((a, b) => a + b, 0),
    faultsByName,
    messagesSent: sum((l) => l.sent),
    eventsLost: sum((l) => l.lost),
    eventsDoubled: sum((l) => l.doubled),
    eventsMissedWithTypedError: sum((l) => l.missedTyped),
    typedErrors: merged((l) => l.typedErrors),
    // Measured where the requests arrive: network jitter can bring two requests the client
    // made a minute apart a few ms closer, so the windows are a second shorter than the budget's.
    signPerMinuteWorst: Math.max(...lanes.map((l) => worstWindow(l.signTimes, 59_000))),
    signPerHourWorst: Math.max(...lanes.map((l) => worstWindow(l.signTimes, 3_599_000))),
    budget,
    durationMs: Date.now() - started,
    peakRssBytes: peakRss,
    heapStartBytes: heapStart,
    heapEndBytes: heapEnd,
  };
}
