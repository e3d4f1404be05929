/**
 * How long a 429 asks us to wait, in milliseconds: `Retry-After` as whole
 * seconds or as an HTTP date, else Euler's `RateLimit-Reset` (unix seconds).
 * Garbage (negative numbers, words, half a date) counts as not said. Absurd waits are
 * kept (up to a century) so the caller can refuse them with `maxRetryAfterMs`
 * instead of a timer overflowing into an instant retry.
 */
export function parseRetryAfter(headers: Headers, now = Date.now()): number | undefined {
  const retryAfter = headers.get("retry-after")?.trim();
  if (retryAfter) {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) return bounded(Number(retryAfter) * 1000);
    // An HTTP date has a weekday and a GMT zone; Date.parse alone accepts far too much ("1", "x 2").
    if (/^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(retryAfter)) {
      const date = Date.parse(retryAfter);
      if (!Number.isNaN(date)) return bounded(date - now);
    }
  }
  const reset = headers.get("ratelimit-reset")?.trim();
  if (reset && /^\d+$/.test(reset)) return bounded(Number(reset) * 1000 - now);
  return undefined;
}

/** The old name, kept for callers outside the client. */
export const retryAfterMs = parseRetryAfter;

const century = 100 * 365 * 24 * 3600 * 1000;

function bounded(ms: number): number {
  return Math.min(Math.max(0, ms), century);
}
