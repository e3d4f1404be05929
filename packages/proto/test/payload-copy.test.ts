import { describe, expect, it } from "vitest";
import { ownBytes, slabBytes } from "../src/events/payload-copy.js";

/** A batch-like buffer with `n` payloads of `size` bytes side by side, each filled with its index. */
function batch(n: number, size: number): Uint8Array[] {
  const whole = new Uint8Array(n * size + 7);
  return Array.from({ length: n }, (_, i) => whole.subarray(7 + i * size, 7 + (i + 1) * size).fill(i + 1));
}

describe("ownBytes", () => {
  it("copies small payloads out of their batch into shared slabs no larger than slabBytes", () => {
    const views = batch(40, 1000);
    const copies = views.map(ownBytes);
    for (const [i, copy] of copies.entries()) {
      expect(copy).toEqual(views[i]);
      expect(copy.buffer).not.toBe(views[i]!.buffer);
      expect(copy.buffer.byteLength).toBeLessThanOrEqual(slabBytes);
    }
    // Side by side: fewer buffers than payloads.
    expect(new Set(copies.map((c) => c.buffer)).size).toBeLessThan(copies.length / 4);
    // The batch's buffer reused later does not change the copies.
    views[0]!.fill(0);
    expect(copies[0]!.every((b) => b === 1)).toBe(true);
  });

  it("gives a large payload a buffer of its own, and keeps a payload that already is its buffer", () => {
    const [large] = batch(1, slabBytes);
    const copy = ownBytes(large!);
    expect(copy).toEqual(large);
    expect(copy.buffer.byteLength).toBe(slabBytes);
    expect(copy.buffer).not.toBe(large!.buffer);
    const alone = new Uint8Array(10).fill(3);
    expect(ownBytes(alone)).toBe(alone);
  });
});
