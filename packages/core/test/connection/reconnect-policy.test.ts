import { describe, expect, it } from "vitest";
import {
  defaultReconnectPolicy,
  type ReconnectPolicy,
  reconnectDelay,
} from "../../src/connection/reconnect-policy.js";

const almostOne = 1 - Number.EPSILON;

function policy(random: number, overrides: Partial<ReconnectPolicy> = {}): ReconnectPolicy {
  return {
    enabled: true,
    maxAttempts: 5,
    initialDelayMs: 100,
    maxDelayMs: 1_000,
    healthyAfterMs: 60_000,
    maxSignRequestsPerMinute: 10,
    maxSignRequestsPerHour: 60,
    random: () => random,
    ...overrides,
  };
}

describe("reconnectDelay (full jitter)", () => {
  it("random 0 gives 0 at every attempt", () => {
    for (let attempt = 0; attempt < 12; attempt++) expect(reconnectDelay(policy(0), attempt)).toBe(0);
  });

  it("random 0.5 gives half of base·2^attempt until the cap", () => {
    expect([0, 1, 2, 3, 4, 5].map((a) => reconnectDelay(policy(0.5), a))).toEqual([
      50, 100, 200, 400, 500, 500,
    ]);
  });

  it("random just below 1 stays strictly below the ceiling min(cap, base·2^attempt)", () => {
    const got = [0, 1, 2, 3, 4, 10].map((a) => reconnectDelay(policy(almostOne), a));
    expect(got).toEqual([99, 199, 399, 799, 999, 999]);
  });

  it("every value lies in [0, min(cap, base·2^attempt)) for many random draws", () => {
    let seed = 42;
    const lcg = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const p: ReconnectPolicy = { ...policy(0), random: lcg };
    for (let attempt = 0; attempt < 20; attempt++) {
      const ceiling = Math.min(p.maxDelayMs, p.initialDelayMs * 2 ** attempt);
      for (let i = 0; i < 200; i++) {
        const d = reconnectDelay(p, attempt);
        expect(Number.isInteger(d)).toBe(true);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThan(ceiling);
      }
    }
  });

  it("respects the cap at very high attempts (no overflow to Infinity/NaN)", () => {
    for (const attempt of [30, 100, 1_023, 2_000]) {
      const d = reconnectDelay(policy(almostOne, { initialDelayMs: 1_000, maxDelayMs: 30_000 }), attempt);
      expect(d).toBe(29_999);
    }
  });

  it("retryAfter is a floor: it wins over a smaller jittered value, not over a larger one", () => {
    expect(reconnectDelay(policy(0), 0, 1_000)).toBe(1_000);
    expect(reconnectDelay(policy(0.5), 3, 100)).toBe(400);
    // A floor above the cap is still honoured: the server said how long to wait.
    expect(reconnectDelay(policy(almostOne), 10, 5_000)).toBe(5_000);
    expect(reconnectDelay(policy(0.5), 1, 0)).toBe(100);
  });

  it("uses Math.random when no random is injected", () => {
    const p = { ...defaultReconnectPolicy };
    for (let i = 0; i < 50; i++) {
      const d = reconnectDelay(p, 2);
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThan(4_000);
    }
  });
});
