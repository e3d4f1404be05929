import { MessageDedupe } from "@tiktok-live/core";
import { median } from "./harness.js";
import { seeded } from "./seeded-random.js";

/**
 * Micro-benchmark of message-id dedupe structures with the exact semantics of
 * core's `MessageDedupe`: remember the last `capacity` distinct ids (oldest
 * forgotten first), never treat id 0 as a repeat, and never treat two
 * different ids as the same one. Every candidate is checked against the
 * reference (`SetDedupe`, the structure core used first) on every stream
 * before it is timed.
 *
 * This is the one micro-benchmark of the suite: the dedupe is a few hundred
 * nanoseconds per message, far too little to see in a pass over the corpus.
 */
export interface Dedupe {
  firstTime(id: bigint): boolean;
  readonly size: number;
}

/** The reference: a Set<bigint> and a ring of the ids in arrival order. */
export class SetDedupe implements Dedupe {
  private readonly seen = new Set<bigint>();
  private readonly order: bigint[];
  private next = 0;

  constructor(readonly capacity: number) {
    this.order = new Array<bigint>(capacity);
  }

  firstTime(id: bigint): boolean {
    if (id === 0n) return true;
    if (this.seen.has(id)) return false;
    const evicted = this.order[this.next];
    if (evicted !== undefined) this.seen.delete(evicted);
    this.order[this.next] = id;
    this.next = (this.next + 1) % this.capacity;
    this.seen.add(id);
    return true;
  }

  get size(): number {
    return this.seen.size;
  }
}

/** Keyed by the decimal string of the id. */
export class StringDedupe implements Dedupe {
  private readonly seen = new Set<string>();
  private readonly order: string[];
  private next = 0;

  constructor(readonly capacity: number) {
    this.order = new Array<string>(capacity);
  }

  firstTime(id: bigint): boolean {
    if (id === 0n) return true;
    const key = id.toString();
    if (this.seen.has(key)) return false;
    const evicted = this.order[this.next];
    if (evicted !== undefined) this.seen.delete(evicted);
    this.order[this.next] = key;
    this.next = (this.next + 1) % this.capacity;
    this.seen.add(key);
    return true;
  }

  get size(): number {
    return this.seen.size;
  }
}

/**
 * Ids bucketed under a number key, verified with the bigint: the key → the
 * ids with that key. The two candidates below differ only in the key.
 */
abstract class NumberBucketDedupe implements Dedupe {
  private readonly seen = new Map<number, bigint | bigint[]>();
  private readonly order: bigint[];
  private next = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    this.order = new Array<bigint>(capacity);
  }

  protected abstract key(id: bigint): number;

  firstTime(id: bigint): boolean {
    if (id === 0n) return true;
    const key = this.key(id);
    const slot = this.seen.get(key);
    if (slot !== undefined) {
      if (slot === id) return false;
      if (typeof slot !== "bigint" && slot.includes(id)) return false;
    }
    const evicted = this.order[this.next];
    if (evicted !== undefined) this.remove(evicted);
    this.order[this.next] = id;
    this.next = (this.next + 1) % this.capacity;
    const now = this.seen.get(key);
    if (now === undefined) this.seen.set(key, id);
    else if (typeof now === "bigint") this.seen.set(key, [now, id]);
    else now.push(id);
    this.count++;
    return true;
  }

  private remove(id: bigint): void {
    const key = this.key(id);
    const slot = this.seen.get(key)!;
    if (typeof slot === "bigint") this.seen.delete(key);
    else {
      slot.splice(slot.indexOf(id), 1);
      if (slot.length === 1) this.seen.set(key, slot[0]!);
    }
    this.count--;
  }

  get size(): number {
    return this.count;
  }
}

/** `Number(id)`: the id rounded to a double, so neighbouring ids can share a key. */
export class NumberKeyDedupe extends NumberBucketDedupe {
  protected key(id: bigint): number {
    return Number(id);
  }
}

const scratch = new BigInt64Array(1);
const halves = new Int32Array(scratch.buffer);

/** The low 32 bits of the id, read through a BigInt64Array (no bigint arithmetic). */
export class LowBitsKeyDedupe extends NumberBucketDedupe {
  protected key(id: bigint): number {
    scratch[0] = id;
    return halves[0]!;
  }
}

/** The candidates, by name; "core MessageDedupe" is whatever core ships now. */
export const dedupeCandidates: Array<{ name: string; make: (capacity: number) => Dedupe }> = [
  { name: "Set<bigint> + ring (reference)", make: (c) => new SetDedupe(c) },
  { name: "Set<string> (id.toString())", make: (c) => new StringDedupe(c) },
  { name: "Map<Number(id), bigint…> + bigint check", make: (c) => new NumberKeyDedupe(c) },
  { name: "Map<low 32 bits, bigint…> + bigint check", make: (c) => new LowBitsKeyDedupe(c) },
  { name: "core MessageDedupe (open addressing on the 32-bit halves)", make: (c) => new MessageDedupe(c) },
];

