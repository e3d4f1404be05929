/**
 * Method names are the same few dozen strings in every batch. This table hands
 * back the string it made the first time instead of decoding UTF-8 again: no
 * allocation per message, and the router's map lookups then hit a string whose
 * hash V8 has already computed.
 */
const decoder = new TextDecoder("utf-8", { fatal: false });

/** Slots of the open-addressing table; kept at most half full. */
const slots = 2048;
const maxEntries = slots / 2;
/** Probes before giving up and just decoding: bounds the cost of crafted collisions. */
const maxProbes = 8;

export class MethodNames {
  private readonly keys: Array<Uint8Array | undefined> = new Array(slots).fill(undefined);
  private readonly names: string[] = new Array(slots).fill("");
  private entries = 0;

  /** The string of `buf[start, end)`, interned when possible. */
  read(buf: Uint8Array, start: number, end: number): string {
    const length = end - start;
    // Names share "Webcast…Message"; hashing the length and a few bytes after the prefix and
    // before the suffix separates them, and every hit is confirmed byte by byte below.
    let hash = length;
    for (let i = 7; i < 12 && i < length; i++) hash = (hash * 31 + buf[start + i]!) | 0;
    if (length > 12) hash = (hash * 31 + buf[end - 8]!) | 0;
    let slot = hash & (slots - 1);
    for (let probe = 0; probe < maxProbes; probe++) {
      const key = this.keys[slot];
      if (key === undefined) {
        const name = decoder.decode(buf.subarray(start, end));
        if (this.entries < maxEntries) {
          this.keys[slot] = buf.slice(start, end);
          this.names[slot] = name;
          this.entries++;
        }
        return name;
      }
      if (sameBytes(key, buf, start, end)) return this.names[slot]!;
      slot = (slot + 1) & (slots - 1);
    }
    return decoder.decode(buf.subarray(start, end));
  }

  /** Names kept so far. */
  get size(): number {
    return this.entries;
  }
}

function sameBytes(known: Uint8Array, buf: Uint8Array, start: number, end: number): boolean {
  if (known.length !== end - start) return false;
  for (let i = 0; i < known.length; i++) if (known[i] !== buf[start + i]) return false;
  return true;
}
