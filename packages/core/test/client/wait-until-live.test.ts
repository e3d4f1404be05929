import { describe, expect, it } from "vitest";
import { jitteredInterval, minLiveCheckIntervalMs, waitUntilLive } from "../../src/client/wait-until-live.js";
import { InvalidOptionError, NetworkError, RateLimitError } from "../../src/errors/errors.js";

function poller(answers: Array<boolean | Error>, minIntervalMs = minLiveCheckIntervalMs) {
  const waits: number[] = [];
  let calls = 0;
  return {
    waits,
    get calls() {
      return calls;
    },
    minIntervalMs,
    maxRetryAfterMs: 60_000,
    random: () => 0.5,
    sleep: async (ms: number) => {
      waits.push(ms);
    },
    isLive: async () => {
      const a = answers[calls++];
      if (a instanceof Error) throw a;
      return a ?? false;
    },
  };
}

describe("waitUntilLive", () => {
  it("polls until live, never faster than the floor", async () => {
    const p = poller([false, false, true]);
    await waitUntilLive(p, { intervalMs: 10 });
    expect(p.calls).toBe(3);
    expect(p.waits).toEqual([minLiveCheckIntervalMs, minLiveCheckIntervalMs]);
  });

  it("waits a rate limit's Retry-After when it is longer than the interval", async () => {
    const p = poller([new RateLimitError("429", 20_000), true]);
    await waitUntilLive(p, { intervalMs: 6_000 });
    expect(p.waits).toEqual([20_000]);
  });

  it("ends with other errors and with too-long rate limits", async () => {
    await expect(
      waitUntilLive(poller([new NetworkError("down", "h", "ECONNREFUSED")])),
    ).rejects.toBeInstanceOf(NetworkError);
    const tooLong = await waitUntilLive(poller([new RateLimitError("429", 3_600_000)])).catch(
      (e: unknown) => e,
    );
    expect(tooLong).toBeInstanceOf(RateLimitError);
    expect((tooLong as Error).message).toContain("maxRetryAfterMs");
  });

  it("refuses a bad interval", async () => {
    await expect(waitUntilLive(poller([true]), { intervalMs: Number.NaN })).rejects.toBeInstanceOf(
      InvalidOptionError,
    );
  });
});

describe("jitteredInterval", () => {
  it("spreads ±20 % around the interval, above the floor", () => {
    expect(jitteredInterval(10_000, 5_000, () => 0)).toBe(8_000);
    expect(jitteredInterval(10_000, 5_000, () => 1)).toBe(12_000);
    expect(jitteredInterval(1, 5_000, () => 0.5)).toBe(5_000);
  });
});
