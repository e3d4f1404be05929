import { describe, expect, it } from "vitest";
import { concatChunks } from "../../src/bytes/index.js";

describe("concatChunks", () => {
  it("joins chunks in order, whatever their sizes", () => {
    const out = concatChunks([
      new Uint8Array([1, 2]),
      new Uint8Array(0),
      new Uint8Array([3]),
      new Uint8Array([4, 5, 6]),
    ]);
    expect([...out]).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("gives a single chunk back as it is, without a copy", () => {
    const only = new Uint8Array([9, 8, 7]);
    expect(concatChunks([only])).toBe(only);
  });

  it("gives an empty array for no chunks", () => {
    expect(concatChunks([])).toEqual(new Uint8Array(0));
  });

  it("copies views at their own offsets, not their buffers' starts", () => {
    const buffer = new Uint8Array([0, 1, 2, 3, 4, 5]);
    const out = concatChunks([buffer.subarray(4), buffer.subarray(1, 3)]);
    expect([...out]).toEqual([4, 5, 1, 2]);
  });
});
