/**
 * Events copy their payload out of the decompressed batch, so that a kept
 * event does not keep the whole batch alive (about 34 KB on real-sized
 * traffic). A copy of its own per payload (`slice()`) allocates an
 * ArrayBuffer with an off-heap backing store per message, which was 6 % of
 * the full pass on the realistic corpus; small payloads are therefore copied
 * side by side into shared slabs instead. A kept event then keeps at most one
 * slab alive: the retention stays bounded by `slabBytes`, whatever the batch.
 */

/** Size of one shared slab: what one kept event can retain beyond its own bytes. */
export const slabBytes: number = 16 * 1024;
/** Payloads larger than this get a buffer of their own; a slab holds at least two of the shared ones. */
const sharedUpTo = slabBytes / 2;

let slab = new Uint8Array(0);
let used = 0;

/** The payload as bytes that do not keep its batch alive (a view into a shared slab, or its own buffer). */
export function ownBytes(payload: Uint8Array): Uint8Array {
  const n = payload.byteLength;
  if (n === payload.buffer.byteLength) return payload;
  if (n > sharedUpTo) return payload.slice();
  if (used + n > slab.length) {
    slab = new Uint8Array(slabBytes);
    used = 0;
  }
  const at = used;
  slab.set(payload, at);
  used = at + n;
  return slab.subarray(at, used);
}
