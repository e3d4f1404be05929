/** How the client retries after an unexpected close or a failed heartbeat. */
export interface ReconnectPolicy {
  /** Set to false to never reconnect. */
  enabled: boolean;
  /** Attempts after one drop before giving up with a DisconnectEvent. */
  maxAttempts: number;
  /** Base of the exponential backoff, in ms. */
  initialDelayMs: number;
  /** Cap of a single wait, in ms. */
  maxDelayMs: number;
  /** Source of randomness in [0, 1), replaceable for deterministic tests. */
  random?: () => number;
}

export const defaultReconnectPolicy: ReconnectPolicy = {
  enabled: true,
  maxAttempts: 5,
  initialDelayMs: 1_000,
  maxDelayMs: 30_000,
};

/**
 * Full-jitter exponential backoff: a uniform wait in [0, min(cap, base·2^attempt)).
 * Jitter spreads out many clients that dropped at the same moment.
 * `attempt` counts from 0. A `retryAfterMs` from the server is a floor.
 */
export function reconnectDelay(policy: ReconnectPolicy, attempt: number, retryAfterMs?: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** attempt);
  const jittered = Math.floor((policy.random ?? Math.random)() * ceiling);
  return retryAfterMs !== undefined ? Math.max(jittered, retryAfterMs) : jittered;
}
