/**
 * Issue 14 row 8: options are checked as a user would expect, and the message
 * names the option and why. Each of these was accepted before, with the
 * effect noted.
 */
import { describe, expect, it } from "vitest";
import type { ClientCapabilities } from "../../src/capabilities.js";
import { resolveOptions, type TikTokLiveClientOptions } from "../../src/client/options.js";
import { TikTokLiveClient } from "../../src/client/tiktok-live-client.js";
import { InvalidOptionError } from "../../src/errors/errors.js";

const capabilities: ClientCapabilities = {
  fetch: () => Promise.reject(new Error("no network in unit tests")),
  webSocketFactory: () => {
    throw new Error("no sockets in unit tests");
  },
  gunzip: (d) => d,
};

function rejection(options: unknown): string {
  try {
    resolveOptions("user", options as TikTokLiveClientOptions);
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidOptionError);
    return (e as Error).message;
  }
  throw new Error(`accepted ${JSON.stringify(options, (_k, v) => (typeof v === "bigint" ? String(v) : v))}`);
}

describe("option checks (row 8)", () => {
  it.each([
    // Timers past 2^31 − 1 ms fire at once: "connect can never succeed".
    [{ requestTimeoutMs: 2 ** 31 }, /^requestTimeoutMs must be at most 2147483647 ms/],
    [{ heartbeatIntervalMs: 2 ** 32 }, /^heartbeatIntervalMs must be at most/],
    [{ silenceTimeoutMs: 1e12 }, /^silenceTimeoutMs must be at most/],
    [{ reconnect: { maxDelayMs: 2 ** 31 } }, /^reconnect\.maxDelayMs must be at most/],
    [{ reconnect: { initialDelayMs: 2 ** 31 } }, /^reconnect\.initialDelayMs must be at most/],
    [{ maxRetryAfterMs: 2 ** 31 } as TikTokLiveClientOptions, /^maxRetryAfterMs must be at most/],
    // CR/LF in a header: "every request fails" (or forges a header).
    [{ userAgent: "Mozilla/5.0\r\nX-Evil: 1" }, /^userAgent must be printable ASCII: line breaks/],
    [{ userAgent: "" }, /^userAgent must be a non-empty string/],
    [{ signApiKey: "key\nX-Evil: 1" }, /^signApiKey must be printable ASCII/],
    // A cookie injected into the push handshake.
    [
      { ttTargetIdc: "x; sessionid=evil" },
      /^ttTargetIdc must be a data centre name .*";" or "=" would inject another/,
    ],
    [{ cookies: { "a;b": "1" } }, /^cookies: "a;b" is not a valid cookie name/],
    [{ cookies: { "a=b": "1" } }, /^cookies: "a=b" is not a valid cookie name/],
    [
      { cookies: { msToken: "x; sessionid=evil" } },
      /^cookies\.msToken must be a string of printable ASCII without ";"/,
    ],
    [{ cookies: { msToken: "x\r\ny" } }, /^cookies\.msToken must be/],
    // Booleans that are not booleans: "reconnect is on".
    [{ reconnect: { enabled: "no" } }, /^reconnect\.enabled must be true or false \(got "no"\)/],
    [{ sendSessionToSignServer: "false" }, /^sendSessionToSignServer must be true or false/],
    [{ checkLiveOnConnect: 0 }, /^checkLiveOnConnect must be true or false \(got 0\)/],
    [{ fetchRoomInfoOnConnect: null }, /^fetchRoomInfoOnConnect must be true or false/],
    // A number room id is already rounded.
    [
      { roomId: Number("7441234567890123457") },
      /^roomId must be a string \(or bigint\) of digits, not a number/,
    ],
    [{ roomId: 123 }, /^roomId must be a string \(or bigint\) of digits, not a number/],
    [{ roomId: "1".repeat(21) }, /^roomId must be a string of digits/],
    [{ roomId: -5n }, /^roomId must be a positive 64-bit id/],
    // Credentials in a base URL: sent in clear and printed by toJSON().
    [
      { baseUrls: { signServer: "https://user:hunter2@sign.example" } },
      /^baseUrls\.signServer must not contain a user name or password/,
    ],
    [{ baseUrls: { web: "https://www.tiktok.com/?k=v" } }, /^baseUrls\.web must not have a query string/],
    [{ baseUrls: { web: 42 } }, /^baseUrls\.web must be a URL string/],
    // A proxy the core cannot use (Deno/Bun client): refused, not ignored.
    [{ proxy: "http://host:8080" }, /^proxy is not supported by this runtime's client/],
    [{ trustedPushHosts: "push.example" }, /^trustedPushHosts must be an array/],
    [
      { trustedPushHosts: ["https://push.example"] },
      /^trustedPushHosts: "https:\/\/push.example" is not a host/,
    ],
    [{ limits: { maxFrameBytes: 1.5 } }, /^limits\.maxFrameBytes must be a positive whole number of bytes/],
    [
      { maxResponseBytes: { page: 0 } } as TikTokLiveClientOptions,
      /^maxResponseBytes\.page must be a positive whole number/,
    ],
    [
      { locale: { language: "en\n" } },
      /^locale\.language must be a non-empty string without control characters/,
    ],
    [{ logger: {} }, /^logger must have debug, info, warn and error methods/],
    [{ fetch: "globalThis.fetch" }, /^fetch must be a function/],
    [{ reconnect: { random: 4 } }, /^reconnect\.random must be a function/],
    [{ reconnect: "no" }, /^reconnect must be an object \(got "no"\)/],
    [{ limits: [] }, /^limits must be an object \(got an array\)/],
  ])("rejects %o: %s", (options, message) => {
    expect(rejection(options)).toMatch(message);
  });

  it("the client constructor refuses them too (the CR/LF user agent)", () => {
    expect(() => new TikTokLiveClient("user", { userAgent: "a\r\nb" }, capabilities)).toThrow(
      InvalidOptionError,
    );
  });

  it("accepts a bigint room id and the longest timers a timer holds", () => {
    const { resolved } = resolveOptions("user", {
      roomId: 7441234567890123457n,
      requestTimeoutMs: 2 ** 31 - 1,
      reconnect: { enabled: false },
      ttTargetIdc: "eu-ttp2",
      cookies: { msToken: "abc-_=123==", sid_guard: "abc%7C1700000000%7C15552000" },
    });
    expect(resolved.roomId).toBe("7441234567890123457");
    expect(resolved.requestTimeoutMs).toBe(2 ** 31 - 1);
    expect(resolved.reconnect.enabled).toBe(false);
  });

  it("never shows a base URL password in toJSON(), because such a URL is refused", () => {
    const client = new TikTokLiveClient(
      "user",
      { baseUrls: { signServer: "https://sign.example" } },
      capabilities,
    );
    expect(JSON.stringify(client)).toContain("https://sign.example");
    expect(
      () =>
        new TikTokLiveClient(
          "user",
          { baseUrls: { signServer: "https://u:hunter2@sign.example" } },
          capabilities,
        ),
    ).toThrow(/must not contain a user name or password/);
  });
});
