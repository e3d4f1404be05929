import { describe, expect, it } from "vitest";
import { parseRetryAfter } from "../../src/http/retry-after.js";
import { clampDelay, maxTimerDelayMs } from "../../src/time/clamp-delay.js";

const now = Date.UTC(2026, 0, 1, 12, 0, 0);
const h = (init: Record<string, string>) => new Headers(init);

describe("parseRetryAfter (issue 14 row 6)", () => {
  it("reads seconds and HTTP dates", () => {
    expect(parseRetryAfter(h({ "Retry-After": "120" }), now)).toBe(120_000);
    expect(parseRetryAfter(h({ "Retry-After": " 7 " }), now)).toBe(7_000);
    expect(parseRetryAfter(h({ "Retry-After": "Thu, 01 Jan 2026 12:05:00 GMT" }), now)).toBe(300_000);
  });

  it("keeps absurd waits (so the client can refuse them) instead of letting them overflow", () => {
    expect(parseRetryAfter(h({ "Retry-After": "99999999" }), now)).toBe(99_999_999_000);
    const in2099 = parseRetryAfter(h({ "Retry-After": "Thu, 01 Jan 2099 00:00:00 GMT" }), now)!;
    expect(in2099).toBeGreaterThan(maxTimerDelayMs);
    // 400 digits is Infinity as a number: bounded to a century, never Infinity or NaN.
    const endless = parseRetryAfter(h({ "Retry-After": "9".repeat(400) }), now)!;
    expect(Number.isFinite(endless)).toBe(true);
  });

  it.each(["-5", "1e3", "soon", "0x10", "12abc", "Thu, 01 Jan 2026", "1 Jan 2026 12:00:00", ""])(
    "treats %j as not said",
    (value) => {
      expect(parseRetryAfter(h({ "Retry-After": value }), now)).toBeUndefined();
    },
  );

  it("falls back to RateLimit-Reset (unix seconds) and ignores garbage there too", () => {
    expect(parseRetryAfter(h({ "RateLimit-Reset": String(now / 1000 + 30) }), now)).toBe(30_000);
    expect(parseRetryAfter(h({ "RateLimit-Reset": "-1" }), now)).toBeUndefined();
    expect(
      parseRetryAfter(h({ "Retry-After": "soon", "RateLimit-Reset": String(now / 1000 + 2) }), now),
    ).toBe(2_000);
  });
});

describe("clampDelay", () => {
  it("keeps delays within what setTimeout holds", () => {
    expect(clampDelay(99_999_999_000)).toBe(2 ** 31 - 1);
    expect(clampDelay(Number.POSITIVE_INFINITY)).toBe(2 ** 31 - 1);
    expect(clampDelay(Number.NaN)).toBe(0);
    expect(clampDelay(-5)).toBe(0);
    expect(clampDelay(1500)).toBe(1500);
  });
});
