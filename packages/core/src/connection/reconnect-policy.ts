/** How the client retries after an unexpected close or a failed heartbeat. */
export interface ReconnectPolicy {
  /** Set to false to never reconnect. */
  enabled: boolean;
  /**
   * Attempts before giving up with a DisconnectEvent("reconnect-failed").
   * The count is NOT reset by a connection that merely opened: only by one
   * that proved healthy (see `healthyAfterMs`), so a server that accepts and
   * drops every socket cannot keep the client looping.
   */
  maxAttempts: number;
  /** Base of the exponential backoff, in ms. */
  initialDelayMs: number;
  /** Cap of a single wait, in ms. */
  maxDelayMs: number;
  /**
   * A connection counts as healthy, and resets the attempt count, once it
   * has delivered at least one message batch and stayed open this long.
   * Default 60 s.
   */
  healthyAfterMs: number;
  /**
   * Ceiling on sign-server requests (connects, retries and reconnects
   * together) in any sliding minute. Past it the client stops with a
   * ReconnectBudgetError. Default 10.
   */
  maxSignRequestsPerMinute: number;
  /** The same ceiling over any sliding hour. Default 60. */
  maxSignRequestsPerHour: number;
  /** Source of randomness in [0, 1), replaceable for deterministic tests. */
  random?: () => number;
}

export const defaultReconnectPolicy: ReconnectPolicy = {
  enabled: true,
  maxAttempts: 5,
  initialDelayMs: 1_000,
  maxDelayMs: 30_000,
  healthyAfterMs: 60_000,
  maxSignRequestsPerMinute: 10,
  maxSignRequestsPerHour: 60,
};

/**
 * Full-jitter exponential backoff: a uniform wait in [0, min(cap, base·2^attempt)).
 * Jitter spreads out many clients that dropped at the same moment.
 * `attempt` counts from 0. A `retryAfterMs` from the server is a floor.
 */
export function reconnectDelay(policy: ReconnectPolicy, attempt: number, retryAfterMs?: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.min(attempt, 52));
  const jittered = Math.floor((policy.random ?? Math.random)() * ceiling);
  return retryAfterMs !== undefined ? Math.max(jittered, retryAfterMs) : jittered;
}
