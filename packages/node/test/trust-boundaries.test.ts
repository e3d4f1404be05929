/**
 * Issue 14, rows 1, 2 and 6, end to end: a sign server that names a foreign
 * push host, sends session cookies of its own, or asks for absurd waits.
 * Real servers throughout: the simulator, plus a bare HTTP server standing
 * in for the foreign host.
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type Simulator, startSimulator } from "@tiktok-live/testkit";
import { afterEach, describe, expect, it } from "vitest";
import {
  RateLimitError,
  TikTokLiveClient,
  type TikTokLiveClientOptions,
  UntrustedHostError,
} from "../src/index.js";

/** The longest delay `setTimeout` holds (2^31 − 1 ms); longer Retry-After values are clamped to it. */
const maxTimerDelayMs = 2 ** 31 - 1;

const sessionId = "c0ffee0123456789abcdef0123456789";

/** A host that records every WebSocket handshake it is offered, then hangs up. */
async function foreignHost(): Promise<{ port: number; handshakes: IncomingHttpHeaders[]; server: Server }> {
  const handshakes: IncomingHttpHeaders[] = [];
  const server = createServer((_req, res) => res.end());
  server.on("upgrade", (req, socket) => {
    handshakes.push(req.headers);
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: (server.address() as AddressInfo).port, handshakes, server };
}

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function setup(): Promise<{ sim: Simulator; foreign: Awaited<ReturnType<typeof foreignHost>> }> {
  const sim = await startSimulator();
  const foreign = await foreignHost();
  cleanups.push(
    () => sim.close(),
    () => new Promise((r) => foreign.server.close(r)),
  );
  return { sim, foreign };
}

function client(sim: Simulator, options: TikTokLiveClientOptions = {}): TikTokLiveClient {
  const c = new TikTokLiveClient(`@${sim.uniqueId}`, {
    ...sim.clientOptions(),
    sessionId,
    heartbeatIntervalMs: 1_000,
    reconnect: { maxAttempts: 0 },
    ...options,
  });
  cleanups.push(() => c.disconnect());
  return c;
}

describe("row 1: the push host must be TikTok's or one the user configured", () => {
  it("refuses a push server on another host over ws:, before any handshake, naming the host", async () => {
    const { sim, foreign } = await setup();
    sim.state.pushServerUrl = () => `ws://127.0.0.1:${foreign.port}/webcast/im/push/v2/`;
    const c = client(sim);

    const error = await c.connect().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(UntrustedHostError);
    expect((error as UntrustedHostError).code).toBe("UNTRUSTED_HOST");
    expect((error as UntrustedHostError).host).toBe(`127.0.0.1:${foreign.port}`);
    expect((error as Error).message).toContain(`127.0.0.1:${foreign.port}`);
    expect(foreign.handshakes).toHaveLength(0);
    // sendSessionToSignServer is off: the sign server never saw the session either.
    expect(JSON.stringify(sim.state.signRequests)).not.toContain(sessionId);
    expect(c.state).toBe("disconnected");
  });

  it("goes to a host the user listed in trustedPushHosts", async () => {
    const { sim, foreign } = await setup();
    sim.state.pushServerUrl = () => `ws://127.0.0.1:${foreign.port}/webcast/im/push/v2/`;
    const c = client(sim, { trustedPushHosts: [`ws://127.0.0.1:${foreign.port}`] });

    await c.connect().catch(() => {});

    expect(foreign.handshakes).toHaveLength(1);
    expect(foreign.handshakes[0]?.cookie).toContain(`sessionid=${sessionId}`);
  });

  it("keeps the simulator working: its push host is the host of the configured baseUrls", async () => {
    const { sim } = await setup();
    const c = client(sim);
    await c.connect();
    expect(c.state).toBe("connected");
  });
});

describe("row 2: the sign server's cookies never replace the session", () => {
  it("drops sessionid / sid_tt from X-Set-TT-Cookie; the handshake carries the user's session", async () => {
    const { sim } = await setup();
    // Spliced into the simulator's X-Set-TT-Cookie header: three more cookies after ttwid.
    sim.state.ttwid = "simcookie; Path=/, sessionid=evil, sid_tt=evil, sessionid_ss=evil";
    const c = client(sim);

    await c.connect();

    const cookie = sim.push.handshakes.at(-1)?.cookie ?? "";
    expect(cookie).toContain("ttwid=simcookie");
    expect(cookie).toContain(`sessionid=${sessionId}`);
    expect(cookie).toContain(`sid_tt=${sessionId}`);
    expect(cookie).not.toContain("evil");
  });

  it("keeps the sign server's cookies out of HTTP requests to TikTok", async () => {
    const { sim } = await setup();
    const c = client(sim);
    await c.connect();
    await c.isLive();
    const last = sim.state.requests.at(-1);
    expect(JSON.stringify(last)).not.toContain(sim.state.ttwid);
  });
});

describe("row 6: Retry-After never overflows a timer nor parks connect()", () => {
  it("gives up at once on Retry-After: 99999999 with a RateLimitError carrying retryAt", async () => {
    const { sim } = await setup();
    sim.state.signFaults.push(
      ...Array.from({ length: 6 }, () => ({ status: 429 as const, retryAfterSeconds: 99_999_999 })),
    );
    const c = client(sim, { reconnect: { maxAttempts: 5 } });
    const before = Date.now();

    const error = await c.connect().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RateLimitError);
    const limited = error as RateLimitError;
    expect(limited.retryAfter).toBe(99_999_999_000);
    expect(limited.retryAt).toBeInstanceOf(Date);
    expect(limited.retryAt!.getTime()).toBeGreaterThanOrEqual(before + 99_999_999_000);
    expect(limited.message).toMatch(/maxRetryAfterMs/);
    // One request, not one per overflowed 1 ms timer.
    expect(sim.state.signRequests).toHaveLength(1);
  });

  it("gives up on Retry-After: 3600 under the default maxRetryAfterMs (5 min) instead of waiting an hour", async () => {
    const { sim } = await setup();
    sim.state.signFaults.push({ status: 429, retryAfterSeconds: 3600 });
    const c = client(sim, { reconnect: { maxAttempts: 5 } });
    const error = await c.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(sim.state.signRequests).toHaveLength(1);
  });

  it("waits and retries when Retry-After is within maxRetryAfterMs", async () => {
    const { sim } = await setup();
    sim.state.signFaults.push({ status: 429, retryAfterSeconds: 0 });
    const c = client(sim, { reconnect: { maxAttempts: 5, initialDelayMs: 1 } });
    await c.connect();
    expect(sim.state.signRequests).toHaveLength(2);
  });

  it("stops reconnecting on a Retry-After past maxRetryAfterMs: reconnect-failed with the RateLimitError", async () => {
    const { sim } = await setup();
    const c = client(sim, { reconnect: { maxAttempts: 5, initialDelayMs: 1, maxDelayMs: 1 } });
    const disconnected = c.waitFor("disconnect");
    await c.connect();
    const before = sim.state.signRequests.length;
    sim.state.signFaults.push(
      ...Array.from({ length: 6 }, () => ({ status: 429 as const, retryAfterSeconds: 99_999_999 })),
    );

    sim.push.drop();
    const event = await disconnected;

    expect(event.reason).toBe("reconnect-failed");
    expect(event.error).toBeInstanceOf(RateLimitError);
    expect((event.error as RateLimitError).retryAt).toBeInstanceOf(Date);
    expect(event.error?.message.match(/gave up/g)).toHaveLength(1);
    expect(sim.state.signRequests.length - before).toBe(1);
  });

  it("refuses a maxRetryAfterMs beyond what a timer holds", () => {
    expect(() => new TikTokLiveClient("@user", { maxRetryAfterMs: maxTimerDelayMs + 1 })).toThrow(
      /maxRetryAfterMs must be at most 2147483647 ms/,
    );
  });
});
