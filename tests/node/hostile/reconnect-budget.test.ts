/**
 * Issue 14, row 3: no push-server behaviour can keep the client reconnecting
 * for ever. Every way a socket dies goes through one budget: attempts reset
 * only by a healthy session, and a per-client ceiling on sign requests.
 */
import { ReconnectBudgetError, ReconnectingEvent, WebSocketClosedError } from "@tiktok-live/node";
import { chat, type HostileFault, userByName } from "@tiktok-live/testkit";
import { describe, expect, it } from "vitest";
import { client, nextDisconnect, simulator } from "./setup.js";

const socketDeaths: HostileFault[] = [
  "accept-and-drop",
  "handshake-reject",
  "oversized-frame",
  "reset-mid-frame",
  "ping-storm",
];

describe("row 3: the reconnect budget holds whatever kills the socket", () => {
  it.each(socketDeaths)(
    "%s: attempts count up to maxAttempts, then reconnect-failed with ReconnectBudgetError",
    async (fault) => {
      const sim = await simulator();
      const c = client(sim, { limits: { maxFrameBytes: 1024 * 1024 } });
      const attempts: number[] = [];
      c.on(ReconnectingEvent, (e) => {
        attempts.push(e.attempt);
      });
      await c.connect();
      const disconnected = nextDisconnect(c);
      await sim.inject(fault);
      const event = await disconnected;
      expect(event.reason).toBe("reconnect-failed");
      expect(event.error).toBeInstanceOf(ReconnectBudgetError);
      expect((event.error as ReconnectBudgetError).limit).toBe("attempts");
      expect(event.error?.message).toContain("5 attempts without a healthy session");
      // The count goes up instead of starting again at 1 after each socket that opened.
      expect(attempts).toEqual([1, 2, 3, 4, 5]);
      // The first connect plus one sign per attempt, no more.
      expect(sim.state.signRequests.length).toBe(6);
    },
  );

  it("1009 (a frame over the limit) is a WebSocketClosedError with the code, as the cause", async () => {
    const sim = await simulator();
    const c = client(sim, { limits: { maxFrameBytes: 1024 * 1024 }, reconnect: { maxAttempts: 1 } });
    await c.connect();
    const disconnected = nextDisconnect(c);
    await sim.inject("oversized-frame");
    const cause = (await disconnected).error?.cause;
    expect(cause).toBeInstanceOf(WebSocketClosedError);
    expect((cause as WebSocketClosedError).closeCode).toBe(1009);
  });

  it("a session that delivers messages but dies young does not reset the attempts", async () => {
    const sim = await simulator();
    const c = client(sim, { reconnect: { maxAttempts: 3 } });
    await c.connect();
    const disconnected = nextDisconnect(c);
    // Every session gets one real batch, then the server cuts it.
    let n = 0;
    const cut = setInterval(() => {
      for (const s of sim.push.sessions) {
        if (s.entered && !s.closed) {
          sim.send(chat(userByName("alice.streams"), `message ${n++}`));
          s.socket.terminate();
        }
      }
    }, 20);
    try {
      const event = await disconnected;
      expect(event.reason).toBe("reconnect-failed");
      expect((event.error as ReconnectBudgetError).limit).toBe("attempts");
      expect(sim.state.signRequests.length).toBe(4);
    } finally {
      clearInterval(cut);
    }
  });

  it("healthy sessions reset the attempts, yet the per-minute sign ceiling still stops the loop", async () => {
    const sim = await simulator();
    // healthyAfterMs 0: any session with a batch is healthy, so only the sign ceiling can stop it.
    const c = client(sim, { reconnect: { maxAttempts: 2, healthyAfterMs: 0, maxSignRequestsPerMinute: 6 } });
    await c.connect();
    const disconnected = nextDisconnect(c);
    let n = 0;
    const cut = setInterval(() => {
      for (const s of sim.push.sessions) {
        if (s.entered && !s.closed) {
          sim.send(chat(userByName("bob_builds"), `message ${n++}`));
          setTimeout(() => s.socket.terminate(), 5);
        }
      }
    }, 20);
    try {
      const event = await disconnected;
      expect(event.reason).toBe("reconnect-failed");
      const error = event.error as ReconnectBudgetError;
      expect(error).toBeInstanceOf(ReconnectBudgetError);
      expect(error.limit).toBe("sign-per-minute");
      expect(error.message).toContain("maxSignRequestsPerMinute");
      expect(error.retryAt).toBeInstanceOf(Date);
      expect(sim.state.signRequests.length).toBe(6);
    } finally {
      clearInterval(cut);
    }
  });

  it("the sign ceiling also refuses a connect() past it, saying when it frees up", async () => {
    const sim = await simulator();
    const c = client(sim, { reconnect: { maxSignRequestsPerHour: 2 } });
    await c.connect();
    await c.disconnect();
    await c.connect();
    await c.disconnect();
    const error = await c.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReconnectBudgetError);
    expect((error as ReconnectBudgetError).limit).toBe("sign-per-hour");
    expect(sim.state.signRequests.length).toBe(2);
  });
});
