import { describe, expect, it } from "vitest";
import { MessageDedupe } from "../../src/events/dedupe.js";

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

describe("MessageDedupe exactness", () => {
  /** The structure the dedupe replaced, as the reference: a Set<bigint> and a ring. */
  function reference(capacity: number) {
    const seen = new Set<bigint>();
    const order: bigint[] = [];
    let next = 0;
    return (id: bigint): boolean => {
      if (id === 0n) return true;
      if (seen.has(id)) return false;
      const evicted = order[next];
      if (evicted !== undefined) seen.delete(evicted);
      order[next] = id;
      next = (next + 1) % capacity;
      seen.add(id);
      return true;
    };
  }

  function check(ids: bigint[], capacity: number): void {
    const want = reference(capacity);
    const d = new MessageDedupe(capacity);
    ids.forEach((id, i) => {
      expect(d.firstTime(id), `#${i}: ${id}`).toBe(want(id));
    });
  }

  const base = 7_400_000_000_000_000_000n;
  const hostile: bigint[] = [];
  for (let k = 0n; k < 100n; k++) {
    hostile.push(base + (k << 32n)); // same low 32 bits
    hostile.push((base & ~0xffffffffn) + k); // same high 32 bits
    hostile.push(base + k); // same value as a double (Number(base + k) rounds to a few values)
    hostile.push(-base - k, -(k << 32n) - 1n); // negative int64
  }
  hostile.push(0x7fffffffffffffffn, -0x8000000000000000n, 1n, -1n, 0n, 0n);
  // Outside int64: 2^64 + k has the same 64 bits as k, and must still not be taken for it.
  hostile.push(1n << 64n, (1n << 64n) + 1n, -(1n << 63n) - 1n, 1n << 100n, 1n, -1n);
  const replayed = [...hostile, ...hostile, ...hostile.slice().reverse()];

  it.each([1, 2, 3, 64, 4096])("never takes one id for another (capacity %i)", (capacity) => {
    check(replayed, capacity);
  });

  it("ids that differ only in their high or low 32 bits are different ids", () => {
    const d = new MessageDedupe(16);
    expect(d.firstTime(0x1_0000_0005n)).toBe(true);
    expect(d.firstTime(0x2_0000_0005n)).toBe(true);
    expect(d.firstTime(0x5n)).toBe(true);
    expect(d.firstTime(0x1_0000_0006n)).toBe(true);
    expect(d.firstTime(0x1_0000_0005n)).toBe(false);
    expect(d.firstTime(0x5n)).toBe(false);
    // 2^64 + 5 and -(2^64) + 5 share their 64 bits with 5 but are other ids.
    expect(d.firstTime((1n << 64n) + 5n)).toBe(true);
    expect(d.firstTime(-(1n << 64n) + 5n)).toBe(true);
    expect(d.firstTime((1n << 64n) + 5n)).toBe(false);
    expect(d.size).toBe(6);
  });

  it("matches the reference on long streams: increasing, interleaved with replays, random", () => {
    let seed = 11;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const ids: bigint[] = [];
    const sources = [base, 7_310_000_000_000_000_000n, 42n];
    for (let i = 0; i < 30_000; i++) {
      const r = rand();
      if (r < 0.05 && ids.length > 300) ids.push(ids[ids.length - 1 - Math.floor(rand() * 300)]!);
      else if (r < 0.1)
        ids.push((BigInt(Math.floor(rand() * 2 ** 31)) << 32n) | BigInt(Math.floor(rand() * 2 ** 32)));
      else {
        const s = Math.floor(rand() * sources.length);
        sources[s]! += 1n + BigInt(Math.floor(rand() * 1000));
        ids.push(sources[s]!);
      }
    }
    for (const capacity of [7, 256, 4096]) check(ids, capacity);
  });

  it("grows its table as ids arrive and stops at capacity", () => {
    const d = new MessageDedupe(100_000);
    let fresh = 0;
    for (let i = 1n; i <= 150_000n; i++) if (d.firstTime(base + i * 1024n)) fresh++;
    expect(fresh).toBe(150_000);
    expect(d.size).toBe(100_000);
    expect(d.firstTime(base + 150_000n * 1024n)).toBe(false);
    expect(d.firstTime(base + 50_001n * 1024n)).toBe(false);
    expect(d.firstTime(base + 50_000n * 1024n)).toBe(true);
  });

  it("rejects a capacity that is not a positive integer", () => {
    expect(() => new MessageDedupe(0)).toThrow(RangeError);
    expect(() => new MessageDedupe(2.5)).toThrow(RangeError);
  });
});
