import type { BaseEvent, EventClass } from "@tiktok-live/proto";
import { InvalidOptionError, type TikTokLiveError, TimeoutError } from "../errors/errors.js";
import type { EventDispatcher } from "../events/dispatcher.js";
import { clampDelay } from "../time/clamp-delay.js";
import type { ClientEventMap, ClientEventName, ErrorHandler, EventHandler } from "./event-map.js";

function nameOf(key: EventClass | string): string {
  if (typeof key === "string") return key;
  if (typeof key === "function" && typeof key.eventName === "string") return key.eventName;
  throw new InvalidOptionError(
    'Subscribe with an event class (e.g. CommentEvent) or an event name (e.g. "comment")',
  );
}

/** Options of `events()`, passed last. */
export interface EventsOptions {
  /** Aborting ends the iteration and removes its listeners. */
  signal?: AbortSignal;
}

/**
 * The subscription half of the client: `on`, `once`, `off`, `waitFor`, `events`.
 * Kept apart from the connection logic; both share the dispatcher.
 */
export class EventApi {
  private readonly endWaiters = new Set<() => void>();
  /** Listeners of `waitFor` and `events()`, which `removeAllListeners` leaves alone. */
  private readonly internal = new WeakSet<(value: never) => unknown>();

  constructor(protected readonly dispatcher: EventDispatcher) {}

  on<K extends ClientEventName>(name: K, handler: EventHandler<ClientEventMap[K]>): () => void;
  on(name: "error", handler: ErrorHandler): () => void;
  on<E extends BaseEvent>(eventClass: EventClass<E>, handler: EventHandler<E>): () => void;
  on(key: EventClass | string, handler: EventHandler<never>): () => void {
    if (typeof handler !== "function") throw new InvalidOptionError("The handler must be a function");
    return this.dispatcher.on(nameOf(key), handler);
  }

  once<K extends ClientEventName>(name: K, handler: EventHandler<ClientEventMap[K]>): () => void;
  once(name: "error", handler: ErrorHandler): () => void;
  once<E extends BaseEvent>(eventClass: EventClass<E>, handler: EventHandler<E>): () => void;
  once(key: EventClass | string, handler: EventHandler<never>): () => void {
    const name = nameOf(key);
    const off = this.dispatcher.on(name, (e: never) => {
      off();
      return handler(e);
    });
    return off;
  }

  off(key: EventClass | string, handler: (...args: never[]) => unknown): void {
    this.dispatcher.off(nameOf(key), handler);
  }

  /** True when at least one listener (of `on`, `once`, `waitFor` or `events()`) waits for that event. */
  hasListener<K extends ClientEventName>(name: K): boolean;
  hasListener(name: "error"): boolean;
  hasListener<E extends BaseEvent>(eventClass: EventClass<E>): boolean;
  hasListener(key: EventClass | string): boolean {
    return this.dispatcher.hasListeners(nameOf(key));
  }

  /** How many listeners wait for that event (`waitFor` and `events()` included). */
  listenerCount<K extends ClientEventName>(name: K): number;
  listenerCount(name: "error"): number;
  listenerCount<E extends BaseEvent>(eventClass: EventClass<E>): number;
  listenerCount(key: EventClass | string): number {
    return this.dispatcher.listenerCount(nameOf(key));
  }

  /**
   * Removes the listeners added with `on` and `once`, for that event or, without
   * an argument, for every event. Pending `waitFor` calls and `events()` loops
   * keep theirs: they end on their own terms (signal, timeout, break, disconnect).
   */
  removeAllListeners<K extends ClientEventName>(name?: K): void;
  removeAllListeners(name: "error"): void;
  removeAllListeners<E extends BaseEvent>(eventClass: EventClass<E>): void;
  removeAllListeners(key?: EventClass | string): void {
    this.dispatcher.removeAll(key === undefined ? undefined : nameOf(key), (h) => this.internal.has(h));
  }

