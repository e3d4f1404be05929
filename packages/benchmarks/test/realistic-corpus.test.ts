import { busyStreamMix, mixedMessageFactory } from "@tiktok-live/testkit";
import { describe, expect, it } from "vitest";
import { realisticMessage, realisticSizes } from "../src/realistic-messages.js";
import { seeded } from "../src/seeded-random.js";

describe("the realistic corpus", () => {
  it("has every method's average payload size within ±20 % of the sizes measured on real traffic", () => {
    const make = mixedMessageFactory(busyStreamMix);
    const random = seeded(0x5eed);
    const sums = new Map<string, { bytes: number; count: number }>();
    for (let i = 0; i < 1500; i++) {
      const m = realisticMessage(make(i), random);
      const s = sums.get(m.method) ?? { bytes: 0, count: 0 };
      s.bytes += m.payload.length;
      s.count++;
      sums.set(m.method, s);
    }
    for (const [method, average] of Object.entries(realisticSizes)) {
      const s = sums.get(method);
      expect(s, method).toBeDefined();
      const measured = s!.bytes / s!.count;
      expect(measured / average, `${method}: ${measured.toFixed(0)} B against ${average} B`).toBeGreaterThan(
        0.8,
      );
      expect(measured / average, `${method}: ${measured.toFixed(0)} B against ${average} B`).toBeLessThan(
        1.2,
      );
    }
  });

  it("is the same every time (seeded)", () => {
    const make = mixedMessageFactory(busyStreamMix);
    // The testkit's builders stamp Date.now into each message, so one message feeds both.
    const light = make(7);
    const a = realisticMessage(light, seeded(1));
    const b = realisticMessage(light, seeded(1));
    expect([...a.payload]).toEqual([...b.payload]);
  });
});
