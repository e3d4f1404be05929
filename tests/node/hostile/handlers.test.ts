/**
 * Issue 14, rows 4 and 9: what a handler does must not wedge the client.
 * Row 4: `await client.disconnect()` inside a handler resolves, and the client
 * delivers again after the next connect(). Row 9: a handler that blocks the
 * event loop longer than the silence timeout does not get a healthy
 * connection torn down before its buffered frames are read.
 */
import { CommentEvent, DisconnectEvent, ReconnectingEvent } from "@tiktok-live/node";
import { chat, userByName } from "@tiktok-live/testkit";
import { describe, expect, it } from "vitest";
import { client, comments, simulator, until } from "./setup.js";

const alice = userByName("alice.streams");

describe("row 4: disconnect() from inside a handler", () => {
  it("an async handler's await client.disconnect() resolves, and events flow again after connect()", async () => {
    const sim = await simulator();
    const c = client(sim);
    const seen = comments(c);
    let resolvedInside = false;
    const handled = new Promise<void>((resolve) => {
      const off = c.on(CommentEvent, async (e) => {
        if (e.comment !== "stop") return;
        off();
        await c.disconnect();
        resolvedInside = true;
        resolve();
      });
    });
    await c.connect();
    await sim.waitForClient();
    sim.send(chat(alice, "stop"));
    await handled;
    expect(resolvedInside).toBe(true);
    expect(c.state).toBe("disconnected");

    await c.connect();
    await sim.waitForClient();
    for (let i = 0; i < 47; i++) sim.send(chat(alice, `after ${i}`));
    await until(() => seen.length >= 48);
    expect(seen.slice(1)).toEqual(Array.from({ length: 47 }, (_, i) => `after ${i}`));
  });

  it("a synchronous handler that calls disconnect() (not awaited) also lets the next connect() deliver", async () => {
    const sim = await simulator();
    const c = client(sim);
    const seen = comments(c);
    c.on(CommentEvent, (e) => {
      if (e.comment === "stop") void c.disconnect();
    });
    await c.connect();
    await sim.waitForClient();
    const disconnected = c.waitFor(DisconnectEvent, { timeout: 5_000 });
    sim.send(chat(alice, "stop"));
    expect((await disconnected).reason).toBe("client");
    await c.connect();
    await sim.waitForClient();
    sim.send(chat(alice, "again"));
    await until(() => seen.includes("again"));
  });
});

describe("row 9: a handler that blocks the event loop", () => {
  it("longer than silenceTimeoutMs does not tear down a healthy connection with frames waiting", async () => {
    const sim = await simulator();
    const c = client(sim, { silenceTimeoutMs: 300, heartbeatIntervalMs: 100 });
    const seen = comments(c);
    const reconnects: number[] = [];
    c.on(ReconnectingEvent, (e) => {
      reconnects.push(e.attempt);
    });
    c.on(CommentEvent, (e) => {
      if (e.comment !== "block") return;
      // Frames sent 50 ms from now wait in the socket while this runs 4× the silence timeout.
      const until = Date.now() + 1_200;
      while (Date.now() < until) {}
    });
    await c.connect();
    const session = await sim.waitForClient();
    sim.send(chat(alice, "block"));
    setTimeout(() => {
      for (let i = 0; i < 5; i++) sim.send(chat(alice, `queued ${i}`));
    }, 50);
    await until(() => seen.length >= 6);
    expect(seen).toEqual(["block", "queued 0", "queued 1", "queued 2", "queued 3", "queued 4"]);
    expect(reconnects).toEqual([]);
    expect(session.closed).toBe(false);
    expect(sim.push.handshakes.filter((h) => h.accepted)).toHaveLength(1);
  });
});
