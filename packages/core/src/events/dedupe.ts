/** Splits a bigint into its two 32-bit halves without bigint arithmetic (nothing is allocated). */
const scratch = new BigInt64Array(1);
const halves = new Int32Array(scratch.buffer);
const minInt64 = -0x8000000000000000n;
const maxInt64 = 0x7fffffffffffffffn;

/** Slot of an id in a table of 2^(32 - shift) slots: a multiplicative hash of both halves, top bits. */
function home(lo: number, hi: number, shift: number): number {
  return Math.imul(lo ^ Math.imul(hi, 0x85ebca6b), 0x9e3779b1) >>> shift;
}

/** Slots of a new table; it grows up to 4 slots per remembered id (a quarter full at most). */
const minSlots = 16;

/**
 * Remembers the last `capacity` message ids so a batch replayed after a
 * reconnect does not fire events twice. Memory stays bounded: the oldest id
 * is forgotten first.
 *
 * Exact: an id is only ever reported as a repeat of the very same id. It is
 * an open-addressing hash table over typed arrays keyed by the id's two
 * 32-bit halves, both stored and compared, so no bigint is hashed, stored or
 * allocated per message (a `Set<bigint>` cost about 2.5× as much, see
 * docs/benchmarks.md). (0, 0) marks a free slot, which is free since id 0 is
 * never stored. Ids outside the int64 range (never on the wire, where
 * message ids are int64) are kept in a `Set<bigint>` on the side.
 */
export class MessageDedupe {
  /** Table of ids: low and high halves; both 0 = free slot. */
  private lo = new Int32Array(minSlots);
  private hi = new Int32Array(minSlots);
  private mask = minSlots - 1;
  private shift = 32 - Math.log2(minSlots);
  /** The remembered ids in arrival order (a ring), to know which one to forget next. */
  private ringLo = new Int32Array(minSlots);
  private ringHi = new Int32Array(minSlots);
  /** Ring entries that are ids outside int64, and those ids; created on the first such id. */
  private ringWide: Array<bigint | undefined> | undefined;
  private wide: Set<bigint> | undefined;
  private next = 0;
  private count = 0;

  constructor(readonly capacity = 4096) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`The dedupe capacity must be a positive integer, got ${capacity}`);
    }
  }

  /** True the first time an id is offered, false for repeats. Id 0 (unset) is never treated as a repeat. */
  firstTime(id: bigint): boolean {
    if (id === 0n) return true;
    if (id < minInt64 || id > maxInt64) return this.firstTimeWide(id);
    scratch[0] = id;
    const lo = halves[0]!;
    const hi = halves[1]!;
    const keysLo = this.lo;
    const keysHi = this.hi;
    const mask = this.mask;
    let i = home(lo, hi, this.shift);
    for (;;) {
      const l = keysLo[i]!;
      const h = keysHi[i]!;
      if (l === lo && h === hi) return false;
      if (l === 0 && h === 0) break;
      i = (i + 1) & mask;
    }
    this.remember(lo, hi, undefined, i);
    return true;
  }

  get size(): number {
    return this.count;
  }

  private firstTimeWide(id: bigint): boolean {
    if (this.wide?.has(id)) return false;
    this.wide ??= new Set();
    this.ringWide ??= [];
    this.remember(0, 0, id, -1);
    return true;
  }

  /** Adds an id at the ring's next position, forgetting the oldest when full. `slot`: its free table slot, or -1. */
  private remember(lo: number, hi: number, wide: bigint | undefined, slot: number): void {
    if (this.count === this.capacity) {
      this.forget(this.next);
      slot = -1; // forgetting may have moved entries
    } else {
      this.count++;
      if (this.count * 4 > this.mask + 1) {
        this.growTable();
        slot = -1;
      }
      if (this.next >= this.ringLo.length) this.growRing();
    }
    const at = this.next;
    this.next = at + 1 === this.capacity ? 0 : at + 1;
    if (this.ringWide) this.ringWide[at] = wide;
    if (wide !== undefined) {
      this.wide!.add(wide);
      return;
    }
    this.ringLo[at] = lo;
    this.ringHi[at] = hi;
    if (slot < 0) slot = this.freeSlot(lo, hi);
    this.lo[slot] = lo;
    this.hi[slot] = hi;
  }

  private freeSlot(lo: number, hi: number): number {
    const mask = this.mask;
    let i = home(lo, hi, this.shift);
    while (this.lo[i] !== 0 || this.hi[i] !== 0) i = (i + 1) & mask;
    return i;
  }

  /** Removes the id at ring position `at` from the table (linear probing: backward-shift deletion). */
  private forget(at: number): void {
    const wide = this.ringWide?.[at];
    if (wide !== undefined) {
      this.wide!.delete(wide);
      return;
    }
    const lo = this.ringLo[at]!;
    const hi = this.ringHi[at]!;
    const keysLo = this.lo;
    const keysHi = this.hi;
    const mask = this.mask;
    const shift = this.shift;
    let hole = home(lo, hi, shift);
    while (keysLo[hole] !== lo || keysHi[hole] !== hi) hole = (hole + 1) & mask;
    // Pull later entries of the cluster into the hole unless their home lies cyclically in (hole, j].
    for (let j = (hole + 1) & mask; ; j = (j + 1) & mask) {
      const l = keysLo[j]!;
      const h = keysHi[j]!;
      if (l === 0 && h === 0) break;
      const k = home(l, h, shift);
      if (hole <= j ? k <= hole || k > j : k <= hole && k > j) {
        keysLo[hole] = l;
        keysHi[hole] = h;
        hole = j;
      }
    }
    keysLo[hole] = 0;
    keysHi[hole] = 0;
  }

  private growTable(): void {
    const oldLo = this.lo;
    const oldHi = this.hi;
    const slots = oldLo.length * 2;
    this.lo = new Int32Array(slots);
    this.hi = new Int32Array(slots);
    this.mask = slots - 1;
    this.shift--;
    for (let k = 0; k < oldLo.length; k++) {
      const l = oldLo[k]!;
      const h = oldHi[k]!;
      if (l === 0 && h === 0) continue;
      const s = this.freeSlot(l, h);
      this.lo[s] = l;
      this.hi[s] = h;
    }
  }

  private growRing(): void {
    const length = Math.min(this.capacity, this.ringLo.length * 2);
    const lo = new Int32Array(length);
    const hi = new Int32Array(length);
    lo.set(this.ringLo);
    hi.set(this.ringHi);
    this.ringLo = lo;
    this.ringHi = hi;
  }
}