/**
 * Id streams: the corpus's own ids (increasing), a live-like stream
 * (several increasing id sources interleaved, 2 % replays of recent ids as
 * after a resume, some id 0), and random 63-bit ids. Plus a hostile stream
 * for the exactness check only: ids that share their low 32 bits, their
 * high 32 bits, or their value as a double.
 */
export function idStreams(corpusIds: bigint[], length: number): Array<{ name: string; ids: bigint[] }> {
  const rand = seeded(0xd1d);
  const live: bigint[] = [];
  const sources = [7_400_000_000_000_000_000n, 7_310_000_000_000_000_000n, 7_455_000_000_000_000_000n];
  for (let i = 0; i < length; i++) {
    const r = rand();
    if (r < 0.02 && live.length > 10) live.push(live[live.length - 1 - Math.floor(rand() * 10)]!);
    else if (r < 0.025) live.push(0n);
    else {
      const s = Math.floor(rand() * sources.length);
      sources[s]! += 1n + BigInt(Math.floor(rand() * 100_000));
      live.push(sources[s]!);
    }
  }
  const random: bigint[] = [];
  for (let i = 0; i < length; i++) {
    random.push((BigInt(Math.floor(rand() * 2 ** 31)) << 32n) | BigInt(Math.floor(rand() * 2 ** 32)));
  }
  const corpus: bigint[] = [];
  while (corpus.length < length) corpus.push(...corpusIds.slice(0, length - corpus.length));
  return [
    { name: "corpus ids (increasing)", ids: corpus },
    { name: "live-like (interleaved sources, replays)", ids: live },
    { name: "random 63-bit", ids: random },
  ];
}

export function hostileIds(): bigint[] {
  const base = 7_400_000_000_000_000_000n;
  const ids: bigint[] = [];
  for (let k = 0n; k < 64n; k++) {
    ids.push(base + (k << 32n)); // same low 32 bits
    ids.push((base & ~0xffffffffn) + k); // same high 32 bits
    ids.push(base + k); // same double: Number(base + k) is the same for many k
    ids.push(-base - k); // negative int64
    ids.push(-(k << 32n) - 1n);
  }
  ids.push(0x7fffffffffffffffn, -0x8000000000000000n, 1n, -1n, 0n, 0n);
  // Outside int64 (never on the wire, still exact): 2^64 + k aliases k in 64 bits.
  ids.push(1n << 64n, (1n << 64n) + 1n, -(1n << 63n) - 1n, 1n << 100n);
  // Replays of everything above, then again after the ring has moved on.
  return [...ids, ...ids, ...ids.slice().reverse()];
}

/** Throws unless `candidate` answers exactly like the reference on every id. */
export function checkExact(make: (capacity: number) => Dedupe, ids: bigint[], capacity: number): void {
  const ref = new SetDedupe(capacity);
  const d = make(capacity);
  for (let i = 0; i < ids.length; i++) {
    const want = ref.firstTime(ids[i]!);
    const got = d.firstTime(ids[i]!);
    if (want !== got || ref.size !== d.size) {
      throw new Error(
        `dedupe mismatch at #${i} (id ${ids[i]}): ${got}/${d.size} instead of ${want}/${ref.size}`,
      );
    }
  }
}

export interface DedupeFigures {
  name: string;
  /** Median nanoseconds per id, by stream name. */
  nsPerId: Record<string, number>;
}

/**
 * ns per `firstTime` call for each candidate and stream: `rounds` rounds,
 * candidates interleaved (order rotated), one fresh dedupe per sample, median.
 */
export function dedupeMicro(
  corpusIds: bigint[],
  options: { length: number; rounds: number },
): DedupeFigures[] {
  const capacity = 4096;
  const streams = idStreams(corpusIds, options.length);
  const hostile = hostileIds();
  for (const c of dedupeCandidates) {
    for (const s of streams) checkExact(c.make, s.ids, capacity);
    for (const cap of [1, 3, 64]) checkExact(c.make, hostile, cap);
    checkExact(c.make, hostile, capacity);
  }
  const samples = new Map<string, number[]>();
  let sink = 0;
  for (let round = 0; round <= options.rounds; round++) {
    for (let k = 0; k < dedupeCandidates.length; k++) {
      const c = dedupeCandidates[(k + round) % dedupeCandidates.length]!;
      for (const s of streams) {
        const d = c.make(capacity);
        const ids = s.ids;
        const t0 = performance.now();
        for (let i = 0; i < ids.length; i++) if (d.firstTime(ids[i]!)) sink++;
        const ns = ((performance.now() - t0) * 1e6) / ids.length;
        if (round === 0) continue; // warm-up
        const key = `${c.name}\u0000${s.name}`;
        samples.set(key, [...(samples.get(key) ?? []), ns]);
      }
    }
  }
  if (sink < 0) console.log(sink);
  return dedupeCandidates.map((c) => ({
    name: c.name,
    nsPerId: Object.fromEntries(
      streams.map((s) => [s.name, median(samples.get(`${c.name}\u0000${s.name}`) ?? [Number.NaN])]),
    ),
  }));
}
