import { budgetedFetch, RequestBudget, TikTokLivePool } from "@tiktok-live/core";
import { CommentEvent, GiftEvent, TikTokLiveClient } from "@tiktok-live/node";
import { chat, type Simulator, scenario, startSimulator, userByName } from "@tiktok-live/testkit";
import { afterEach, describe, expect, it } from "vitest";

const sims: Simulator[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

async function room(uniqueId: string, roomId: string, texts: string[], offline = false): Promise<Simulator> {
  const b = scenario(uniqueId).wait(20);
  for (const t of texts) b.comment("alice.streams", t);
  const sim = await startSimulator({ uniqueId, roomId, scenario: b.build(), speed: 0, offline });
  sims.push(sim);
  return sim;
}

describe("RequestBudget", () => {
  it("lets a burst through, then one request per 1/rate, and a Retry-After pauses everyone", async () => {
    let now = 1_000;
    const budget = new RequestBudget({ ratePerSecond: 2, burst: 2, now: () => now });
    await budget.take();
    await budget.take();
    expect(budget.delayUntilToken()).toBe(500);
    now += 500;
    expect(budget.delayUntilToken()).toBe(0);
    budget.pauseFor(3_000);
    expect(budget.delayUntilToken()).toBe(3_000);
    budget.pauseFor(1_000); // a shorter pause never shortens the longer one
    expect(budget.pausedUntil).toBe(now + 3_000);
  });

  it("budgetedFetch spends a token per request and honours Retry-After of a 429", async () => {
    let now = 0;
    const budget = new RequestBudget({ ratePerSecond: 100, burst: 5, now: () => now });
    const fetch = budgetedFetch(
      async () => new Response("slow down", { status: 429, headers: { "Retry-After": "7" } }),
      budget,
    );
    expect((await fetch("http://sign.invalid/")).status).toBe(429);
    expect(budget.granted).toBe(1);
    expect(budget.pausedUntil).toBe(7_000);
    now = 7_000;
    expect(budget.delayUntilToken()).toBe(0);
  });
});

describe("TikTokLivePool", () => {
  it("streams several rooms at once, tells events apart by room, and a broken room stays its own", async () => {
    const a = await room("room_a", "7000000000000000001", ["a1", "a2", "a3"]);
    const b = await room("room_b", "7000000000000000002", ["b1", "b2"]);
    const pool = new TikTokLivePool({
      createClient: (id, o) =>
        new TikTokLiveClient(id, {
          ...o,
          baseUrls: (id === "room_a" ? a : b).baseUrls,
          reconnect: { enabled: false },
        }),
      connectStaggerMs: 5,
      pollIntervalMs: 50,
    });
    const seen: string[] = [];
    const errors: string[] = [];
    pool.onError((_e, r) => errors.push(r.uniqueId));
    const done = new Promise<void>((resolve) => {
      pool.on(CommentEvent, (e, r) => {
        seen.push(`${r.uniqueId}:${e.comment}`);
        if (seen.length === 5) resolve();
      });
    });
    pool.add("@room_a");
    pool.add("room_b");
    pool.add("@room_a"); // already there: no second client
    await done;
    expect(seen.filter((s) => s.startsWith("room_a:"))).toEqual(["room_a:a1", "room_a:a2", "room_a:a3"]);
    expect(seen.filter((s) => s.startsWith("room_b:"))).toEqual(["room_b:b1", "room_b:b2"]);
    expect(pool.rooms.map((r) => [r.uniqueId, r.state, r.events])).toEqual([
      ["room_a", "live", 3],
      ["room_b", "live", 2],
    ]);
    // Room b's simulator vanishes: room b goes back to waiting and reports errors, room a stays live.
    await b.close();
    sims.splice(sims.indexOf(b), 1);
    await expect.poll(() => pool.room("room_b")?.state, { timeout: 10_000 }).toBe("waiting");
    await expect.poll(() => errors.includes("room_b"), { timeout: 10_000 }).toBe(true);
    expect(pool.room("room_a")?.state).toBe("live");
    await pool.remove("room_a");
    expect(pool.has("room_a")).toBe(false);
    await pool.close();
    expect(pool.rooms).toEqual([]);
  });

  it("onRawMessage hands every room's messages over undecoded, with the room, rooms added later too", async () => {
    const a = await room("raw_a", "7000000000000000011", ["a1", "a2"]);
    const b = await room("raw_b", "7000000000000000012", ["b1"]);
    const pool = new TikTokLivePool({
      createClient: (id, o) =>
        new TikTokLiveClient(id, { ...o, baseUrls: (id === "raw_a" ? a : b).baseUrls }),
      connectStaggerMs: 5,
    });
    const seen: string[] = [];
    const off = pool.onRawMessage((m, r) => {
      if (m.method === "WebcastChatMessage")
        seen.push(`${r.uniqueId}:${m.msgId > 0n}:${m.payload.length > 0}`);
    });
    pool.add("raw_a");
    pool.add("raw_b"); // added after the listener
    await expect.poll(() => seen.length, { timeout: 10_000 }).toBe(3);
    expect(seen.filter((s) => s.startsWith("raw_a")).length).toBe(2);
    expect(seen).toContain("raw_b:true:true");
    // Raw messages count towards the room's events (the comments and the room's other messages).
    expect(pool.room("raw_a")!.events).toBeGreaterThanOrEqual(2);
    off();
    // Removed: a later message of a room added after the listener is not handed over any more.
    const before = pool.room("raw_b")!.events;
    b.send(chat(userByName("bob_builds"), "late"));
    await new Promise((r) => setTimeout(r, 300));
    expect(seen).toHaveLength(3);
    expect(pool.room("raw_b")!.events).toBe(before);
    await pool.close();
  });

  it("on, events() and onRawMessage detach from rooms added later; remove() drops a room's listeners; listener counts", async () => {
    const sim = await room("counted", "7000000000000000004", [], true);
    const pool = new TikTokLivePool({
      createClient: (id, o) => new TikTokLiveClient(id, { ...o, baseUrls: sim.baseUrls }),
      pollIntervalMs: 60_000,
    });
    const offComment = pool.on(CommentEvent, () => {});
    const gifts = pool.events(GiftEvent);
    const offRaw = pool.onRawMessage(() => {});
    const client = pool.add("counted").client; // added after every subscription
    expect(client.listenerCount(CommentEvent)).toBe(1);
    expect(client.listenerCount(GiftEvent)).toBe(1);
    expect(pool.hasListener(CommentEvent)).toBe(true);
    expect(pool.listenerCount(GiftEvent)).toBe(1);

    offComment();
    expect(client.listenerCount(CommentEvent)).toBe(0);
    expect(pool.hasListener(CommentEvent)).toBe(false);
    await gifts.return?.();
    expect(client.listenerCount(GiftEvent)).toBe(0);
    expect(pool.listenerCount(GiftEvent)).toBe(0);

    // removeAllListeners takes what `on` added and leaves events() loops alone, as the client does.
    pool.on(CommentEvent, () => {});
    pool.on(CommentEvent, () => {});
    pool.on(GiftEvent, () => {});
    const comments = pool.events(CommentEvent);
    expect(pool.listenerCount(CommentEvent)).toBe(3);
    pool.removeAllListeners(GiftEvent);
    expect([pool.listenerCount(CommentEvent), pool.listenerCount(GiftEvent)]).toEqual([3, 0]);
    pool.removeAllListeners();
    expect(pool.listenerCount(CommentEvent)).toBe(1);
    expect(client.listenerCount(CommentEvent)).toBe(1);

    // A removed room keeps none of the pool's listeners, raw ones included.
    pool.on(GiftEvent, () => {});
    await pool.remove("counted");
    expect([client.listenerCount(CommentEvent), client.listenerCount(GiftEvent)]).toEqual([0, 0]);
    offRaw();
    await comments.return?.();
    await pool.close();
  });

  it("polls a room that is not live and connects once it goes live", async () => {
    const sim = await room("sleepy", "7000000000000000003", ["hello"], true);
    const pool = new TikTokLivePool({
      createClient: (id, o) => new TikTokLiveClient(id, { ...o, baseUrls: sim.baseUrls }),
      pollIntervalMs: 30,
    });
    const first = pool.events(CommentEvent).next();
    pool.add("sleepy");
    await expect.poll(() => sim.state.requests.length).toBeGreaterThan(2);
    expect(pool.rooms[0]?.state).toBe("waiting");
    sim.state.status = 2;
    const { value } = await first;
    expect(value?.event.comment).toBe("hello");
    expect(value?.room.uniqueId).toBe("sleepy");
    await pool.close();
  });
});
