/// <reference types="node" />
import { Gunzip, gunzipSync, gzipSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { outputReuseOf, withOutputReuse } from "../../src/compression/output-reuse.js";
import { reusableZlibGunzip } from "../../src/compression/zlib-engine.js";

const engine = reusableZlibGunzip(() => new Gunzip())!;
/** n bytes of chat-like text (the × is two bytes in UTF-8). */
const text = (n: number) =>
  new TextEncoder().encode("viewer_42 sent a Rose ×1 ".repeat(Math.ceil(n / 25))).subarray(0, n);

/** What gunzipSync does with the same bytes: the bytes, or that it threw. */
function oracle(data: Uint8Array, max: number): Uint8Array | "throws" {
  try {
    return new Uint8Array(gunzipSync(data, { maxOutputLength: max }));
  } catch {
    return "throws";
  }
}

function attempt(data: Uint8Array, max: number): Uint8Array | "throws" {
  try {
    return new Uint8Array(engine(data, max));
  } catch {
    return "throws";
  }
}

describe("reusableZlibGunzip", () => {
  it("is available on this Node", () => {
    expect(engine).toBeTypeOf("function");
  });

  it("inflates exactly what gunzipSync inflates, frame after frame on one engine", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), fc.integer({ min: 0, max: 9 }), (bytes, level) => {
        const member = gzipSync(bytes, { level });
        expect(engine(member, 1 << 20)).toEqual(bytes);
      }),
      { numRuns: 300 },
    );
  });

  it("grows its buffer when the trailer's size hint is short: concatenated members", () => {
    const first = text(50_000);
    const second = text(10);
    const joined = Buffer.concat([gzipSync(first), gzipSync(second)]);
    // The trailer of the last member says 10 bytes; the output is 50,010.
    expect(engine(joined, 1 << 20)).toEqual(new Uint8Array(gunzipSync(joined)));
    expect(engine(joined, 1 << 20).length).toBe(50_010);
  });

  it("agrees with gunzipSync on corrupted, truncated and arbitrary bytes, and keeps working after each failure", () => {
    const good = gzipSync(text(3000));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 256 }),
          fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 1, max: 255 })).map(([at, xor]) => {
            const bad = Uint8Array.from(good);
            bad[at]! ^= xor;
            return bad;
          }),
          fc.nat(good.length - 1).map((cut) => good.subarray(0, cut)),
          fc.uint8Array({ minLength: 1, maxLength: 64 }).map((tail) => Buffer.concat([good, tail])),
        ),
        (data) => {
          expect(attempt(data, 1 << 20)).toEqual(oracle(data, 1 << 20));
          expect(engine(good, 1 << 20)).toEqual(text(3000));
        },
      ),
      { numRuns: 400 },
    );
  });

  it("names zlib's error like gunzipSync does", () => {
    const bad = Uint8Array.from(gzipSync(text(100)));
    bad[bad.length - 6]! ^= 0xff; // inside the CRC32
    expect(() => engine(bad, 1024)).toThrow(expect.objectContaining({ code: "Z_DATA_ERROR" }));
    expect(() => engine(gzipSync(text(100)).subarray(0, 30), 1024)).toThrow(/unexpected end of file/);
  });

  it("inflates members larger than its first buffer (over 1 MiB), growing as the output comes", () => {
    const big = text(3 * 1024 * 1024 + 5);
    const out = engine(gzipSync(big), 4 * 1024 * 1024);
    // Buffer.equals: toEqual walks 3 MB element by element for seconds.
    expect(out.length).toBe(big.length);
    expect(Buffer.from(out.buffer, out.byteOffset, out.length).equals(big)).toBe(true);
  });

  it("stops at the cap: exactly the cap inflates, one byte more is a RangeError", () => {
    const member = gzipSync(text(10_000));
    expect(engine(member, 10_000).length).toBe(10_000);
    expect(() => engine(member, 9_999)).toThrow(RangeError);
    expect(engine(member, 10_000)).toEqual(text(10_000));
  });

  it("never allocates more than the cap for a trailer that claims gigabytes", () => {
    const member = Uint8Array.from(gzipSync(new Uint8Array(10 * 1024 * 1024)));
    member.set([0xff, 0xff, 0xff, 0xff], member.length - 4);
    expect(() => engine(member, 64 * 1024)).toThrow(RangeError);
  });

  it("is undefined when the internals exist but do not inflate right (its self-test)", () => {
    // A handle with the right names whose writeSync writes garbage and reports all output used.
    const state = new Uint32Array(2);
    const liar = {
      _writeState: state,
      _handle: {
        writeSync(
          _flush: number,
          _input: Uint8Array,
          _inOff: number,
          _inLen: number,
          out: Uint8Array,
          outOff: number,
        ) {
          out.fill(0x41, outOff);
          state[0] = 1;
          state[1] = 0;
        },
        reset() {},
        onerror: undefined,
      },
    };
    expect(reusableZlibGunzip(() => liar)).toBeUndefined();
  });

  it("is undefined when node:zlib lacks the internals it drives", () => {
    expect(reusableZlibGunzip(() => ({}))).toBeUndefined();
    expect(
      reusableZlibGunzip(() => ({ _handle: { writeSync() {}, reset() {} }, _writeState: [0, 0] })),
    ).toBeUndefined();
    expect(
      reusableZlibGunzip(() => {
        throw new Error("no zlib here");
      }),
    ).toBeUndefined();
  });
});

