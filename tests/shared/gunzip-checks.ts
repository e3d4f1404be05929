import { gunzipSync, gzipSync } from "node:zlib";

type Gunzip = (data: Uint8Array, maxOutputBytes: number) => Uint8Array | Promise<Uint8Array>;

/** Deterministic bytes: text-like runs and noise, so members of every compressibility come out. */
function sampleBytes(seed: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = (x >>> 0) % 4 === 0 ? x & 0xff : 97 + (i % 7);
  }
  return out;
}

async function outcome(run: () => Uint8Array | Promise<Uint8Array>): Promise<string> {
  try {
    return `bytes ${Buffer.from(await run()).toString("base64")}`;
  } catch (error) {
    return `throws ${error instanceof RangeError ? "RangeError" : "Error"}`;
  }
}

/**
 * The adapters' gunzips drive node:zlib internals (one reused engine) where
 * they find them and fall back elsewhere; Bun and Deno implement node:zlib
 * themselves. Either way a gunzip must agree with gunzipSync, on good and bad
 * members, frame after frame, and answer synchronously when `sync` is set
 * (proof that the engine, not the fallback, ran). Returns the first disagreement.
 */
export async function checkGunzip(gunzip: Gunzip, sync: boolean): Promise<string | undefined> {
  const cap = 1 << 20;
  const cases: Array<[string, Uint8Array, number]> = [];
  for (let i = 0; i < 40; i++) {
    const member = gzipSync(sampleBytes(i + 1, (i * 997) % 20_000), { level: i % 10 });
    cases.push([`member ${i}`, member, cap]);
    const corrupt = Uint8Array.from(member);
    corrupt[(i * 31) % corrupt.length]! ^= 1 + (i % 255);
    cases.push([`corrupt ${i}`, corrupt, cap]);
    cases.push([`truncated ${i}`, member.subarray(0, (i * 13) % member.length), cap]);
  }
  const big = gzipSync(sampleBytes(7, 50_000));
  cases.push(["concatenated members", Buffer.concat([big, gzipSync(sampleBytes(8, 10))]), cap]);
  cases.push(["at the cap", big, 50_000]);
  cases.push(["one byte over the cap", big, 49_999]);
  for (const [name, data, max] of cases) {
    const expected = await outcome(() => new Uint8Array(gunzipSync(data, { maxOutputLength: max })));
    let answer: Uint8Array | Promise<Uint8Array> | undefined;
    const actual = await outcome(() => {
      answer = gunzip(data, max);
      return answer;
    });
    if (actual !== expected) return `${name}: ${actual.slice(0, 60)}…, gunzipSync ${expected.slice(0, 60)}…`;
    if (sync && answer instanceof Promise) return `${name}: answered with a promise, so the fallback ran`;
  }
  return undefined;
}
