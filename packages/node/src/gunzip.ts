import { Gunzip as GunzipStream, gunzipSync } from "node:zlib";
import type { Gunzip } from "@tiktok-live/core";
import { reusableZlibGunzip, type SyncGunzip, withOutputReuse } from "@tiktok-live/core/zlib-engine";

/** `gunzipSync` as a Uint8Array view: the path where the reusable engine is unavailable. */
function streamGunzip(data: Uint8Array, maxOutputBytes: number): Uint8Array {
  const out = gunzipSync(data, { maxOutputLength: maxOutputBytes });
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

let engine: SyncGunzip | undefined;
const engineOf = (): SyncGunzip => (engine ??= reusableZlibGunzip(() => new GunzipStream()) ?? streamGunzip);

/**
 * Synchronous zlib: a push frame is a few KB, and a thread-pool round trip
 * per frame costs more than the inflate itself. One inflate engine is reused
 * for every frame (see core's `reusableZlibGunzip`), created on the first
 * frame so that importing the package allocates nothing. Throws when the
 * output would pass `maxOutputBytes`, so a gzip bomb never inflates into memory.
 * The client inflates through the engine's output-reuse offer (core's
 * output-reuse.ts), which this function carries.
 */
export const nodeGunzip = withOutputReuse(
  (data: Uint8Array, maxOutputBytes: number): Uint8Array => engineOf()(data, maxOutputBytes),
  engineOf,
);

nodeGunzip satisfies Gunzip;
