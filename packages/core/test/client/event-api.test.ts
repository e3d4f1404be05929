import { describe, expect, it } from "vitest";
import { silentLogger } from "../../src/capabilities.js";
import { EventApi } from "../../src/client/event-api.js";
import { EventDispatcher } from "../../src/events/dispatcher.js";
import { ConnectEvent } from "../../src/events/lifecycle-events.js";

function api(maxQueuedEvents = 10_000): { events: EventApi; dispatcher: EventDispatcher } {
  const dispatcher = new EventDispatcher(silentLogger, { maxQueuedEvents });
  return { events: new EventApi(dispatcher), dispatcher };
}

const event = (n: number) => new ConnectEvent(`user${n}`, String(n));

describe("events() (issue 14)", () => {
  it("holds at most maxQueuedEvents for a slow loop, dropping the oldest and counting them", async () => {
    const { events, dispatcher } = api(3);
    const iterator = events.events(ConnectEvent);
    for (let n = 1; n <= 10; n++) dispatcher.emit(event(n));
    await dispatcher.idle();

    expect(dispatcher.droppedEvents).toBe(7);
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) seen.push(((await iterator.next()).value as ConnectEvent).roomId);
    expect(seen).toEqual(["8", "9", "10"]);
  });

  it("ends when its signal aborts, removing its listeners, also while waiting for an event", async () => {
    const { events, dispatcher } = api();
    const controller = new AbortController();
    const iterator = events.events(ConnectEvent, "disconnect", { signal: controller.signal });
    expect(dispatcher.hasListeners("connect")).toBe(true);
    expect(dispatcher.hasListeners("disconnect")).toBe(true);
    const pending = iterator.next();

    controller.abort();

    await expect(pending).resolves.toEqual({ value: undefined, done: true });
    expect(dispatcher.hasListeners("connect")).toBe(false);
    expect(dispatcher.hasListeners("disconnect")).toBe(false);
    dispatcher.emit(event(1));
    await expect(iterator.next()).resolves.toEqual({ value: undefined, done: true });
  });

  it("with an already aborted signal, yields nothing and subscribes nothing", async () => {
    const { events, dispatcher } = api();
    const iterator = events.events(ConnectEvent, { signal: AbortSignal.abort() });
    expect(dispatcher.hasListeners("connect")).toBe(false);
    const seen: unknown[] = [];
    for await (const e of iterator) seen.push(e);
    expect(seen).toEqual([]);
  });

  it("still delivers in order in a for-await loop with a signal that never aborts", async () => {
    const { events, dispatcher } = api();
    const controller = new AbortController();
    const seen: string[] = [];
    const loop = (async () => {
      for await (const e of events.events(ConnectEvent, { signal: controller.signal })) {
        seen.push(e.roomId);
        if (seen.length === 3) break;
      }
    })();
    for (let n = 1; n <= 3; n++) dispatcher.emit(event(n));
    await loop;
    expect(seen).toEqual(["1", "2", "3"]);
    expect(dispatcher.hasListeners("connect")).toBe(false);
  });
});

describe("waitFor timeout (issue 14 row 6)", () => {
  it("a timeout past what setTimeout holds waits instead of firing at once", async () => {
    const { events, dispatcher } = api();
    const controller = new AbortController();
    let settled = "pending";
    const waiting = events.waitFor(ConnectEvent, { timeout: 2 ** 32, signal: controller.signal }).then(
      () => {
        settled = "event";
      },
      (e: Error) => {
        settled = e.name;
      },
    );
    // An overflowed timer becomes 1 ms, and timers fire in order: it would fire before this 5 ms one.
    await new Promise((r) => setTimeout(r, 5));
    expect(settled).toBe("pending");
    dispatcher.emit(event(1));
    await waiting;
    expect(settled).toBe("event");
  });
});

describe("hasListener, listenerCount, removeAllListeners (issue 16)", () => {
  it("count by class or by name, and say whether anyone listens", () => {
    const { events } = api();
    expect(events.hasListener(ConnectEvent)).toBe(false);
    const off = events.on(ConnectEvent, () => {});
    events.once("connect", () => {});
    events.on("disconnect", () => {});
    expect(events.hasListener("connect")).toBe(true);
    expect(events.listenerCount(ConnectEvent)).toBe(2);
    expect(events.listenerCount("disconnect")).toBe(1);
    off();
    expect(events.listenerCount("connect")).toBe(1);
  });

  it("removes the listeners of one event only, or of all, and the removed ones are not called", () => {
    const { events, dispatcher } = api();
    const seen: string[] = [];
    events.on(ConnectEvent, () => seen.push("a"));
    events.once(ConnectEvent, () => seen.push("b"));
    events.on("disconnect", () => seen.push("d"));
    events.on("error", () => seen.push("e"));

    events.removeAllListeners(ConnectEvent);
    dispatcher.emit(event(1));
    expect(seen).toEqual([]);
    expect(events.hasListener("connect")).toBe(false);
    expect(events.listenerCount("disconnect")).toBe(1);

    events.removeAllListeners();
    expect(events.hasListener("disconnect")).toBe(false);
    expect(events.hasListener("error")).toBe(false);
  });

  it("leaves pending waitFor and events() listeners in place, so they still get their event", async () => {
    const { events, dispatcher } = api();
    events.on(ConnectEvent, () => {});
    const waited = events.waitFor(ConnectEvent);
    const iterator = events.events(ConnectEvent);

    events.removeAllListeners();

    expect(events.listenerCount(ConnectEvent)).toBe(2);
    dispatcher.emit(event(7));
    await expect(waited).resolves.toMatchObject({ roomId: "7" });
    await expect(iterator.next()).resolves.toMatchObject({ value: { roomId: "7" }, done: false });
    await iterator.return?.();
    expect(events.hasListener(ConnectEvent)).toBe(false);
  });
});
