/**
 * Entry `@tiktok-live/core/zlib-engine`, apart from core's main entry: only adapters with
 * `node:zlib` import it (decision 007).
 * @module
 */

import { type OutputReuse, outputReuse } from "./output-reuse.js";

export { type OutputReuse, outputReuseOf, withOutputReuse } from "./output-reuse.js";

/**
 * The native half of a node:zlib stream. Not public API of any runtime: every
 * member is checked before use, and `reusableZlibGunzip` returns undefined
 * when one is missing so the adapter falls back to its other gunzip.
 */
interface ZlibHandle {
  writeSync(
    flush: number,
    input: Uint8Array,
    inOffset: number,
    inLength: number,
    output: Uint8Array,
    outOffset: number,
    outLength: number,
  ): void;
  reset(): void;
  onerror: ((message: string, errno: number) => void) | undefined;
}

interface ZlibStreamInternals {
  _handle?: unknown;
  /** [avail_out, avail_in] after the last writeSync. */
  _writeState?: unknown;
}

/** A gunzip that answers synchronously: frames are then handled inside the socket's message callback. */
export type SyncGunzip = (data: Uint8Array, maxOutputBytes: number) => Uint8Array;

/** Deflate cannot compress better than about 1032:1, so a larger ISIZE is a lie. */
const maxDeflateRatio = 1032;
/** gzip header (10) + empty deflate block (2) + CRC32 and ISIZE (8). */
const minGzipMember = 18;
const minGuess = 64;
/**
 * The trailer is the sender's word: a hostile frame could claim the whole cap
 * (32 MiB by default) for every few KB it sends. Start no larger than this and
 * grow when the output really is larger, as real frames (about 10 KB) never are.
 */
const maxGuess = 1 << 20;
/** A buffer handed back for reuse is kept only up to this size (a hostile frame's must not stay). */
const maxSpare = maxGuess;

/** zlib.h's flush value and error codes (fixed by zlib itself, the same in every runtime). */
const zFinish = 4;
const zlibCodes: Record<number, string> = {
  2: "Z_NEED_DICT",
  [-1]: "Z_ERRNO",
  [-2]: "Z_STREAM_ERROR",
  [-3]: "Z_DATA_ERROR",
  [-4]: "Z_MEM_ERROR",
  [-5]: "Z_BUF_ERROR",
  [-6]: "Z_VERSION_ERROR",
};

/** gzip("tiktok-live zlib engine self-test"), level 9: inflated twice before the engine is trusted. */
const probeText = "tiktok-live zlib engine self-test";
// biome-ignore format: a byte table
const probeMember = Uint8Array.of(
  31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 43, 201, 204, 46, 201, 207, 214, 205, 201, 44, 75, 85, 168, 202, 201, 76, 82, 72,
  205, 75, 207, 204, 75, 85, 40, 78, 205, 73, 211, 45, 73, 45, 46, 1, 0, 225, 135, 102, 168, 33, 0, 0, 0,
);

/**
 * Whether the engine inflates a known member right, twice (so `reset()` works
 * too): the internals it drives could keep their names in some runtime version
 * and change what they do.
 */
function passesSelfTest(inflate: SyncGunzip): boolean {
  try {
    const decoder = new TextDecoder();
    return (
      decoder.decode(inflate(probeMember, 1024)) === probeText &&
      decoder.decode(inflate(probeMember, 1024)) === probeText
    );
  } catch {
    return false;
  }
}

function isHandle(value: unknown): value is ZlibHandle {
  const h = value as Partial<ZlibHandle> | null;
  return typeof h?.writeSync === "function" && typeof h.reset === "function";
}

/** The error gunzipSync would throw: message from zlib, `errno` and `code` (e.g. Z_DATA_ERROR). */
function zlibError(message: string, errno: number): Error {
  const error = new Error(message) as Error & { errno: number; code: string | undefined };
  error.errno = errno;
  error.code = zlibCodes[errno];
  return error;
}