describe("reusableZlibGunzip's output-reuse offer", () => {
  const offer = outputReuseOf(engine)!;
  const whole = (view: Uint8Array) => new Uint8Array(view.buffer);

  it("is made, and inflates what the engine inflates", () => {
    expect(offer).toBeDefined();
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => {
        expect(offer.inflate(gzipSync(bytes), 1 << 20)).toEqual(bytes);
      }),
      { numRuns: 100 },
    );
  });

  it("writes the next frame over a released buffer, with the old output past it zeroed", () => {
    const first = offer.inflate(gzipSync(text(5000)), 1 << 20);
    offer.release(first);
    const second = offer.inflate(gzipSync(text(100)), 1 << 20);
    expect(second.buffer).toBe(first.buffer);
    expect(second).toEqual(text(100));
    expect(
      whole(second)
        .subarray(100)
        .every((b) => b === 0),
    ).toBe(true);
  });

  it("never writes over output that was not released", () => {
    const kept = offer.inflate(gzipSync(text(3000)), 1 << 20);
    const next = offer.inflate(gzipSync(text(10)), 1 << 20);
    expect(next.buffer).not.toBe(kept.buffer);
    expect(kept).toEqual(text(3000));
  });

  it("keeps every unreleased result intact over any sequence of frames, released or not", () => {
    // Buffer.equals: toEqual walks kilobytes element by element, slowly.
    const same = (out: Uint8Array, size: number) =>
      Buffer.from(out.buffer, out.byteOffset, out.length).equals(text(size));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 20_000 }), fc.boolean()), {
          minLength: 1,
          maxLength: 20,
        }),
        (frames) => {
          const kept: Array<[Uint8Array, number]> = [];
          for (const [size, release] of frames) {
            const out = offer.inflate(gzipSync(text(size)), 1 << 20);
            expect(same(out, size)).toBe(true);
            if (release) offer.release(out);
            else kept.push([out, size]);
          }
          for (const [out, size] of kept) expect(same(out, size)).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("does not lift the cap when the released buffer is larger than it", () => {
    offer.release(offer.inflate(gzipSync(text(50_000)), 1 << 20));
    const member = gzipSync(text(2000));
    expect(() => offer.inflate(member, 1999)).toThrow(RangeError);
    expect(offer.inflate(member, 2000)).toEqual(text(2000));
  });

  it("ignores views that do not start their buffer, and buffers over 1 MiB", () => {
    const out = offer.inflate(gzipSync(text(4000)), 1 << 20);
    offer.release(out.subarray(1));
    expect(offer.inflate(gzipSync(text(10)), 1 << 20).buffer).not.toBe(out.buffer);
    const big = offer.inflate(gzipSync(text(2 * 1024 * 1024)), 4 << 20);
    offer.release(big);
    expect(offer.inflate(gzipSync(text(10)), 1 << 20).buffer).not.toBe(big.buffer);
  });

  it("passes through an adapter's lazily created engine; an engine without one makes none", () => {
    let created = 0;
    const lazy = withOutputReuse(
      (data: Uint8Array, max: number) => engine(data, max),
      () => {
        created++;
        return engine;
      },
    );
    expect(created).toBe(0);
    expect(outputReuseOf(lazy)?.inflate(gzipSync(text(10)), 1024)).toEqual(text(10));
    const plain = withOutputReuse(
      (data: Uint8Array, max: number) => new Uint8Array(gunzipSync(data, { maxOutputLength: max })),
      () => (data: Uint8Array) => data,
    );
    expect(outputReuseOf(plain)).toBeUndefined();
  });
});
