import { RateLimitError } from "../errors/errors.js";

/** Errors this module already made, so a caller further out passes them on instead of wrapping again. */
const givenUp = new WeakSet<RateLimitError>();

/**
 * When a rate limit asks for a longer wait than `maxRetryAfterMs`, the
 * RateLimitError to give up with (its `retryAt` says when to come back);
 * otherwise undefined, and the caller may wait and retry.
 */
export function rateLimitBeyond(error: unknown, maxRetryAfterMs: number): RateLimitError | undefined {
  if (!(error instanceof RateLimitError) || error.retryAfter === undefined) return undefined;
  if (givenUp.has(error)) return error;
  if (error.retryAfter <= maxRetryAfterMs) return undefined;
  const when = error.retryAt ? ` (at ${error.retryAt.toISOString()})` : "";
  const final = new RateLimitError(
    `${error.message}${when}: longer than maxRetryAfterMs (${maxRetryAfterMs} ms) allows, so the client gave up`,
    error.retryAfter,
    { cause: error, ...(error.retryAt ? { retryAt: error.retryAt } : {}) },
  );
  givenUp.add(final);
  return final;
}
