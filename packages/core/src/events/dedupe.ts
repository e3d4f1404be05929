/**
 * Remembers the last `capacity` message ids so a batch replayed after a
 * reconnect does not fire events twice. Memory stays bounded: the oldest id
 * is forgotten first.
 */
export class MessageDedupe {
  private readonly seen = new Set<bigint>();
  private readonly order: bigint[];
  private next = 0;

  constructor(readonly capacity = 4096) {
    this.order = new Array<bigint>(capacity);
  }

  /** True the first time an id is offered, false for repeats. Id 0 (unset) is never treated as a repeat. */
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
