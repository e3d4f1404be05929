import { InvalidOptionError, RateLimitError } from "../errors/errors.js";
import { clampDelay } from "../time/clamp-delay.js";
import { rateLimitBeyond } from "./retry-after-limit.js";

export interface WaitUntilLiveOptions {
  signal?: AbortSignal;
  /** Time between checks. Default 30 s; against TikTok anything under {@link minLiveCheckIntervalMs} (5 s) is raised to it. */
  intervalMs?: number;
}

/** The shortest poll interval against TikTok: it rate-limits profile page loads, and a tight loop gets the IP blocked. */
export const minLiveCheckIntervalMs = 5_000;
/** The floor for other hosts (the simulator, a mirror of your own): still not a busy loop. */
export const minLocalCheckIntervalMs = 50;
export const defaultLiveCheckIntervalMs = 30_000;

export interface LivePoller {
  isLive(signal: AbortSignal | undefined): Promise<boolean>;
  /** The floor of the interval: {@link minLiveCheckIntervalMs} for TikTok's own hosts. */
  minIntervalMs: number;
  /** The longest Retry-After to honour; a longer one ends the wait with the RateLimitError. */
  maxRetryAfterMs: number;
  random?: () => number;
  sleep?: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
}

/** The next wait: the interval ±20 %, so many waiting clients do not poll in step. */
export function jitteredInterval(
  intervalMs: number,
  minIntervalMs: number,
  random: () => number = Math.random,
): number {
  const base = Math.max(minIntervalMs, intervalMs);
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * Polls until the room is live. A RateLimitError waits for its Retry-After
 * (at least one interval) instead of failing; other errors end the wait.
 */
export async function waitUntilLive(poller: LivePoller, options: WaitUntilLiveOptions = {}): Promise<void> {
  const intervalMs = options.intervalMs ?? defaultLiveCheckIntervalMs;
  if (!(typeof intervalMs === "number" && intervalMs >= 0 && Number.isFinite(intervalMs)))
    throw new InvalidOptionError(
      `intervalMs must be a non-negative number of milliseconds (got ${intervalMs})`,
    );
  const random = poller.random ?? Math.random;
  const sleep = poller.sleep ?? abortableSleep;
  const signal = options.signal;
  for (;;) {
    if (signal?.aborted) throw signal.reason;
    let wait = jitteredInterval(intervalMs, poller.minIntervalMs, random);
    try {
      if (await poller.isLive(signal)) return;
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (!(error instanceof RateLimitError)) throw error;
      const tooLong = rateLimitBeyond(error, poller.maxRetryAfterMs);
      if (tooLong) throw tooLong;
      wait = Math.max(wait, error.retryAfter ?? 0);
    }
    await sleep(wait, signal);
  }
}

function abortableSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, clampDelay(ms));
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
