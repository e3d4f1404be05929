import { RateLimitError } from "../errors/errors.js";

/**
 * When a rate limit asks for a longer wait than `maxRetryAfterMs`, the
 * RateLimitError to give up with (its `retryAt` says when to come back);
 * otherwise undefined, and the caller may wait and retry.
 */
export function rateLimitBeyond(error: unknown, maxRetryAfterMs: number): RateLimitError | undefined {
  if (!(error instanceof RateLimitError) || error.retryAfter === undefined) return undefined;
  if (error.retryAfter <= maxRetryAfterMs) return undefined;
  const when = error.retryAt ? ` (at ${error.retryAt.toISOString()})` : "";
  return new RateLimitError(
    `${error.message}${when}: longer than maxRetryAfterMs (${maxRetryAfterMs} ms) allows, so the client gave up`,
    error.retryAfter,
    { cause: error, ...(error.retryAt ? { retryAt: error.retryAt } : {}) },
  );
}
