import { RateLimitError, SignServerError, TikTokLiveError, WebSocketClosedError } from "../errors/errors.js";
import { clampDelay } from "../time/clamp-delay.js";

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
