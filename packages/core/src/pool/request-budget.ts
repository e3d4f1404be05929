import { InvalidOptionError } from "../errors/errors.js";

export interface RequestBudgetOptions {
  /** Requests allowed per second on average. Default 5. */
  ratePerSecond?: number;
  /** Requests allowed back to back after a quiet spell. Default 10. */
  burst?: number;
  /** Clock, replaceable in tests. */
  now?: () => number;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * One token bucket for every request to the sign server and TikTok's room
 * lookups, shared by all rooms of a pool, so 1,000 rooms cannot burst the
 * sign server. A `Retry-After` seen by any room pauses everybody until then:
 * the limit it reports is the server's, not the room's.
 */
export class RequestBudget {
  #rate: number;
  readonly burst: number;
  readonly #now: () => number;
  #tokens: number;
  #refilledAt: number;
  #pausedUntil = 0;
  /** Callers waiting for a token, first come first served. */
  #queue: Promise<void> = Promise.resolve();
  #granted = 0;

  constructor(options: RequestBudgetOptions = {}) {
    this.#rate = options.ratePerSecond ?? 5;
    this.burst = options.burst ?? 10;
    if (!(this.#rate > 0)) throw new InvalidOptionError("ratePerSecond must be positive");
    if (!(this.burst >= 1)) throw new InvalidOptionError("burst must be at least 1");
    this.#now = options.now ?? Date.now;
    this.#tokens = this.burst;
    this.#refilledAt = this.#now();
  }

  get ratePerSecond(): number {
    return this.#rate;
  }

  /** Changes the rate, e.g. when a fleet's budget is split between more or fewer workers. */
  setRate(ratePerSecond: number): void {
    if (!(ratePerSecond > 0)) throw new InvalidOptionError("ratePerSecond must be positive");
    this.delayUntilToken(); // count the tokens earned at the old rate first
    this.#rate = ratePerSecond;
  }

  /** Requests let through so far. */
  get granted(): number {
    return this.#granted;
  }

  /** When the server's `Retry-After` lets requests through again (epoch ms); 0 when not paused. */
  get pausedUntil(): number {
    return this.#pausedUntil > this.#now() ? this.#pausedUntil : 0;
  }

  /** Nobody gets a token for `ms` from now (a 429's `Retry-After`). Never shortens a longer pause. */
  pauseFor(ms: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, this.#now() + Math.max(0, ms));
  }

  /** Milliseconds until a token would be free, 0 when one is free now. */
  delayUntilToken(): number {
    const now = this.#now();
    this.#tokens = Math.min(this.burst, this.#tokens + ((now - this.#refilledAt) * this.#rate) / 1000);
    this.#refilledAt = now;
    const paused = Math.max(0, this.#pausedUntil - now);
    const refill = this.#tokens >= 1 ? 0 : Math.ceil(((1 - this.#tokens) * 1000) / this.#rate);
    return Math.max(paused, refill);
  }

  /** Resolves when the caller may send one request; callers are served in order. */
  take(signal?: AbortSignal): Promise<void> {
    const turn = this.#queue.then(() => this.#takeNow(signal));
    // A caller that gave up (abort) must not hold up the ones behind it.
    this.#queue = turn.catch(() => {});
    return turn;
  }

  async #takeNow(signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const wait = this.delayUntilToken();
      if (wait === 0) break;
      await sleep(wait, signal);
    }
    this.#tokens -= 1;
    this.#granted++;
  }
}
