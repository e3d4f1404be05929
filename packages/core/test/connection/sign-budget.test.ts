import { describe, expect, it } from "vitest";
import { defaultReconnectPolicy } from "../../src/connection/reconnect-policy.js";
import { checkReconnectBudget, SignBudget } from "../../src/connection/sign-budget.js";
import { ReconnectBudgetError } from "../../src/errors/errors.js";

function clock(start = 1_000_000) {
  const c = { t: start, now: () => c.t };
  return c;
}

describe("SignBudget", () => {
  it("allows perMinute requests in a minute, refuses the next with the moment it frees up", () => {
    const c = clock();
    const budget = new SignBudget(3, 100, c.now);
    for (let i = 0; i < 3; i++) {
      budget.take();
      c.t += 1_000;
    }
    let error: unknown;
    try {
      budget.take();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ReconnectBudgetError);
    const budgetError = error as ReconnectBudgetError;
    expect(budgetError.limit).toBe("sign-per-minute");
    expect(budgetError.code).toBe("RECONNECT_BUDGET");
    expect(budgetError.message).toContain("maxSignRequestsPerMinute");
    expect(budgetError.retryAt?.getTime()).toBe(1_000_000 + 60_000);
    // A refused request is not counted: once the oldest leaves the window, one more fits.
    c.t = 1_000_000 + 60_001;
    expect(() => budget.take()).not.toThrow();
    expect(budget.usage()).toEqual({ minute: 3, hour: 4 });
  });

  it("the hourly ceiling holds even when every minute stays under its own", () => {
    const c = clock();
    const budget = new SignBudget(2, 5, c.now);
    let taken = 0;
    let refused: ReconnectBudgetError | undefined;
    for (let minute = 0; minute < 60 && !refused; minute++) {
      for (let i = 0; i < 2; i++) {
        try {
          budget.take();
          taken++;
        } catch (e) {
          refused = e as ReconnectBudgetError;
          break;
        }
      }
      c.t += 60_000;
    }
    expect(taken).toBe(5);
    expect(refused?.limit).toBe("sign-per-hour");
    expect(refused?.retryAt?.getTime()).toBe(1_000_000 + 3_600_000);
  });

  it("forgets requests older than an hour", () => {
    const c = clock();
    const budget = new SignBudget(10, 2, c.now);
    budget.take();
    budget.take();
    expect(() => budget.take()).toThrow(ReconnectBudgetError);
    c.t += 3_600_001;
    expect(budget.usage()).toEqual({ minute: 0, hour: 0 });
    expect(() => budget.take()).not.toThrow();
  });
});

describe("checkReconnectBudget", () => {
  it("accepts the defaults", () => {
    expect(() => checkReconnectBudget(defaultReconnectPolicy)).not.toThrow();
  });

  it.each([
    ["maxSignRequestsPerMinute", 0],
    ["maxSignRequestsPerHour", 1.5],
    ["maxSignRequestsPerHour", "60"],
    ["healthyAfterMs", -1],
    ["healthyAfterMs", 2 ** 31],
  ])("refuses reconnect.%s = %s, naming the option", (name, value) => {
    expect(() => checkReconnectBudget({ ...defaultReconnectPolicy, [name]: value })).toThrow(
      new RegExp(`reconnect\\.${name}`),
    );
  });
});
