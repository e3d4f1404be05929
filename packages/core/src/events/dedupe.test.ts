import { describe, expect, it } from "vitest";
import { MessageDedupe } from "./dedupe.js";

describe("MessageDedupe", () => {
  it("accepts an id once and rejects its repeats", () => {
    const d = new MessageDedupe(8);
    expect(d.firstTime(7400000000000000001n)).toBe(true);
    expect(d.firstTime(7400000000000000002n)).toBe(true);
    expect(d.firstTime(7400000000000000001n)).toBe(false);
    expect(d.firstTime(7400000000000000001n)).toBe(false);
    expect(d.firstTime(7400000000000000002n)).toBe(false);
    expect(d.size).toBe(2);
  });

  it("never treats id 0 (unset) as a repeat and does not store it", () => {
    const d = new MessageDedupe(2);
    for (let i = 0; i < 5; i++) expect(d.firstTime(0n)).toBe(true);
    expect(d.size).toBe(0);
    d.firstTime(1n);
    d.firstTime(2n);
    // Id 0 did not take a slot, so neither 1 nor 2 was evicted.
    expect(d.firstTime(1n)).toBe(false);
    expect(d.firstTime(2n)).toBe(false);
  });

  it("past capacity forgets the oldest id first", () => {
    const d = new MessageDedupe(3);
    for (const id of [1n, 2n, 3n, 4n]) expect(d.firstTime(id)).toBe(true);
    expect(d.size).toBe(3);
    // 1 was evicted, 2..4 are still remembered.
    expect(d.firstTime(2n)).toBe(false);
    expect(d.firstTime(3n)).toBe(false);
    expect(d.firstTime(4n)).toBe(false);
    expect(d.firstTime(1n)).toBe(true); // now 2 is evicted
    expect(d.firstTime(3n)).toBe(false);
    expect(d.firstTime(2n)).toBe(true); // now 3 is evicted
    expect(d.firstTime(3n)).toBe(true);
  });

  it("memory stays bounded: size never exceeds capacity over a long stream", () => {
    const capacity = 64;
    const d = new MessageDedupe(capacity);
    let max = 0;
    for (let i = 1n; i <= 10_000n; i++) {
      expect(d.firstTime(i)).toBe(true);
      // A repeat of something recent is still caught.
      if (i > 10n) expect(d.firstTime(i - 10n)).toBe(false);
      max = Math.max(max, d.size);
    }
    expect(max).toBe(capacity);
    expect(d.size).toBe(capacity);
    // Exactly the last `capacity` ids are remembered.
    expect(d.firstTime(10_000n - BigInt(capacity) + 1n)).toBe(false);
    expect(d.firstTime(10_000n - BigInt(capacity))).toBe(true);
  });

  it("defaults to a capacity of 4096", () => {
    const d = new MessageDedupe();
    expect(d.capacity).toBe(4096);
    for (let i = 1n; i <= 5000n; i++) d.firstTime(i);
    expect(d.size).toBe(4096);
  });
});
