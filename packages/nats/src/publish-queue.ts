import type { JetStreamClient } from "@nats-io/jetstream";

/** One event waiting for its publish to be acknowledged. */
export interface Outgoing {
  subject: string;
  data: Uint8Array;
  msgID: string | undefined;
  /** Room key (uniqueId) and the resume cursor that is safe once this event is stored. */
  room: string;
  cursor: string | undefined;
  acked: boolean;
}

export interface PublishQueueOptions {
  /** Publishes awaiting their ack at once. */
  window: number;
  /** Events held (in flight or waiting) before new ones overflow. */
  capacity: number;
  /** Timeout of one publish. */
  ackTimeoutMs: number;
  onStored(item: Outgoing, duplicate: boolean): void;
  /** This item and every one before it are stored: its cursor is safe to save. */
  onCommitted(item: Outgoing): void;
  onRetry(error: unknown): void;
}

/**
 * Publishes in order with a bounded window of pending acks. When a publish
 * fails (NATS away, a timeout), sending stops, the in-flight ones settle, and
 * everything not acknowledged is sent again from the oldest, in order: the
 * server's duplicate window drops the ones it had stored, so nothing is lost,
 * doubled or reordered. Entries leave the queue in order once acknowledged.
 */
export class PublishQueue {
  #items: Array<Outgoing | undefined> = [];
  #head = 0;
  #next = 0;
  #inflight = 0;
  #broken = false;
  #retryDelay = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #idle: Array<() => void> = [];
  #closed = false;

  constructor(
    private readonly js: JetStreamClient,
    private readonly options: PublishQueueOptions,
  ) {}

  /** Events held: in flight plus waiting. */
  get size(): number {
    return this.#items.length - this.#head;
  }

  get inflight(): number {
    return this.#inflight;
  }

  /** False when full: the caller counts and reports the overflow. */
  offer(item: Outgoing): boolean {
    if (this.size >= this.options.capacity) return false;
    this.#items.push(item);
    this.#pump();
    return true;
  }

  /** Resolves once everything offered so far is acknowledged. */
  flushed(): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  close(): void {
    this.#closed = true;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
  }

  #pump(): void {
    while (
      !this.#broken &&
      !this.#closed &&
      this.#inflight < this.options.window &&
      this.#next < this.#items.length
    ) {
      const item = this.#items[this.#next++]!;
      if (item.acked) continue;
      this.#inflight++;
      this.js
        .publish(item.subject, item.data, {
          timeout: this.options.ackTimeoutMs,
          ...(item.msgID ? { msgID: item.msgID } : {}),
        })
        .then(
          (ack) => this.#settled(item, ack.duplicate, undefined),
          (error: unknown) => this.#settled(item, false, error),
        );
    }
  }

  #settled(item: Outgoing, duplicate: boolean, error: unknown): void {
    this.#inflight--;
    if (error === undefined) {
      if (!item.acked) {
        item.acked = true;
        this.options.onStored(item, duplicate);
      }
      this.#retryDelay = 0;
      this.#advance();
    } else if (!this.#broken) {
      this.#broken = true;
      this.options.onRetry(error);
    }
    if (this.#broken && this.#inflight === 0) this.#scheduleRetry();
    else this.#pump();
  }

  #advance(): void {
    while (this.#head < this.#items.length && this.#items[this.#head]?.acked) {
      this.options.onCommitted(this.#items[this.#head]!);
      this.#items[this.#head++] = undefined;
    }
    // Compact now and then so the array does not grow without end.
    if (this.#head > 4096 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#next -= this.#head;
      this.#head = 0;
    }
    if (this.size === 0) {
      const waiters = this.#idle;
      this.#idle = [];
      for (const w of waiters) w();
    }
  }

  #scheduleRetry(): void {
    if (this.#retryTimer || this.#closed) return;
    this.#retryDelay = Math.min(2_000, Math.max(100, this.#retryDelay * 2));
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      this.#broken = false;
      this.#next = this.#head;
      this.#pump();
    }, this.#retryDelay);
  }
}
