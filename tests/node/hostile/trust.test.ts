/**
 * Issue 14, rows 1, 2 and 5: a hostile sign server must not get the user's
 * secrets to another host, replace the session cookies, or carry the API key
 * across origins. Driven by the simulator's named faults; the foreign host
 * records everything it receives.
 */
import { UntrustedHostError } from "@tiktok-live/node";
import { describe, expect, it } from "vitest";
import { client, rejection, simulator, userSessionId } from "./setup.js";

describe("row 1: push-host-elsewhere", () => {
  it("refuses a pushServer on another host over ws:, and that host receives nothing", async () => {
    const sim = await simulator({ faults: ["push-host-elsewhere"] });
    const c = client(sim, { sessionId: userSessionId, sendSessionToSignServer: false });
    const error = await rejection(c.connect());
    expect(error).toBeInstanceOf(UntrustedHostError);
    expect((error as UntrustedHostError).host).toBe(new URL(sim.foreign.origin).host);
    expect(sim.faultStats.acted["push-host-elsewhere"]).toBe(1);
    expect(sim.foreign.received).toEqual([]);
  });
});

describe("row 2: sign-sets-session-cookie", () => {
  it("the sign server's sessionid / sid_tt never replace the user's, on the push handshake or on HTTP", async () => {
    const sim = await simulator({ faults: ["sign-sets-session-cookie"] });
    const c = client(sim, { sessionId: userSessionId });
    await c.connect();
    const session = await sim.waitForClient();
    expect(sim.faultStats.acted["sign-sets-session-cookie"]).toBe(1);
    expect(session.cookie).toContain(`sessionid=${userSessionId}`);
    expect(session.cookie).toContain(`sid_tt=${userSessionId}`);
    expect(session.cookie).not.toContain("evil-session");
    await c.isLive();
    for (const r of sim.state.requests) expect(r.cookie).not.toContain("evil-session");
  });
});

describe("row 5: sign-redirect-cross-origin", () => {
  it("does not follow the sign server's 302 to another origin, so X-Api-Key stays home", async () => {
    const sim = await simulator({ apiKey: "sim-secret-key", faults: ["sign-redirect-cross-origin"] });
    const c = client(sim, { reconnect: { maxAttempts: 0 } });
    const error = await rejection(c.connect());
    expect(error).toBeInstanceOf(Error);
    expect(sim.faultStats.acted["sign-redirect-cross-origin"]).toBeGreaterThanOrEqual(1);
    const leaked = sim.foreign.received.filter((r) => JSON.stringify(r.headers).includes("sim-secret-key"));
    expect(leaked).toEqual([]);
  });
});
