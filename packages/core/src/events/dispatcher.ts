import type { BaseEvent } from "@tiktok-live/proto";
import type { Logger } from "../capabilities.js";
import { HandlerError, type TikTokLiveError } from "../errors/errors.js";

/** Handlers of every event type share one table; `never` accepts any handler signature. */
type AnyHandler = (value: never) => unknown;

export interface QueuePolicy {
  /** Events waiting while async handlers run; past this the oldest waiting event is dropped. */
  maxQueuedEvents: number;
}

export const defaultQueuePolicy: QueuePolicy = { maxQueuedEvents: 10_000 };

/**
 * Calls handlers in event order. A handler may be async: the next event waits
 * until every handler of the current one has settled, so order holds end to
 * end. While waiting, events queue up to `maxQueuedEvents`; beyond that the
 * oldest queued event is dropped and counted in `droppedEvents`.
 *
 * A handler that throws or rejects is reported to the `error` listeners as a
 * HandlerError carrying the event, and never stops other handlers.
 */
export class EventDispatcher {
  private readonly handlers = new Map<string, AnyHandler[]>();
  private readonly queue: BaseEvent[] = [];
  private draining = false;
  /** Handlers running synchronously right now (above 0 inside a handler's synchronous part). */
  private invoking = 0;
  private idleWaiters: Array<() => void> = [];
  /** Events dropped because handlers fell behind by more than the queue allows. */
  droppedEvents = 0;
  /** Called whenever the set of event names with listeners changes (see `onListenersChange`). */
  private readonly listenerHooks: Array<() => void> = [];

  constructor(
    private readonly logger: Logger,
    private readonly policy: QueuePolicy = defaultQueuePolicy,
  ) {}

  /** How many events may wait for slow consumers (handlers, `events()` loops) before the oldest is dropped. */
  get maxQueuedEvents(): number {
    return this.policy.maxQueuedEvents;
  }

  on(name: string, handler: AnyHandler): () => void {
    // Copy-on-write keeps a dispatch that is iterating the old array safe from (un)subscribes.
    const list = this.handlers.get(name);
    this.handlers.set(name, [...(list ?? []), handler]);
    if (!list) this.listenersChanged();
    return () => this.off(name, handler);
  }

  off(name: string, handler: AnyHandler): void {
    const list = this.handlers.get(name);
    if (!list) return;
    const i = list.indexOf(handler);
    if (i < 0) return;
    const next = [...list.slice(0, i), ...list.slice(i + 1)];
    if (next.length) this.handlers.set(name, next);
    else {
      this.handlers.delete(name);
      this.listenersChanged();
    }
  }

  /** Calls `hook` whenever an event name gains its first listener or loses its last, so callers may cache `hasListeners`. */
  onListenersChange(hook: () => void): void {
    this.listenerHooks.push(hook);
  }

  private listenersChanged(): void {
    for (const hook of this.listenerHooks) hook();
  }

  hasListeners(name: string): boolean {
    return this.handlers.has(name);
  }

  listenerCount(name?: string): number {
    if (name !== undefined) return this.handlers.get(name)?.length ?? 0;
    let n = 0;
    for (const list of this.handlers.values()) n += list.length;
    return n;
  }

  /**
   * Removes the handlers of `name` (of every name without it), except those
   * `keep` says to leave in place.
   */
  removeAll(name?: string, keep: (handler: AnyHandler) => boolean = () => false): void {
    const names = name === undefined ? [...this.handlers.keys()] : [name];
    for (const n of names) {
      const list = this.handlers.get(n);
      if (!list) continue;
      const kept = list.filter(keep);
      if (kept.length) this.handlers.set(n, kept);
      else {
        this.handlers.delete(n);
        this.listenersChanged();
      }
    }
  }

  /** Queues an event for its handlers. Returns at once; ordering is kept by the queue. */
  emit(event: BaseEvent): void {
    if (!this.handlers.has(event.eventName)) return;
    if (this.draining) {
      if (this.queue.length >= this.policy.maxQueuedEvents) {
        this.queue.shift();
        this.droppedEvents++;
      }
      this.queue.push(event);
      return;
    }
    // Fast path: nobody is async-busy, so run handlers now without touching the queue.
    const pending = this.invoke(event);
    if (pending) void this.drainAfter(pending);
  }

  /** Reports an error to `error` listeners, or logs it when there are none. */
  emitError(error: TikTokLiveError): void {
    const list = this.handlers.get("error");
    if (!list) {
      this.logger.error(`[tiktok-live] ${error.name}: ${error.message}`);
      return;
    }
    for (const handler of list) {
      try {
        const r = handler(error as never);
        if (r instanceof Promise) r.catch((e) => this.logger.error("[tiktok-live] error listener failed", e));
      } catch (e) {
        this.logger.error("[tiktok-live] error listener failed", e);
      }
    }
  }

  /**
   * True while a handler runs: synchronously (the caller may be that handler)
   * or as a pending async handler the queue waits for.
   */
  get busy(): boolean {
    return this.draining || this.invoking > 0;
  }

  /** Resolves when every queued event has been handled. */
  idle(): Promise<void> {
    if (!this.draining) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Runs the handlers of one event; returns a promise only if some handler is async. */
  private invoke(event: BaseEvent): Promise<unknown> | undefined {
    const list = this.handlers.get(event.eventName);
    if (!list) return undefined;
    let pending: Promise<unknown>[] | undefined;
    for (const handler of list) {
      this.invoking++;
      try {
        const result = handler(event as never);
        if (result instanceof Promise) {
          pending ??= [];
          pending.push(result.catch((cause) => this.emitError(new HandlerError(event, { cause }))));
        }
      } catch (cause) {
        this.emitError(new HandlerError(event, { cause }));
      } finally {
        this.invoking--;
      }
    }
    return pending ? Promise.all(pending) : undefined;
  }

  private async drainAfter(first: Promise<unknown>): Promise<void> {
    this.draining = true;
    try {
      await first;
      for (let next = this.queue.shift(); next; next = this.queue.shift()) {
        const pending = this.invoke(next);
        if (pending) await pending;
      }
    } finally {
      this.draining = false;
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }
}
