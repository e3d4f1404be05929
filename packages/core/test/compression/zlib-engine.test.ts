/// <reference types="node" />
import { Gunzip, gunzipSync, gzipSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
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
