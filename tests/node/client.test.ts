import { inspect } from "node:util";
import {
  AgeRestrictedError,
  CommentEvent,
  ConnectEvent,
  DecodeError,
  DisconnectEvent,
  FollowEvent,
  GiftEvent,
  LikeEvent,
  LiveEndEvent,
  LivePauseEvent,
  LiveUnpauseEvent,
  NotAuthenticatedError,
  ReconnectingEvent,
  ShareEvent,
  SignServerError,
  SocialEvent,
  SuperFanBoxEvent,
  SuperFanEvent,
  SuperFanJoinEvent,
  TikTokLiveClient,
  type TikTokLiveClientOptions,
  type TikTokLiveError,
  TimeoutError,
  UnknownEvent,
  UserNotFoundError,
  UserOfflineError,
} from "@tiktok-live/node";
import {
  chat,
  control,
  encodeBatchFrame,
  envelope,
  gift,
  giftByName,
  like,
  type Simulator,
  type SimulatorOptions,
  social,
  startSimulator,
  superFanBarrage,
  unknown,
  userByName,
} from "@tiktok-live/testkit";
import { afterEach, describe, expect, it, vi } from "vitest";

const alice = userByName("alice.streams");
const bob = userByName("bob_builds");
const carol = userByName("carol");

/** Short intervals so the whole file runs in a few seconds. */
const fast: TikTokLiveClientOptions = {
  heartbeatIntervalMs: 100,
  // Generous next to the heartbeat: a loaded CI machine can stall the event loop for a few hundred ms.
  silenceTimeoutMs: 2_000,
  requestTimeoutMs: 3_000,
  reconnect: { initialDelayMs: 10, maxDelayMs: 50, maxAttempts: 8 },
};

const sims: Simulator[] = [];
const clients: TikTokLiveClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) await c.disconnect();
  for (const s of sims.splice(0)) await s.close();
});

async function sim(options: SimulatorOptions = {}): Promise<Simulator> {
  const s = await startSimulator(options);
  sims.push(s);
  return s;
}

function client(
  s: Simulator,
  options: TikTokLiveClientOptions = {},
  uniqueId = s.uniqueId,
): TikTokLiveClient {
  const c = new TikTokLiveClient(uniqueId, { ...s.clientOptions(), ...fast, ...options });
  clients.push(c);
  return c;
}

/** A client connected and entered into the room, ready for `sim.send`. */
async function connected(s: Simulator, options: TikTokLiveClientOptions = {}) {
  const c = client(s, options);
  await c.connect();
  const session = await s.waitForClient(5_000);
  return { client: c, session };
}

