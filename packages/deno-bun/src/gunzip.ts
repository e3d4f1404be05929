import type { Gunzip } from "@tiktok-live/core";
import { concatChunks } from "@tiktok-live/core/bytes";

/**
 * gzip through the web-standard DecompressionStream. Reading stops, and the
 * stream is cancelled, as soon as the output passes the limit, so a gzip bomb
 * costs at most one chunk over `maxOutputBytes`.
 */
export const webGunzip: Gunzip = async (data, maxOutputBytes) => {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new DecompressionStream("gzip"));
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxOutputBytes) {
      await reader.cancel();
      throw new RangeError(`Decompressed payload exceeds ${maxOutputBytes} bytes`);
    }
    chunks.push(value);
  }
  return concatChunks(chunks);
};
