import { gunzipSync } from "node:zlib";
import type { Gunzip } from "@tiktok-live/core";

/**
 * Synchronous zlib: a push frame is a few KB, and a thread-pool round trip
 * per frame costs more than the inflate itself. `maxOutputLength` makes zlib
 * stop at the limit instead of inflating a gzip bomb into memory.
 */
export const nodeGunzip = (data: Uint8Array, maxOutputBytes: number): Uint8Array => {
  const out = gunzipSync(data, { maxOutputLength: maxOutputBytes });
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
};

nodeGunzip satisfies Gunzip;