  /** Resolves with the next event of that kind; rejects on timeout, abort, or disconnect. */
  waitFor<K extends ClientEventName>(
    name: K,
    options?: { signal?: AbortSignal; timeout?: number },
  ): Promise<ClientEventMap[K]>;
  waitFor<E extends BaseEvent>(
    eventClass: EventClass<E>,
    options?: { signal?: AbortSignal; timeout?: number },
  ): Promise<E>;
  waitFor(
    key: EventClass | string,
    options: { signal?: AbortSignal; timeout?: number } = {},
  ): Promise<BaseEvent> {
    const name = nameOf(key);
    return new Promise((resolve, reject) => {
      // Declared before anything can call cleanup (an already aborted signal does, synchronously).
      let timer: ReturnType<typeof setTimeout> | undefined;
      const cleanup = () => {
        off();
        if (timer !== undefined) clearTimeout(timer);
        options.signal?.removeEventListener("abort", onAbort);
        this.endWaiters.delete(onEnd);
      };
      const listener = (e: BaseEvent) => {
        cleanup();
        resolve(e);
      };
      this.internal.add(listener);
      const off = this.dispatcher.on(name, listener);
      const onAbort = () => {
        cleanup();
        reject(options.signal?.reason);
      };
      const onEnd = () => {
        cleanup();
        reject(new TimeoutError(`The client disconnected before a "${name}" event`));
      };
      if (options.signal?.aborted) return onAbort();
      options.signal?.addEventListener("abort", onAbort, { once: true });
      this.endWaiters.add(onEnd);
      if (options.timeout !== undefined) {
        timer = setTimeout(
          () => {
            cleanup();
            reject(new TimeoutError(`No "${name}" event within ${options.timeout} ms`));
          },
          // A timeout past what setTimeout holds would fire at once; wait the longest it can instead.
          clampDelay(options.timeout),
        );
      }
    });
  }

  /**
   * Async iterator over events of the given kinds, in order. Ends when the
   * client disconnects, the loop breaks, or `signal` aborts (listeners are
   * removed each time). While the loop body is slow, up to `maxQueuedEvents`
   * events wait; past that the oldest waiting one is dropped and counted in
   * `client.droppedEvents`, as for slow async handlers.
   * @example for await (const e of client.events(CommentEvent, GiftEvent)) { … }
   * @example for await (const e of client.events(CommentEvent, { signal })) { … }
   */
  events<E extends BaseEvent>(...keys: Array<EventClass<E>>): AsyncIterableIterator<E>;
  events<E extends BaseEvent>(
    ...args: [...keys: Array<EventClass<E>>, options: EventsOptions]
  ): AsyncIterableIterator<E>;
  events(...keys: Array<EventClass | ClientEventName>): AsyncIterableIterator<BaseEvent>;
  events(
    ...args: [...keys: Array<EventClass | ClientEventName>, options: EventsOptions]
  ): AsyncIterableIterator<BaseEvent>;
  events(...args: Array<EventClass | string | EventsOptions>): AsyncIterableIterator<BaseEvent> {
    const last = args[args.length - 1];
    const options: EventsOptions =
      last !== undefined && typeof last === "object" && last !== null ? (args.pop() as EventsOptions) : {};
    const keys = args as Array<EventClass | string>;
    const signal = options.signal;
    const buffered: BaseEvent[] = [];
    let wake: ((r: IteratorResult<BaseEvent>) => void) | undefined;
    let done = false;
    const push = (e: BaseEvent) => {
      if (wake) {
        const w = wake;
        wake = undefined;
        w({ value: e, done: false });
        return;
      }
      if (buffered.length >= this.dispatcher.maxQueuedEvents) {
        buffered.shift();
        this.dispatcher.droppedEvents++;
      }
      buffered.push(e);
    };
    this.internal.add(push);
    const offs = keys.map((k) => this.dispatcher.on(nameOf(k), push));
    const finish = () => {
      done = true;
      for (const off of offs) off();
      offs.length = 0;
      this.endWaiters.delete(finish);
      signal?.removeEventListener("abort", onAbort);
      if (wake) {
        const w = wake;
        wake = undefined;
        w({ value: undefined, done: true });
      }
    };
    const onAbort = () => {
      finish();
      buffered.length = 0;
    };
    this.endWaiters.add(finish);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener("abort", onAbort, { once: true });
    const iterator: AsyncIterableIterator<BaseEvent> = {
      next: () => {
        const value = buffered.shift();
        if (value) return Promise.resolve({ value, done: false });
        if (done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => {
          wake = resolve;
        });
      },
      return: () => {
        finish();
        buffered.length = 0;
        return Promise.resolve({ value: undefined, done: true });
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  /** Ends pending `waitFor` calls and `events()` iterators; called on disconnect. */
  protected endSubscriptions(): void {
    for (const end of [...this.endWaiters]) end();
  }

  protected reportError(error: TikTokLiveError): void {
    this.dispatcher.emitError(error);
  }
}
