/**
 * Method names are the same few dozen strings in every batch. Decoding each
 * one from UTF-8 (a TextDecoder call and a new string per message) was a
 * fifth of the envelope's cost; this table hands back the string it made the
 * first time, found by a hash of the bytes and confirmed byte by byte.
 */
const decoder = new TextDecoder("utf-8", { fatal: false });

interface Entry {
  bytes: Uint8Array;
  name: string;
}

/** Hostile input must not grow the table without bound; past this, new names are decoded, not kept. */
const maxEntries = 1024;

export class MethodNames {
  private readonly byHash = new Map<number, Entry>();

  /** The string of `buf[start, end)`, interned when possible. */
  read(buf: Uint8Array, start: number, end: number): string {
    // FNV-1a over the bytes; short ASCII names, so a plain loop beats anything cleverer.
    let hash = 0x811c9dc5;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ buf[i]!, 0x01000193);
    const entry = this.byHash.get(hash);
    if (entry !== undefined && sameBytes(entry.bytes, buf, start, end)) return entry.name;
    const name = decoder.decode(buf.subarray(start, end));
    if (entry === undefined && this.byHash.size < maxEntries) {
      this.byHash.set(hash, { bytes: buf.slice(start, end), name });
    }
    return name;
  }

  get size(): number {
    return this.byHash.size;
  }
}

function sameBytes(known: Uint8Array, buf: Uint8Array, start: number, end: number): boolean {
  if (known.length !== end - start) return false;
  for (let i = 0; i < known.length; i++) if (known[i] !== buf[start + i]) return false;
  return true;
}