async function until(condition: () => boolean, timeoutMs = 3_000, what = "condition"): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Records every timer created through the global timer functions until it fires or is
 * cleared. `pending()` lists the ones still able to keep the process alive (ref'd).
 */
function trackTimers() {
  const g = globalThis as unknown as Record<string, (...args: unknown[]) => unknown>;
  const original = {
    setTimeout: g.setTimeout!,
    setInterval: g.setInterval!,
    clearTimeout: g.clearTimeout!,
    clearInterval: g.clearInterval!,
  };
  const live = new Map<unknown, string>();
  g.setTimeout = (fn: unknown, ...rest: unknown[]) => {
    const handle = original.setTimeout(
      (...args: unknown[]) => {
        live.delete(handle);
        if (typeof fn === "function") fn(...args);
      },
      ...rest,
    );
    live.set(handle, new Error("setTimeout").stack ?? "");
    return handle;
  };
  g.setInterval = (...args: unknown[]) => {
    const handle = original.setInterval(...args);
    live.set(handle, new Error("setInterval").stack ?? "");
    return handle;
  };
  g.clearTimeout = (handle: unknown) => {
    live.delete(handle);
    return original.clearTimeout(handle);
  };
  g.clearInterval = (handle: unknown) => {
    live.delete(handle);
    return original.clearInterval(handle);
  };
  return {
    pending: () =>
      [...live]
        .filter(([h]) => (h as { hasRef?: () => boolean }).hasRef?.() !== false)
        .map(([, stack]) => ({ stack })),
    restore: () => Object.assign(g, original),
  };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new Error("expected the promise to reject");
}

describe("connect", () => {
  it("resolves with the room info and ends in state connected", async () => {
    const s = await sim();
    const c = client(s);
    const states: string[] = [];
    c.onStateChange((to) => states.push(to));
    const connects: ConnectEvent[] = [];
    c.on(ConnectEvent, (e) => connects.push(e));

    const info = await c.connect();

    expect(info).toBeDefined();
    expect(info!.id_str).toBe(s.roomId);
    expect(info!.title).toBe("Simulated LIVE");
    expect(info!.user_count).toBe(1234);
    expect(info!.owner?.display_id).toBe("simulated_host");
    expect(c.roomInfo).toBe(info);
    expect(c.state).toBe("connected");
    expect(c.isConnected).toBe(true);
    expect(c.roomId).toBe("7311111111111111111");
    expect(states).toEqual(["resolving-room", "signing", "connecting", "connected"]);
    expect(connects).toHaveLength(1);
    expect(connects[0]!.uniqueId).toBe("simulated_host");
    expect(connects[0]!.roomId).toBe("7311111111111111111");
    const session = await s.waitForClient();
    expect(session.query.get("room_id")).toBe(s.roomId);
    expect(session.enterCursor).toBe("sim-0");
  });

  it("a second connect() while connected throws InvalidStateError", async () => {
    const s = await sim();
    const { client: c } = await connected(s);
    const e = await rejection(c.connect());
    expect((e as TikTokLiveError).name).toBe("InvalidStateError");
    expect(c.state).toBe("connected");
  });

  it("an offline user rejects with UserOfflineError and no DisconnectEvent", async () => {
    const s = await sim({ offline: true });
    const c = client(s);
    const disconnects = vi.fn();
    c.on(DisconnectEvent, disconnects);
    const e = await rejection(c.connect());
    expect(e).toBeInstanceOf(UserOfflineError);
    expect((e as UserOfflineError).uniqueId).toBe("simulated_host");
    expect((e as UserOfflineError).code).toBe("USER_OFFLINE");
    expect(c.state).toBe("disconnected");
    expect(disconnects).not.toHaveBeenCalled();
    expect(s.state.signRequests).toHaveLength(0);
  });

  it("an unknown user rejects with UserNotFoundError and leaves the client disconnected", async () => {
    const s = await sim();
    const c = client(s, {}, "@nobody_here");
    const e = await rejection(c.connect());
    expect(e).toBeInstanceOf(UserNotFoundError);
    expect((e as UserNotFoundError).uniqueId).toBe("nobody_here");
    expect((e as UserNotFoundError).message).toBe(
      "TikTok user @nobody_here was not found or has never been live",
    );
    expect(c.state).toBe("disconnected");
    expect(c.isConnected).toBe(false);
    expect(s.push.handshakes).toHaveLength(0);
  });

  it("an age-restricted room rejects with AgeRestrictedError without a session, and connects with one", async () => {
    const s = await sim({ ageRestricted: true });
    const anonymous = client(s);
    const e = await rejection(anonymous.connect());
    expect(e).toBeInstanceOf(AgeRestrictedError);
    expect((e as AgeRestrictedError).code).toBe("AGE_RESTRICTED");
    expect(anonymous.state).toBe("disconnected");

    const loggedIn = client(s, { sessionId: "adultSession123" });
    const info = await loggedIn.connect();
    expect(info!.id_str).toBe(s.roomId);
    expect(loggedIn.state).toBe("connected");
  });

  it("waits out a 429 with Retry-After: 1, then connects", async () => {
    const s = await sim();
    s.failSigning({ status: 429, retryAfterSeconds: 1 });
    const warn = vi.fn();
    const c = client(s, { logger: { debug() {}, info() {}, warn, error() {} } });
    const started = Date.now();
    await c.connect();
    const took = Date.now() - started;
    expect(c.state).toBe("connected");
    expect(took).toBeGreaterThanOrEqual(980);
    expect(took).toBeLessThan(5_000);
    expect(s.state.signRequests).toHaveLength(2);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toMatch(/signing failed .*; retrying in 1000 ms$/);
  });

  it("retries a 503 twice with short delays, then connects", async () => {
    const s = await sim();
    s.failSigning({ status: 503 }, { status: 503 });
    const c = client(s);
    const started = Date.now();
    await c.connect();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(c.state).toBe("connected");
    expect(s.state.signRequests).toHaveLength(3);
    expect(s.push.handshakes.filter((h) => h.accepted)).toHaveLength(1);
  });

  it("gives up on a sign server that keeps failing after maxAttempts retries", async () => {
    const s = await sim();
    s.failSigning(...Array.from({ length: 10 }, () => ({ status: 500 as const })));
    const c = client(s, { reconnect: { initialDelayMs: 1, maxDelayMs: 2, maxAttempts: 2 } });
    const e = await rejection(c.connect());
    expect(e).toBeInstanceOf(SignServerError);
    expect((e as SignServerError).status).toBe(500);
    expect(s.state.signRequests).toHaveLength(3);
    expect(c.state).toBe("disconnected");
  });

  it("does not retry a rejected API key", async () => {
    const s = await sim({ apiKey: "right-key" });
    const c = client(s, { signApiKey: "wrong-key" });
    const e = await rejection(c.connect());
    expect(e).toBeInstanceOf(SignServerError);
    expect((e as SignServerError).status).toBe(401);
    expect(s.state.signRequests).toHaveLength(1);
  });
});

describe("subscriptions", () => {
  it("waitFor(CommentEvent) resolves with the next comment", async () => {
    const s = await sim();
    const { client: c } = await connected(s);
    const next = c.waitFor(CommentEvent);
    s.send(like(bob, 1, 1), chat(alice, "hello there"));
    const e = await next;
    expect(e).toBeInstanceOf(CommentEvent);
    expect(e.comment).toBe("hello there");
    expect(e.user.nickname).toBe("Alice");
    expect(e.user.userId).toBe(alice.userId);
  });

  it("waitFor with a timeout rejects with TimeoutError", async () => {
    const s = await sim();
    const { client: c } = await connected(s);
    const started = Date.now();
    const e = await rejection(c.waitFor(CommentEvent, { timeout: 80 }));
    expect(e).toBeInstanceOf(TimeoutError);
    expect((e as TimeoutError).message).toBe('No "comment" event within 80 ms');
    expect(Date.now() - started).toBeGreaterThanOrEqual(70);
  });

  it("waitFor with an already aborted signal rejects with the signal's reason", async () => {
    const s = await sim();
    const { client: c } = await connected(s);
    const reason = new Error("caller gave up");
    const e = await rejection(c.waitFor(CommentEvent, { signal: AbortSignal.abort(reason), timeout: 1_000 }));
    expect(e).toBe(reason);
    // The abandoned waiter is gone: a comment afterwards reaches only live listeners.
    const seen: string[] = [];
    c.on(CommentEvent, (ev) => seen.push(ev.comment));
    s.send(chat(alice, "after abort"));
    await until(() => seen.length === 1);
  });

  it("waitFor rejects when its signal aborts while waiting", async () => {
    const s = await sim();
    const { client: c } = await connected(s);
    const controller = new AbortController();
    const waiting = c.waitFor("gift", { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("stop waiting")), 20);
    const e = await rejection(waiting);
    expect((e as Error).message).toBe("stop waiting");
  });

  it("waitFor rejects with TimeoutError when the client disconnects first", async () => {
    const s = await sim();
    const { client: c } = await connected(s);
    const waiting = c.waitFor(GiftEvent);
    await c.disconnect();
    const e = await rejection(waiting);
    expect(e).toBeInstanceOf(TimeoutError);
    expect((e as TimeoutError).message).toBe('The client disconnected before a "gift" event');
  });

  it("events(CommentEvent, GiftEvent) yields both kinds in order and ends on disconnect", async () => {
    const s = await sim();
    const { client: c } = await connected(s);
    const got: string[] = [];
    const loop = (async () => {
      for await (const e of c.events(CommentEvent, GiftEvent)) {
        got.push(e instanceof CommentEvent ? `comment:${e.comment}` : `gift:${(e as GiftEvent).gift.name}`);
      }
      return "ended";
    })();
    const lastLike = c.waitFor(LikeEvent);
    const rose = giftByName("Rose");
    s.send(chat(alice, "one"));
    s.send(gift(carol, rose, { repeatCount: 1, repeatEnd: true, groupId: 1n }), chat(bob, "two"));
    s.send(like(bob, 1, 1), chat(carol, "three"));
    s.send(like(bob, 2, 3));
    await lastLike;
    await c.disconnect();
    await expect(loop).resolves.toBe("ended");
    expect(got).toEqual(["comment:one", "gift:Rose", "comment:two", "comment:three"]);
  });

  it("breaking out of events() stops its delivery", async () => {
    const s = await sim();
    const { client: c } = await connected(s);
    s.send(chat(alice, "first"), chat(alice, "second"));
    for await (const e of c.events(CommentEvent)) {
      expect((e as CommentEvent).comment).toBe("first");
      break;
    }
    const it2 = c.events(CommentEvent);
    s.send(chat(alice, "third"));
    const next = await it2.next();
    expect((next.value as CommentEvent).comment).toBe("third");
    await it2.return?.();
  });

  it("once fires exactly once", async () => {
    const s = await sim();
    const { client: c } = await connected(s);
    const once = vi.fn();
    const all: string[] = [];
    c.once(CommentEvent, once);
    c.on(CommentEvent, (e) => all.push(e.comment));
    s.send(chat(alice, "a"));
    s.send(chat(alice, "b"), chat(bob, "c"));
    await until(() => all.length === 3);
    expect(once).toHaveBeenCalledTimes(1);
    expect((once.mock.calls[0]![0] as CommentEvent).comment).toBe("a");
  });

  it("off stops delivery", async () => {
    const s = await sim();
    const { client: c } = await connected(s);
    const handler = vi.fn();
    const all: string[] = [];
    c.on(CommentEvent, handler);
    c.on("comment", (e) => all.push(e.comment));
    s.send(chat(alice, "before off"));
    await until(() => all.length === 1);
    c.off(CommentEvent, handler);
    s.send(chat(alice, "after off"));
    await until(() => all.length === 2);
    expect(handler).toHaveBeenCalledTimes(1);
    expect((handler.mock.calls[0]![0] as CommentEvent).comment).toBe("before off");
  });

  it("the function returned by on() unsubscribes too", async () => {
    const s = await sim();
    const { client: c } = await connected(s);
    const handler = vi.fn();
    const all: string[] = [];
    const unsubscribe = c.on("comment", handler);
    c.on("comment", (e) => all.push(e.comment));
    unsubscribe();
    s.send(chat(alice, "x"));
    await until(() => all.length === 1);
    expect(handler).not.toHaveBeenCalled();
  });
});

describe("disconnect", () => {
  it("emits DisconnectEvent('client'), ends in disconnected and leaves no timer or socket behind", async () => {
    const handles = () => {
      const counts: Record<string, number> = {};
      for (const r of process.getActiveResourcesInfo()) counts[r] = (counts[r] ?? 0) + 1;
      return counts;
    };
    const sockets = ["TCPSocketWrap", "TCPServerWrap"];
    const total = (c: Record<string, number>) => sockets.reduce((n, k) => n + (c[k] ?? 0), 0);
    // Let what earlier tests left closing finish first, so the baseline is stable.
    let before = handles();
    for (let i = 0; i < 40; i++) {
      await sleep(25);
      const now = handles();
      const stable = total(now) === total(before);
      before = now;
      if (stable && i >= 1) break;
    }
    // Node 20's "Timeout" count in getActiveResourcesInfo() drifts once intervals have fired,
    // so timers are tracked exactly: every timer created from here on, until it fires or is cleared.
    const timers = trackTimers();
    try {
      const s = await startSimulator();
      const c = new TikTokLiveClient(s.uniqueId, { ...s.clientOptions(), ...fast });
      const disconnects: DisconnectEvent[] = [];
      c.on(DisconnectEvent, (e) => disconnects.push(e));
      await c.connect();
      await s.waitForClient();
      await sleep(150);
      // While connected there are timers (heartbeat, watchdog) and sockets; the checks below can see them.
      expect(timers.pending().length).toBeGreaterThanOrEqual(2);
      expect(total(handles())).toBeGreaterThan(total(before));

      await c.disconnect();

      expect(c.state).toBe("disconnected");
      expect(disconnects).toHaveLength(1);
      expect(disconnects[0]!.reason).toBe("client");
      expect(disconnects[0]!.closeCode).toBe(1000);
      expect(disconnects[0]!.error).toBeUndefined();
      // The server sees the session end: the client closed its socket itself.
      await until(() => s.push.sessions.size === 0, 2_000, "the push session to close");
      expect(s.push.handshakes).toHaveLength(1);
      await s.close();

      await until(() => timers.pending().length === 0, 2_000, "timers to finish").catch(() => {});
      expect(timers.pending().map((t) => t.stack)).toEqual([]);
      let after = handles();
      await until(
        () => {
          after = handles();
          return sockets.every((k) => (after[k] ?? 0) <= (before[k] ?? 0));
        },
        2_000,
        "sockets to close",
      ).catch(() => {});
      for (const k of [...sockets, "Timeout"]) {
        expect(after[k] ?? 0, `${k} handles left after disconnect`).toBeLessThanOrEqual(before[k] ?? 0);
      }
      // Disconnecting twice is harmless and emits nothing new.
      await c.disconnect();
      expect(disconnects).toHaveLength(1);
    } finally {
      timers.restore();
    }
  });

  it("no heartbeat is sent after disconnect", async () => {
    const s = await sim();
    const { client: c, session } = await connected(s);
    await until(() => session.heartbeats >= 2);
    await c.disconnect();
    const sent = session.heartbeats;
    await sleep(300);
    expect(session.heartbeats).toBe(sent);
    expect(session.closed).toBe(true);
  });

  it("disconnect() while connecting makes run() resolve, not reject", async () => {
    const s = await sim();
    const c = client(s);
    const running = c.run();
    expect(c.state).toBe("resolving-room");
    await c.disconnect();
    await expect(running).resolves.toBeUndefined();
    expect(c.state).toBe("disconnected");
    expect(s.push.sessions.size).toBe(0);
  });

  it("run() resolves when the live ends", async () => {
    const s = await sim();
    const c = client(s);
    const ran = c.run();
    await s.waitForClient();
    s.endLive();
    await expect(ran).resolves.toBeUndefined();
    expect(c.state).toBe("ended");
  });
});

describe("the push connection", () => {
  it("heartbeats reach the server with the room id and increasing sequence numbers", async () => {
    const s = await sim();
    const { session } = await connected(s);
    await until(() => session.heartbeats >= 3, 2_000, "three heartbeats");
    expect(session.heartbeatRoomId).toBe(BigInt(s.roomId));
    expect(session.lastHeartbeatSeq).toBeGreaterThanOrEqual(3n);
  });

  it("acks frames that need it with their internal ext, and only those", async () => {
    const s = await sim();
    const { client: c, session } = await connected(s);
    const comments: string[] = [];
    c.on(CommentEvent, (e) => comments.push(e.comment));
    s.sendRaw(
      encodeBatchFrame([chat(alice, "needs ack")], 777_001n, 1n, {
        cursor: "sim-0",
        internalExt: "internal_src:sim|ack-me",
        needAck: true,
      }),
    );
    s.sendRaw(
      encodeBatchFrame([chat(alice, "no ack")], 777_002n, 2n, {
        cursor: "sim-0",
        internalExt: "internal_src:sim|do-not-ack",
        needAck: false,
      }),
    );
    s.send(chat(bob, "regular"));
    await until(() => comments.length === 3);
    await until(() => session.acks.size >= 2, 2_000, "acks");
    expect(session.acks.get(777_001n)).toBe("internal_src:sim|ack-me");
    expect(session.acks.has(777_002n)).toBe(false);
    expect([...session.acks.values()]).toContain(`internal_src:sim|cursor:${s.log.length}`);
    expect(comments).toEqual(["needs ack", "no ack", "regular"]);
  });

  it("a stalled server makes the client reconnect; no event is lost or repeated", async () => {
    const s = await sim();
    const { client: c } = await connected(s, { silenceTimeoutMs: 700 });
    const comments: string[] = [];
    const reconnects: ReconnectingEvent[] = [];
    const disconnects = vi.fn();
    c.on(CommentEvent, (e) => comments.push(e.comment));
    c.on(ReconnectingEvent, (e) => reconnects.push(e));
    c.on(DisconnectEvent, disconnects);

    s.send(chat(alice, "c1"), chat(bob, "c2"));
    await until(() => comments.length === 2);
    // Silent for longer than the silence timeout plus a reconnect delay, so the
    // first reconnect attempt also meets the stalled server.
    s.push.stall(1_800);
    s.send(chat(carol, "c3 during stall"));
    s.send(chat(alice, "c4 during stall"));
    await until(() => reconnects.length >= 1, 4_000, "a reconnect");
    expect(reconnects[0]!.attempt).toBe(1);
    expect(reconnects[0]!.cause?.name).toBe("WebSocketClosedError");
    await until(() => c.isConnected && s.push.sessions.size === 1, 8_000, "the client to be back");
    await s.waitForClient();
    s.send(chat(bob, "c5 after"));
    await until(() => comments.length >= 5, 3_000, "five comments");
    await sleep(50);

    expect(comments).toEqual(["c1", "c2", "c3 during stall", "c4 during stall", "c5 after"]);
    expect(disconnects).not.toHaveBeenCalled();
    expect(c.state).toBe("connected");
    const resumed = s.state.signRequests.at(-1)!;
    expect(resumed.query.cursor).toBe("sim-2");
  });
});

describe("derived events through the simulator", () => {
  it("control 1/2/3 become LivePause, LiveUnpause, LiveEnd, then disconnect('live-ended')", async () => {
    const s = await sim();
    const { client: c } = await connected(s);
    const seen: string[] = [];
    c.on(LivePauseEvent, (e) => seen.push(`pause:${e.action}`));
    c.on(LiveUnpauseEvent, (e) => seen.push(`unpause:${e.action}`));
    c.on(LiveEndEvent, (e) => seen.push(`end:${e.action}:${e.tips}`));
    c.on(DisconnectEvent, (e) => seen.push(`disconnect:${e.reason}`));
    s.send(control(1));
    s.send(control(2));
    s.send(control(3));
    await until(() => seen.length === 4);
    expect(seen).toEqual(["pause:1", "unpause:2", "end:3:The LIVE has ended", "disconnect:live-ended"]);
    expect(c.state).toBe("ended");
  });

  it("follow and share keys give Follow/ShareEvent, and SocialEvent still fires", async () => {
    const s = await sim();
    const { client: c } = await connected(s);
    const seen: string[] = [];
    c.on(SocialEvent, (e) => seen.push(`social:${e.user.nickname}`));
    c.on(FollowEvent, (e) => seen.push(`follow:${e.user.nickname}`));
    c.on(ShareEvent, (e) => seen.push(`share:${e.user.nickname}`));
    s.send(social(bob, "follow"));
    s.send(social(alice, "share"));
    await until(() => seen.length === 4);
    expect(seen).toEqual(["social:Bob 🛠", "follow:Bob 🛠", "social:Alice", "share:Alice"]);
  });

  it("super fan barrages give SuperFanEvent and SuperFanJoinEvent", async () => {
    const s = await sim();
    const { client: c } = await connected(s);
    const seen: string[] = [];
    c.on(SuperFanEvent, (e) => seen.push(`superFan:${e.content.key}`));
    c.on(SuperFanJoinEvent, (e) => seen.push(`join:${e.content.key}`));
    s.send(superFanBarrage(carol, false), superFanBarrage(carol, true));
    await until(() => seen.length === 2);
    expect(seen).toEqual([
      "superFan:ttlive_superfan_commentNotif_superfanBadge",
      "join:ttlive_superfan_commentNotif_superfanJoined",
    ]);
  });

  it("an envelope of business type 19 gives SuperFanBoxEvent; an ordinary one does not", async () => {
    const s = await sim();
    const { client: c } = await connected(s);
    const boxes: SuperFanBoxEvent[] = [];
    c.on(SuperFanBoxEvent, (e) => boxes.push(e));
    s.send(envelope(carol, false));
    s.send(envelope(carol, true));
    s.send(envelope(bob, false));
    const marker = c.waitFor(CommentEvent);
    s.send(chat(alice, "marker"));
    await marker;
    expect(boxes).toHaveLength(1);
    expect(boxes[0]!.envelopeInfo.businessType).toBe(19);
    expect(boxes[0]!.envelopeInfo.sendUserName).toBe("Carol");
  });

  it("a method nobody listens to is never decoded: a corrupt gift raises no error", async () => {
    const s = await sim();
    const { client: c } = await connected(s);
    const errors: TikTokLiveError[] = [];
    const comments: string[] = [];
    c.on("error", (e) => errors.push(e));
    c.on(CommentEvent, (e) => comments.push(e.comment));
    s.send(unknown("WebcastGiftMessage", new Uint8Array([0x12, 0xff, 0x01])), chat(alice, "still here"));
    await until(() => comments.length === 1);
    await sleep(30);
    expect(errors).toEqual([]);

    // With a gift listener the same payload is decoded, and fails loudly.
    c.on(GiftEvent, () => {});
    s.send(unknown("WebcastGiftMessage", new Uint8Array([0x12, 0xff, 0x01])), chat(alice, "again"));
    await until(() => comments.length === 2);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(DecodeError);
    expect((errors[0] as DecodeError).method).toBe("WebcastGiftMessage");
    expect((errors[0] as DecodeError).byteLength).toBe(3);
  });

  it("an unknown method becomes UnknownEvent with its method and bytes", async () => {
    const s = await sim();
    const { client: c } = await connected(s);
    const next = c.waitFor(UnknownEvent);
    s.send(unknown("WebcastBrandNewFeatureMessage", new Uint8Array([8, 42, 16, 7])));
    const e = await next;
    expect(e).toBeInstanceOf(UnknownEvent);
    expect(e.method).toBe("WebcastBrandNewFeatureMessage");
    expect([...e.payload]).toEqual([8, 42, 16, 7]);
  });
});

describe("secrets", () => {
  const sessionId = "SessSECRETvalue1234567890";
  const apiKey = "euler_APIKEYsecret_0987654321";

  function assertClean(text: string): void {
    expect(text).not.toContain(sessionId);
    expect(text).not.toContain(apiKey);
  }

  function errorTexts(error: unknown): string[] {
    const out: string[] = [];
    for (let e = error, depth = 0; e !== undefined && e !== null && depth < 10; depth++) {
      if (e instanceof Error) {
        out.push(e.message, String(e), e.stack ?? "", JSON.stringify(e), inspect(e, { depth: 5 }));
        e = e.cause;
      } else {
        out.push(JSON.stringify(e) ?? String(e));
        break;
      }
    }
    return out;
  }

  it("JSON.stringify, util.inspect, errors and logs never contain the session id or API key", async () => {
    const s = await sim({ apiKey });
    const logs: string[] = [];
    const logger = {
      debug: (...a: unknown[]) => logs.push(a.map(String).join(" ")),
      info: (...a: unknown[]) => logs.push(a.map(String).join(" ")),
      warn: (...a: unknown[]) => logs.push(a.map(String).join(" ")),
      error: (...a: unknown[]) => logs.push(a.map(String).join(" ")),
    };
    s.failSigning({ status: 503 });
    const c = client(s, { sessionId, signApiKey: apiKey, logger });
    const errors: unknown[] = [];
    c.on("error", (e) => errors.push(e));
    await c.connect();
    await s.waitForClient();
    expect(c.state).toBe("connected");

    const json = JSON.stringify(c);
    assertClean(json);
    expect(JSON.parse(json)).toMatchObject({
      uniqueId: "simulated_host",
      state: "connected",
      authenticated: true,
    });
    assertClean(inspect(c, { depth: 10, showHidden: true }));
    assertClean(String(c));

    // A failing connect with the same secrets: the error and its causes stay clean.
    const wrong = client(s, { sessionId, signApiKey: `${apiKey}X`, logger });
    const failure = await rejection(wrong.connect());
    expect(failure).toBeInstanceOf(SignServerError);
    for (const text of errorTexts(failure)) assertClean(text);
    expect(errorTexts(failure).join("\n")).not.toContain(`${apiKey}X`);

    // A sign server that fails for good, retried with the secrets set.
    s.failSigning(...Array.from({ length: 5 }, () => ({ status: 500 as const })));
    const retried = client(s, {
      sessionId,
      signApiKey: apiKey,
      logger,
      reconnect: { maxAttempts: 1, initialDelayMs: 1, maxDelayMs: 1 },
    });
    for (const text of errorTexts(await rejection(retried.connect()))) assertClean(text);

    for (const e of errors) for (const text of errorTexts(e)) assertClean(text);
    expect(logs.length).toBeGreaterThan(0);
    for (const line of logs) assertClean(line);
  });

  it("the sign server never sees the Cookie header; the push handshake carries the ttwid cookie", async () => {
    const s = await sim();
    const { client: c } = await connected(s, { sessionId });
    s.push.drop();
    // The server accepts the handshake a moment before the client sees the socket open: wait for both.
    await until(
      () => s.push.handshakes.filter((h) => h.accepted).length === 2 && c.state === "connected",
      3_000,
      "a reconnect",
    );
    expect(s.state.signRequests.length).toBeGreaterThanOrEqual(2);
    for (const req of s.state.signRequests) {
      expect(req.headers.cookie).toBeUndefined();
      expect(JSON.stringify(req)).not.toContain(sessionId);
    }
    for (const h of s.push.handshakes) {
      expect(h.cookie).toContain(`ttwid=${s.state.ttwid}`);
      expect(h.accepted).toBe(true);
    }
    // TikTok's own hosts do get the session (room info needs it for 18+ rooms).
    const roomInfo = s.state.requests.find((r) => r.path === "/webcast/room/info/");
    expect(roomInfo?.cookie).toContain(`sessionid=${sessionId}`);
  });
});

describe("sendMessage", () => {
  it("without a session rejects with NotAuthenticatedError and sends nothing", async () => {
    const s = await sim();
    const c = client(s, { roomId: s.roomId });
    const e = await rejection(c.sendMessage("hello"));
    expect(e).toBeInstanceOf(NotAuthenticatedError);
    expect((e as NotAuthenticatedError).code).toBe("NOT_AUTHENTICATED");
    expect(s.state.chats).toEqual([]);
    expect(s.state.requests.filter((r) => r.path === "/sign/webcast/chat/")).toHaveLength(0);
  });

  it("with a session posts the comment, which the simulator records", async () => {
    const s = await sim();
    const { client: c } = await connected(s, { sessionId: "chatSession42" });
    await c.sendMessage("hello from the test");
    expect(s.state.chats).toEqual([{ roomId: s.roomId, content: "hello from the test" }]);
  });
});
