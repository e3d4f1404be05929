import { InvalidOptionError, ReconnectBudgetError, type TikTokLiveError } from "../errors/errors.js";
import type { ReconnectPolicy } from "./reconnect-policy.js";

const minuteMs = 60_000;
const hourMs = 60 * minuteMs;

/**
 * Counts sign-server requests of one client over sliding windows. A sign
 * server is paid and rate-limited per key, and a hostile or broken push
 * server can make any reconnect loop spin, so the ceiling is per client and
 * covers every request: the first connect, its retries and every reconnect.
 */
export class SignBudget {
  /** Times of the requests of the last hour, oldest first (at most `perHour` of them). */
  private readonly times: number[] = [];

  constructor(
    private readonly perMinute: number,
    private readonly perHour: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Requests made in the last minute and the last hour. */
  usage(): { minute: number; hour: number } {
    this.forget();
    const since = this.now() - minuteMs;
    return { minute: this.times.filter((t) => t > since).length, hour: this.times.length };
  }

  /** Records one request, or throws a ReconnectBudgetError (nothing recorded) when a window is full. */
  take(): void {
    this.forget();
    const now = this.now();
    if (this.times.length >= this.perHour) {
      throw this.exhausted("sign-per-hour", this.perHour, "hour", this.times[0]! + hourMs);
    }
    const lastMinute = this.times.filter((t) => t > now - minuteMs);
    if (lastMinute.length >= this.perMinute) {
      throw this.exhausted("sign-per-minute", this.perMinute, "minute", lastMinute[0]! + minuteMs);
    }
    this.times.push(now);
  }

  private forget(): void {
    const since = this.now() - hourMs;
    while (this.times.length > 0 && this.times[0]! <= since) this.times.shift();
  }

  private exhausted(
    limit: "sign-per-minute" | "sign-per-hour",
    max: number,
    window: string,
    freeAt: number,
  ): ReconnectBudgetError {
    const setting = limit === "sign-per-minute" ? "maxSignRequestsPerMinute" : "maxSignRequestsPerHour";
    return new ReconnectBudgetError(
      `Stopped: ${max} sign requests in the last ${window} is this client's ceiling (reconnect.${setting}); the next one is allowed at ${new Date(freeAt).toISOString()}`,
      limit,
      new Date(freeAt),
    );
  }
}

/** Checks the budget fields of a reconnect policy; the message names the option and says why. */
export function checkReconnectBudget(policy: ReconnectPolicy): void {
  const whole = (name: keyof ReconnectPolicy, min: number, why: string) => {
    const value = policy[name];
    if (typeof value !== "number" || !Number.isInteger(value) || value < min) {
      throw new InvalidOptionError(
        `reconnect.${name} must be a whole number ≥ ${min} ${why} (got ${String(value)})`,
      );
    }
  };
  whole("maxSignRequestsPerMinute", 1, "(the first connect needs one sign request)");
  whole("maxSignRequestsPerHour", 1, "(the first connect needs one sign request)");
  const healthy = policy.healthyAfterMs;
  if (typeof healthy !== "number" || !Number.isFinite(healthy) || healthy < 0 || healthy > 2 ** 31 - 1) {
    throw new InvalidOptionError(
      `reconnect.healthyAfterMs must be a number of milliseconds from 0 to 2^31 − 1 (got ${String(healthy)})`,
    );
  }
}

/** The error a reconnect loop stops with when its attempts ran out; the last failure is the cause. */
export function attemptsExhausted(
  policy: ReconnectPolicy,
  lastError?: TikTokLiveError,
): ReconnectBudgetError {
  return new ReconnectBudgetError(
    `Stopped reconnecting: ${policy.maxAttempts} attempts without a healthy session (one that delivers messages for reconnect.healthyAfterMs = ${policy.healthyAfterMs} ms)${lastError ? `; last: ${lastError.message}` : ""}`,
    "attempts",
    undefined,
    { cause: lastError },
  );
}
