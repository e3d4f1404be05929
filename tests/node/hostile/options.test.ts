/**
 * Issue 14, row 8: options a user (or a config file an attacker touched)
 * might pass are refused with a message naming the option, instead of
 * breaking every request, injecting a cookie or being silently ignored.
 */
import { InvalidOptionError, TikTokLiveClient, type TikTokLiveClientOptions } from "@tiktok-live/node";
import { describe, expect, it } from "vitest";
import { client, rejection, simulator } from "./setup.js";

const refused: Array<[string, Record<string, unknown>, RegExp]> = [
  ["a timeout beyond what a timer holds", { requestTimeoutMs: 2 ** 31 }, /requestTimeoutMs/],
  ["a silence timeout beyond what a timer holds", { silenceTimeoutMs: 2 ** 31 }, /silenceTimeoutMs/],
  ["a userAgent with CR/LF", { userAgent: "x\r\nX-Evil: 1" }, /userAgent/],
  ["a cookie injected through ttTargetIdc", { ttTargetIdc: "x; sessionid=evil" }, /ttTargetIdc/],
  ["a `;` in a cookie name", { cookies: { "a;b": "1" } }, /cookie/i],
  ["a password in a base URL", { baseUrls: { signServer: "https://u:secret@sign.example" } }, /password/],
  ["reconnect.enabled as a string", { reconnect: { enabled: "no" } }, /reconnect\.enabled/],
  ["a numeric roomId", { roomId: 123 }, /roomId/],
  ["a sign ceiling of 0", { reconnect: { maxSignRequestsPerMinute: 0 } }, /maxSignRequestsPerMinute/],
];

describe("row 8: options validated as a user would expect", () => {
  it.each(refused)("refuses %s, naming the option", (_what, options, names) => {
    let error: unknown;
    try {
      new TikTokLiveClient("@someone", options as TikTokLiveClientOptions);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect((error as Error).message).toMatch(names);
  });

  it("a proxy URL string is never ignored: traffic goes through it (a dead proxy fails) or the option is refused", async () => {
    const sim = await simulator();
    let c: TikTokLiveClient;
    try {
      c = client(sim, { proxy: "http://127.0.0.1:9" } as TikTokLiveClientOptions);
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidOptionError);
      expect((error as Error).message).toMatch(/proxy/);
      return;
    }
    // Ignored, the proxy would let this connect straight to the simulator.
    expect(await rejection(c.connect({ signal: AbortSignal.timeout(10_000) }))).toBeInstanceOf(Error);
    expect(sim.state.requests).toEqual([]);
  });
});
