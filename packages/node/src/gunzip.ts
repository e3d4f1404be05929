import { Gunzip as GunzipStream, gunzipSync } from "node:zlib";
import type { Gunzip } from "@tiktok-live/core";
import { reusableZlibGunzip, type SyncGunzip } from "@tiktok-live/core/zlib-engine";

/** `gunzipSync` as a Uint8Array view: the path where the reusable engine is unavailable. */
function streamGunzip(data: Uint8Array, maxOutputBytes: number): Uint8Array {
  const out = gunzipSync(data, { maxOutputLength: maxOutputBytes });
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

let engine: SyncGunzip | undefined;

/**
 * Synchronous zlib: a push frame is a few KB, and a thread-pool round trip
 * per frame costs more than the inflate itself. One inflate engine is reused
 * for every frame (see core's `reusableZlibGunzip`), created on the first
 * frame so that importing the package allocates nothing. Throws when the
 * output would pass `maxOutputBytes`, so a gzip bomb never inflates into memory.
 */
export const nodeGunzip = (data: Uint8Array, maxOutputBytes: number): Uint8Array => {
  engine ??= reusableZlibGunzip(() => new GunzipStream()) ?? streamGunzip;
  return engine(data, maxOutputBytes);
};

nodeGunzip satisfies Gunzip;
