import { RateLimitError, type ReconnectBudgetError, type TikTokLiveError } from "../errors/errors.js";
import { type ReconnectPolicy, reconnectDelay } from "./reconnect-policy.js";
import { attemptsExhausted } from "./sign-budget.js";

/**
 * Counts reconnect attempts of one client across sockets. The count goes back
 * to zero only after a healthy session (messages delivered, up for
 * `healthyAfterMs`) or a new `connect()`: a socket that merely opened proves
 * nothing, and resetting on it let an accept-and-drop server loop the client
 * for ever.
 */
export class ReconnectAttempts {
  private failed = 0;
  private connectedAt = 0;

  constructor(
    private readonly policy: ReconnectPolicy,
    private readonly now: () => number = Date.now,
  ) {}

  /** The user called connect(): a fresh set of attempts. */
  reset(): void {
    this.failed = 0;
  }

  /** A socket opened and the client counts as connected. */
  connected(): void {
    this.connectedAt = this.now();
  }

  /** The socket closed after delivering `batches` message batches; a healthy session resets the count. */
  closed(batches: number): void {
    if (batches > 0 && this.now() - this.connectedAt >= this.policy.healthyAfterMs) this.failed = 0;
  }

  /**
   * The next attempt (numbered from 1) and the wait before it, or the error to
   * stop with when `maxAttempts` ran out. A rate limit's wait is a floor.
   */
  next(lastError?: TikTokLiveError): { attempt: number; delayMs: number } | ReconnectBudgetError {
    if (this.failed >= this.policy.maxAttempts) return attemptsExhausted(this.policy, lastError);
    const retryAfter = lastError instanceof RateLimitError ? lastError.retryAfter : undefined;
    const delayMs = reconnectDelay(this.policy, this.failed, retryAfter);
    this.failed++;
    return { attempt: this.failed, delayMs };
  }
}