/**
 * A gunzip that keeps one zlib inflate engine for every frame instead of
 * building a stream, its 16 KiB output buffer and a native context per call,
 * which is most of what `gunzipSync` costs on a frame of a few KB (and a
 * tenth of what a `DecompressionStream` costs on Deno). Output goes
 * straight into one buffer sized from the gzip trailer's ISIZE (a hint only:
 * it is capped, and the buffer grows when the hint is short). zlib still
 * checks the CRC32 and length, and the engine is reset after every frame,
 * failed or not.
 *
 * `makeStream` is the adapter's `() => new zlib.Gunzip()` from `node:zlib`
 * (Node, Deno and Bun all have one); core itself imports nothing from
 * `node:`. Synchronous and never re-entered, so one engine can serve every
 * client in the process. Returns undefined when the stream lacks the
 * internals this drives, or when they do not inflate a known member right.
 *
 * The function also makes the output-reuse offer (output-reuse.ts): one
 * buffer handed back after a frame is written over by the next `inflate`
 * through the offer, which keeps the output in memory the cache has seen.
 */
export function reusableZlibGunzip(makeStream: () => unknown): SyncGunzip | undefined {
  let stream: ZlibStreamInternals;
  try {
    stream = makeStream() as ZlibStreamInternals;
  } catch {
    return undefined;
  }
  const handle = stream._handle;
  const state = stream._writeState;
  if (!isHandle(handle) || !(state instanceof Uint32Array) || state.length < 2) return undefined;

  let failure: Error | undefined;
  // zlib reports errors synchronously from inside writeSync through this hook.
  handle.onerror = (message, errno) => {
    failure = zlibError(message, errno);
  };

  /** Inflates `data` into `first` (grown when short); returns the output, a view from its start. */
  const inflateInto = (data: Uint8Array, maxOutputBytes: number, first: Uint8Array | undefined) => {
    const n = data.length;
    const isize =
      n >= minGzipMember
        ? (data[n - 4]! | (data[n - 3]! << 8) | (data[n - 2]! << 16) | (data[n - 1]! << 24)) >>> 0
        : 0;
    // One byte over the expected size: a buffer left with room proves the stream ended.
    const limit = maxOutputBytes + 1;
    const guess = Math.min(isize, n * maxDeflateRatio, maxGuess) + 1;
    const size = Math.min(Math.max(guess, minGuess), limit);
    // A reused buffer may be larger than the limit: only the limit's worth of it is offered to zlib.
    let out =
      first !== undefined && first.length >= size
        ? first.subarray(0, Math.min(first.length, limit))
        : new Uint8Array(size);
    let produced = 0;
    let inOffset = 0;
    failure = undefined;
    try {
      for (;;) {
        const room = out.length - produced;
        handle.writeSync(zFinish, data, inOffset, n - inOffset, out, produced, room);
        if (failure) throw failure;
        produced += room - state[0]!;
        inOffset = n - state[1]!;
        if (state[0]! > 0) break;
        if (out.length >= limit) {
          throw new RangeError(`Cannot inflate a gzip member larger than ${maxOutputBytes} bytes`);
        }
        const grown = new Uint8Array(Math.min(out.length * 2, limit));
        grown.set(out);
        out = grown;
      }
    } finally {
      handle.reset();
    }
    return out.subarray(0, produced);
  };

  const inflate: SyncGunzip = (data, maxOutputBytes) => inflateInto(data, maxOutputBytes, undefined);

  /** A buffer handed back by `release`, and how much of it holds old output. */
  let spare: Uint8Array | undefined;
  let spareDirty = 0;
  const offer: OutputReuse = {
    inflate(data, maxOutputBytes) {
      const reused = spare;
      const dirty = spareDirty;
      spare = undefined;
      const body = inflateInto(data, maxOutputBytes, reused);
      // Old output past this one (another frame's, maybe another client's) must not be reachable
      // through `body.buffer` if the body is kept.
      if (reused !== undefined && body.buffer === reused.buffer && dirty > body.length)
        reused.fill(0, body.length, dirty);
      return body;
    },
    release(body) {
      // Only a whole buffer from `inflate` (a view from its start), and not an outsized one.
      if (body.byteOffset !== 0 || body.buffer.byteLength > maxSpare) return;
      if (spare !== undefined && spare.byteLength >= body.buffer.byteLength) return;
      spare = new Uint8Array(body.buffer);
      spareDirty = body.length;
    },
  };
  if (!passesSelfTest(inflate)) return undefined;
  return Object.assign(inflate, { [outputReuse]: offer });
}
