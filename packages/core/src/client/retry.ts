import type { Logger } from "../capabilities.js";
import { type ReconnectPolicy, reconnectDelay } from "../connection/reconnect-policy.js";
import {
  RateLimitError,
  ReconnectBudgetError,
  SignServerError,
  TikTokLiveError,
  UntrustedHostError,
  UserOfflineError,
  WebSocketClosedError,
} from "../errors/errors.js";
import { clampDelay } from "../time/clamp-delay.js";
import { rateLimitBeyond } from "./retry-after-limit.js";

/** Errors worth another try: transient transport, sign server and rate-limit failures. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof RateLimitError || error instanceof WebSocketClosedError) return true;
  if (error instanceof SignServerError) return error.status === undefined || error.status >= 500;
  return (
    error instanceof TikTokLiveError &&
    (error.code === "NETWORK" || error.code === "TIMEOUT" || error.code === "INVALID_RESPONSE")
  );
}

/** Waits `ms` (clamped to what a timer holds), or rejects with the signal's reason when it aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, clampDelay(ms));
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** Failures no retry can fix: the reconnect loop stops on them at once. */
export function isFinal(error: unknown): boolean {
  return (
    error instanceof UserOfflineError ||
    error instanceof UntrustedHostError ||
    error instanceof ReconnectBudgetError
  );
}

/**
 * Runs `task`, retrying transient failures with the policy's backoff up to
 * `policy.maxAttempts` times. A rate limit that asks for more than
 * `maxRetryAfterMs`, and an exhausted budget, end it at once.
 */
export async function withRetries<T>(
  task: () => Promise<T>,
  options: { policy: ReconnectPolicy; maxRetryAfterMs: number; logger: Logger; signal: AbortSignal },
): Promise<T> {
  const { policy, signal } = options;
  for (let attempt = 0; ; attempt++) {
    try {
      return await task();
    } catch (error) {
      const tooLong = rateLimitBeyond(error, options.maxRetryAfterMs);
      if (tooLong) throw tooLong;
      if (isFinal(error) || attempt >= policy.maxAttempts || !isRetryable(error) || signal.aborted)
        throw error;
      const retryAfter = error instanceof RateLimitError ? error.retryAfter : undefined;
      const wait = reconnectDelay(policy, attempt, retryAfter);
      options.logger.warn(
        `[tiktok-live] signing failed (${(error as Error).message}); retrying in ${wait} ms`,
      );
      await sleep(wait, signal);
    }
  }
}
