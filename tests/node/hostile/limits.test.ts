/**
 * Issue 14, rows 6, 7 and 10, and the misbehaviours that already held
 * (malformed, truncated and gzip-bomb frames, floods, slowloris bodies), each
 * driven by a named fault of the simulator.
 */
import {
  DecodeError,
  DisconnectEvent,
  RateLimitError,
  ResponseTooLargeError,
  SignServerError,
  TimeoutError,
  WebSocketClosedError,
} from "@tiktok-live/node";
import { chat, type HostileFault, userByName } from "@tiktok-live/testkit";
import { describe, expect, it } from "vitest";
import { client, comments, rejection, simulator, until } from "./setup.js";

const alice = userByName("alice.streams");

describe("row 6: Retry-After that overflows or parks", () => {
  it.each(["retry-after-overflow", "retry-after-far-date", "retry-after-hour"] as HostileFault[])(
    "%s: connect() gives up at once with a RateLimitError (one sign request, no tight loop)",
    async (fault) => {
      const sim = await simulator({ faults: [fault] });
      const c = client(sim);
      const error = await rejection(c.connect());
      expect(error).toBeInstanceOf(RateLimitError);
      expect((error as Error).message).toContain("maxRetryAfterMs");
      expect(sim.state.signRequests).toHaveLength(1);
    },
  );
});

describe("row 7: huge-body", () => {
  it("a route streaming 400 MiB is abandoned at its size cap with ResponseTooLargeError", async () => {
    const sim = await simulator({ faults: ["huge-body"] });
    const c = client(sim, { maxResponseBytes: { api: 1024 * 1024 } });
    const error = await rejection(c.connect());
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    await new Promise((r) => setTimeout(r, 100));
    // The server stops writing once the client hangs up: nowhere near the 400 MiB.
    expect(sim.faultStats.hugeBodyBytesSent).toBeLessThan(64 * 1024 * 1024);
  });
});

describe("row 10: oversized frames, under and over ws's 16 MiB, end the same way", () => {
  it.each([2 * 1024 * 1024, 17 * 1024 * 1024])("a %d-byte frame closes with 1009", async (bytes) => {
    const sim = await simulator({ faultSizes: { oversizedFrameBytes: bytes } });
    const c = client(sim, { limits: { maxFrameBytes: 1024 * 1024 }, reconnect: { maxAttempts: 0 } });
    await c.connect();
    await sim.waitForClient();
    const disconnected = c.waitFor(DisconnectEvent, { timeout: 10_000 });
    await sim.inject("oversized-frame");
    const event = await disconnected;
    expect(event.reason).toBe("connection-lost");
    expect(event.error).toBeInstanceOf(WebSocketClosedError);
    expect((event.error as WebSocketClosedError).closeCode).toBe(1009);
  });
});

describe("already held: bad frames are reported and the stream goes on", () => {
  it.each(["malformed-frame", "truncated-frame", "gzip-bomb", "frame-flood"] as HostileFault[])(
    "%s: a DecodeError (or nothing, for a flood of empty frames), then the next comment arrives",
    async (fault) => {
      const sim = await simulator({ faultSizes: { floodFrames: 20_000 } });
      const c = client(sim, { silenceTimeoutMs: 5_000 });
      const seen = comments(c);
      const decodeErrors: DecodeError[] = [];
      c.on("error", (e) => {
        if (e instanceof DecodeError) decodeErrors.push(e);
      });
      await c.connect();
      await sim.waitForClient();
      await sim.inject(fault);
      sim.send(chat(alice, "still here"));
      await until(() => seen.includes("still here"));
      expect(c.state).toBe("connected");
      if (fault === "frame-flood") expect(decodeErrors).toEqual([]);
      else expect(decodeErrors.length).toBe(1);
    },
  );

  it("slowloris-body: a sign answer that never ends fails, caused by a TimeoutError at requestTimeoutMs", async () => {
    const sim = await simulator({ faults: ["slowloris-body"] });
    const c = client(sim, { requestTimeoutMs: 500, reconnect: { maxAttempts: 0 } });
    const error = await rejection(c.connect());
    // The sign server's failure, caused by the timeout (not by a body read for ever).
    expect(error).toBeInstanceOf(SignServerError);
    expect((error as SignServerError).cause).toBeInstanceOf(TimeoutError);
  });
});
