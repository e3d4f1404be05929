/**
 * A synchronous gunzip may offer to inflate into a buffer it keeps from one
 * frame to the next. A fresh buffer per frame (about 34 KB on real-sized
 * traffic) is memory no cache has seen: writing it costs more than reusing
 * one that was just read. Events never keep the batch's bytes (they copy
 * their payload, payload-copy.ts), so after a batch is routed its buffer is
 * usually free again; the frame reader hands it back then, and only then.
 *
 * The offer is a member under a registered symbol on the gunzip function,
 * so `Gunzip` stays a plain function type and a custom gunzip simply lacks it.
 */
export const outputReuse: unique symbol = Symbol.for("@tiktok-live/core.outputReuse") as never;

export interface OutputReuse {
  /**
   * Inflates as the gunzip itself does, possibly into a buffer handed back
   * earlier with `release`. The result stays valid until it is released.
   */
  inflate(data: Uint8Array, maxOutputBytes: number): Uint8Array;
  /**
   * Hands back the buffer of an `inflate` result that nothing refers to
   * any more: the next `inflate` may write over it. Never call it for bytes
   * that something may still read.
   */
  release(body: Uint8Array): void;
}

/** The gunzip's offer to reuse its output buffer, if it makes one. */
export function outputReuseOf(gunzip: unknown): OutputReuse | undefined {
  const offer = (gunzip as { [outputReuse]?: OutputReuse } | undefined)?.[outputReuse];
  return typeof offer?.inflate === "function" && typeof offer.release === "function" ? offer : undefined;
}

/**
 * Gives the adapter's `gunzip` the reuse offer of the engine `engineOf()`
 * returns (the adapter creates its engine lazily: reading the offer creates
 * it), if that engine makes one.
 */
export function withOutputReuse<G extends object>(gunzip: G, engineOf: () => unknown): G {
  return Object.defineProperty(gunzip, outputReuse, { get: () => outputReuseOf(engineOf()) });
}
