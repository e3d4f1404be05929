import { BaseEvent } from "@tiktok-live/proto";
import { describe, expect, it, vi } from "vitest";
import type { Logger } from "../../src/capabilities.js";
import { HandlerError, type TikTokLiveError } from "../../src/errors/errors.js";
import { EventDispatcher } from "../../src/events/dispatcher.js";

class Tick extends BaseEvent {
  static override readonly eventName: string = "tick";
  constructor(readonly n: number) {
    super();
  }
}

class Tock extends BaseEvent {
  static override readonly eventName: string = "tock";
}

function spyLogger(): Logger & { error: ReturnType<typeof vi.fn> } {
  return { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
}

const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe("EventDispatcher", () => {
  it("calls handlers in registration order, with the event", () => {
    const d = new EventDispatcher(spyLogger());
    const calls: string[] = [];
    d.on("tick", (e: Tick) => calls.push(`a${e.n}`));
    d.on("tick", (e: Tick) => calls.push(`b${e.n}`));
    d.on("tick", (e: Tick) => calls.push(`c${e.n}`));
    d.emit(new Tick(1));
    d.emit(new Tick(2));
    expect(calls).toEqual(["a1", "b1", "c1", "a2", "b2", "c2"]);
  });

  it("delivers only to handlers of the event's name", () => {
    const d = new EventDispatcher(spyLogger());
    const tick = vi.fn();
    const tock = vi.fn();
    d.on("tick", tick);
    d.on("tock", tock);
    d.emit(new Tock());
    expect(tick).not.toHaveBeenCalled();
    expect(tock).toHaveBeenCalledTimes(1);
  });

  it("keeps event order with async handlers: event 1's handler finishes before event 2's start", async () => {
    const d = new EventDispatcher(spyLogger());
    const log: string[] = [];
    d.on("tick", async (e: Tick) => {
      log.push(`start a${e.n}`);
      await delay(e.n === 1 ? 30 : 1);
      log.push(`end a${e.n}`);
    });
    d.on("tick", (e: Tick) => {
      log.push(`b${e.n}`);
    });
    d.emit(new Tick(1));
    d.emit(new Tick(2));
    d.emit(new Tick(3));
    // Event 2 and 3 wait in the queue while event 1's async handler runs.
    expect(log).toEqual(["start a1", "b1"]);
    await d.idle();
    expect(log).toEqual(["start a1", "b1", "end a1", "start a2", "b2", "end a2", "start a3", "b3", "end a3"]);
  });

  it("a throwing handler becomes a HandlerError with event and cause, and the others still run", () => {
    const logger = spyLogger();
    const d = new EventDispatcher(logger);
    const errors: TikTokLiveError[] = [];
    const after = vi.fn();
    const boom = new Error("boom");
    d.on("error", (e: TikTokLiveError) => errors.push(e));
    d.on("tick", () => {
      throw boom;
    });
    d.on("tick", after);
    const event = new Tick(1);
    d.emit(event);
    d.emit(new Tick(2));

    expect(after).toHaveBeenCalledTimes(2);
    expect(errors).toHaveLength(2);
    const first = errors[0] as HandlerError;
    expect(first).toBeInstanceOf(HandlerError);
    expect(first.code).toBe("HANDLER");
    expect(first.event).toBe(event);
    expect(first.cause).toBe(boom);
    expect(first.message).toBe("An event handler failed: boom");
    expect(logger.error).not.toHaveBeenCalled();
  });

  it("a rejecting handler becomes a HandlerError too, and does not stop the next event", async () => {
    const d = new EventDispatcher(spyLogger());
    const errors: HandlerError[] = [];
    const seen: number[] = [];
    d.on("error", (e: HandlerError) => errors.push(e));
    d.on("tick", async (e: Tick) => {
      await delay(1);
      if (e.n === 1) throw new TypeError("async boom");
    });
    d.on("tick", (e: Tick) => seen.push(e.n));
    const first = new Tick(1);
    d.emit(first);
    d.emit(new Tick(2));
    await d.idle();
    expect(seen).toEqual([1, 2]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(HandlerError);
    expect(errors[0]!.event).toBe(first);
    expect(errors[0]!.cause).toBeInstanceOf(TypeError);
    expect((errors[0]!.cause as Error).message).toBe("async boom");
  });

  it("without error listeners, handler failures go to logger.error", async () => {
    const logger = spyLogger();
    const d = new EventDispatcher(logger);
    d.on("tick", () => {
      throw new Error("sync fail");
    });
    d.on("tock", () => Promise.reject(new Error("async fail")));
    d.emit(new Tick(1));
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error.mock.calls[0]![0]).toBe(
      "[tiktok-live] HandlerError: An event handler failed: sync fail",
    );
    d.emit(new Tock());
    await d.idle();
    expect(logger.error).toHaveBeenCalledTimes(2);
    expect(logger.error.mock.calls[1]![0]).toBe(
      "[tiktok-live] HandlerError: An event handler failed: async fail",
    );
  });

  it("an error listener that throws is logged, not rethrown, and other error listeners still run", () => {
    const logger = spyLogger();
    const d = new EventDispatcher(logger);
    const second = vi.fn();
    d.on("error", () => {
      throw new Error("listener bug");
    });
    d.on("error", second);
    d.on("tick", () => {
      throw new Error("x");
    });
    expect(() => d.emit(new Tick(1))).not.toThrow();
    expect(second).toHaveBeenCalledTimes(1);
    expect(logger.error).toHaveBeenCalledWith("[tiktok-live] error listener failed", expect.any(Error));
  });

  it("with maxQueuedEvents=2 and a slow handler, the oldest queued events are dropped and counted", async () => {
    const d = new EventDispatcher(spyLogger(), { maxQueuedEvents: 2 });
    const gate = deferred();
    const handled: number[] = [];
    d.on("tick", async (e: Tick) => {
      handled.push(e.n);
      if (e.n === 1) await gate.promise;
    });
    for (let n = 1; n <= 6; n++) d.emit(new Tick(n));
    // 1 is running; 2..6 arrived while it waits; the queue keeps the newest two.
    expect(handled).toEqual([1]);
    expect(d.droppedEvents).toBe(3);
    gate.resolve();
    await d.idle();
    expect(handled).toEqual([1, 5, 6]);
    expect(d.droppedEvents).toBe(3);
  });

  it("does not count or queue events nobody listens to", async () => {
    const d = new EventDispatcher(spyLogger(), { maxQueuedEvents: 1 });
    const gate = deferred();
    d.on("tick", () => gate.promise);
    d.emit(new Tick(1));
    for (let i = 0; i < 10; i++) d.emit(new Tock());
    expect(d.droppedEvents).toBe(0);
    gate.resolve();
    await d.idle();
  });

  it("idle() resolves at once when nothing runs, and only after the queue drains otherwise", async () => {
    const d = new EventDispatcher(spyLogger());
    let settled = false;
    await d.idle();
    const gate = deferred();
    const handled: number[] = [];
    d.on("tick", async (e: Tick) => {
      if (e.n === 1) await gate.promise;
      await delay(2);
      handled.push(e.n);
    });
    d.emit(new Tick(1));
    d.emit(new Tick(2));
    const idle = d.idle().then(() => {
      settled = true;
    });
    await delay(20);
    expect(settled).toBe(false);
    expect(handled).toEqual([]);
    gate.resolve();
    await idle;
    expect(handled).toEqual([1, 2]);
  });

  it("unsubscribing during dispatch is safe: no handler is skipped or called twice", () => {
    const d = new EventDispatcher(spyLogger());
    const calls: string[] = [];
    const offA = d.on("tick", (e: Tick) => {
      calls.push(`a${e.n}`);
      offA();
    });
    d.on("tick", (e: Tick) => calls.push(`b${e.n}`));
    const c = (e: Tick) => {
      calls.push(`c${e.n}`);
    };
    d.on("tick", c);
    d.on("tick", (e: Tick) => {
      calls.push(`d${e.n}`);
      d.off("tick", c);
    });
    d.emit(new Tick(1));
    d.emit(new Tick(2));
    expect(calls).toEqual(["a1", "b1", "c1", "d1", "b2", "d2"]);
    expect(d.listenerCount("tick")).toBe(2);
  });

  it("subscribing during dispatch takes effect from the next event", () => {
    const d = new EventDispatcher(spyLogger());
    const calls: string[] = [];
    d.on("tick", (e: Tick) => {
      calls.push(`a${e.n}`);
      if (e.n === 1) d.on("tick", (e2: Tick) => calls.push(`late${e2.n}`));
    });
    d.emit(new Tick(1));
    d.emit(new Tick(2));
    expect(calls).toEqual(["a1", "a2", "late2"]);
  });

  it("off of an unknown handler or name is a no-op; the last off removes the name", () => {
    const d = new EventDispatcher(spyLogger());
    const h = vi.fn();
    d.off("tick", h);
    const off = d.on("tick", h);
    d.off("tick", () => {});
    expect(d.hasListeners("tick")).toBe(true);
    off();
    off();
    expect(d.hasListeners("tick")).toBe(false);
    expect(d.listenerCount()).toBe(0);
    d.emit(new Tick(1));
    expect(h).not.toHaveBeenCalled();
  });

  it("emit for an event with no listener does nothing (no queue, no error, idle stays resolved)", async () => {
    const logger = spyLogger();
    const d = new EventDispatcher(logger);
    d.emit(new Tick(1));
    expect(d.droppedEvents).toBe(0);
    expect(logger.error).not.toHaveBeenCalled();
    await expect(d.idle()).resolves.toBeUndefined();
  });

  it("listenerCount and removeAll", () => {
    const d = new EventDispatcher(spyLogger());
    d.on("tick", () => {});
    d.on("tick", () => {});
    d.on("tock", () => {});
    expect(d.listenerCount("tick")).toBe(2);
    expect(d.listenerCount("tock")).toBe(1);
    expect(d.listenerCount("none")).toBe(0);
    expect(d.listenerCount()).toBe(3);
    d.removeAll();
    expect(d.listenerCount()).toBe(0);
  });
});
