import { describe, expect, it } from "vitest";
import { ReconnectAttempts } from "../../src/connection/reconnect-attempts.js";
import { defaultReconnectPolicy, type ReconnectPolicy } from "../../src/connection/reconnect-policy.js";
import { ReconnectBudgetError } from "../../src/errors/errors.js";

const policy: ReconnectPolicy = {
  ...defaultReconnectPolicy,
  maxAttempts: 3,
  healthyAfterMs: 1_000,
  random: () => 0,
};

function clock() {
  const c = { t: 0, now: () => c.t };
  return c;
}

function drain(attempts: ReconnectAttempts): number[] {
  const got: number[] = [];
  for (let n = attempts.next(); !(n instanceof ReconnectBudgetError); n = attempts.next())
    got.push(n.attempt);
  return got;
}

describe("ReconnectAttempts", () => {
  it("counts 1..maxAttempts, then gives the error to stop with", () => {
    const attempts = new ReconnectAttempts(policy);
    expect(drain(attempts)).toEqual([1, 2, 3]);
    const stop = attempts.next();
    expect(stop).toBeInstanceOf(ReconnectBudgetError);
    expect((stop as ReconnectBudgetError).limit).toBe("attempts");
  });

  it("a socket that opened and closed without messages does not reset the count", () => {
    const c = clock();
    const attempts = new ReconnectAttempts(policy, c.now);
    attempts.next();
    attempts.connected();
    c.t += 5_000;
    attempts.closed(0);
    expect(drain(attempts)).toEqual([2, 3]);
  });

  it("a session with messages that died before healthyAfterMs does not reset it either", () => {
    const c = clock();
    const attempts = new ReconnectAttempts(policy, c.now);
    attempts.next();
    attempts.next();
    attempts.connected();
    c.t += 999;
    attempts.closed(10);
    expect(drain(attempts)).toEqual([3]);
  });

  it("a healthy session (messages, and up for healthyAfterMs) resets it; so does reset()", () => {
    const c = clock();
    const attempts = new ReconnectAttempts(policy, c.now);
    drain(attempts);
    attempts.connected();
    c.t += 1_000;
    attempts.closed(1);
    expect(drain(attempts)).toEqual([1, 2, 3]);
    attempts.reset();
    expect(drain(attempts)).toEqual([1, 2, 3]);
  });

  it("a rate limit's Retry-After is the floor of the wait", async () => {
    const { RateLimitError } = await import("../../src/errors/errors.js");
    const next = new ReconnectAttempts(policy).next(new RateLimitError("slow down", 4_000));
    expect(next).toEqual({ attempt: 1, delayMs: 4_000 });
  });
});
