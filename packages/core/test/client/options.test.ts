import { describe, expect, it } from "vitest";
import type { ClientCapabilities } from "../../src/capabilities.js";
import { normalizeUniqueId, resolveOptions, type TikTokLiveClientOptions } from "../../src/client/options.js";
import { TikTokLiveClient } from "../../src/client/tiktok-live-client.js";
import { InvalidOptionError } from "../../src/errors/errors.js";

const capabilities: ClientCapabilities = {
  fetch: () => Promise.reject(new Error("no network in unit tests")),
  webSocketFactory: () => {
    throw new Error("no sockets in unit tests");
  },
  gunzip: (d) => d,
};

function optionError(fn: () => unknown): InvalidOptionError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidOptionError);
    expect((e as InvalidOptionError).code).toBe("INVALID_OPTION");
    return e as InvalidOptionError;
  }
  throw new Error("expected an InvalidOptionError");
}

describe("normalizeUniqueId", () => {
  it.each([
    ["user", "user"],
    ["@user", "user"],
    ["  @user  ", "user"],
    ["https://www.tiktok.com/@user/live", "user"],
    ["https://www.tiktok.com/@user", "user"],
    ["https://www.tiktok.com/@some.user_1/live?lang=en", "some.user_1"],
    ["tiktok.com/@user#x", "user"],
    ["a".repeat(24), "a".repeat(24)],
  ])("accepts %j as %j", (input, expected) => {
    expect(normalizeUniqueId(input)).toBe(expected);
  });

  it("rejects an empty id and says the username is required", () => {
    for (const input of ["", "   "]) {
      const e = optionError(() => normalizeUniqueId(input));
      expect(e.message).toBe('uniqueId is required: pass the TikTok username, e.g. "@tv_asahi_news"');
    }
  });

  it("rejects a non-string", () => {
    const e = optionError(() => normalizeUniqueId(undefined as unknown as string));
    expect(e.message).toMatch(/uniqueId is required/);
  });

  it.each(["a b", "a".repeat(25), "@@x", "user!", "ü", "https://www.tiktok.com/@"])(
    "rejects %j and says what a username may contain",
    (input) => {
      const e = optionError(() => normalizeUniqueId(input));
      expect(e.message).toBe(
        `"${input}" is not a TikTok username: use 1–24 letters, digits, "_" or "." (with or without a leading @)`,
      );
    },
  );
});

describe("resolveOptions", () => {
  it("fills defaults and keeps secrets out of the resolved options", () => {
    const { resolved, secrets } = resolveOptions("@user", {
      sessionId: "abc-123_DEF",
      signApiKey: "key-1",
      cookies: { extra: "1" },
    });
    expect(resolved.uniqueId).toBe("user");
    expect(resolved.baseUrls).toEqual({
      web: "https://www.tiktok.com",
      webcast: "https://webcast.tiktok.com/webcast",
      signServer: "https://tiktok.eulerstream.com",
    });
    expect(resolved.heartbeatIntervalMs).toBe(10_000);
    expect(resolved.silenceTimeoutMs).toBe(30_000);
    expect(resolved.requestTimeoutMs).toBe(10_000);
    expect(resolved.reconnect).toMatchObject({
      enabled: true,
      maxAttempts: 5,
      initialDelayMs: 1000,
      maxDelayMs: 30_000,
    });
    expect(resolved.maxQueuedEvents).toBe(10_000);
    expect(resolved.dedupeCapacity).toBe(4096);
    expect(resolved.fetchRoomInfoOnConnect).toBe(true);
    expect(resolved.checkLiveOnConnect).toBe(true);
    expect(resolved.sendSessionToSignServer).toBe(false);
    expect(JSON.stringify(resolved)).not.toContain("abc-123_DEF");
    expect(JSON.stringify(resolved)).not.toContain("key-1");
    expect(secrets).toEqual({ sessionId: "abc-123_DEF", signApiKey: "key-1", cookies: { extra: "1" } });
  });

  it("silenceTimeoutMs defaults to three heartbeats", () => {
    expect(resolveOptions("u", { heartbeatIntervalMs: 500 }).resolved.silenceTimeoutMs).toBe(1500);
  });

  it("strips trailing slashes from base URLs", () => {
    const { resolved } = resolveOptions("u", {
      baseUrls: { web: "http://127.0.0.1:9/", signServer: "http://h/sign//" },
    });
    expect(resolved.baseUrls.web).toBe("http://127.0.0.1:9");
    expect(resolved.baseUrls.signServer).toBe("http://h/sign");
  });

  it.each([
    [{ baseUrls: { web: "not a url" } }, 'baseUrls.web is not a valid URL: "not a url"'],
    [
      { baseUrls: { signServer: "ftp://sign.example" } },
      "baseUrls.signServer must be an http(s) URL (got ftp:)",
    ],
    [{ baseUrls: { webcast: "" } }, 'baseUrls.webcast is not a valid URL: ""'],
    [{ roomId: "12ab" }, 'roomId must be a string of digits (got "12ab")'],
    [{ roomId: "" }, 'roomId must be a string of digits (got "")'],
    [{ roomId: "-5" }, 'roomId must be a string of digits (got "-5")'],
    [{ requestTimeoutMs: -1 }, "requestTimeoutMs must be a positive number of milliseconds (got -1)"],
    [{ heartbeatIntervalMs: 0 }, "heartbeatIntervalMs must be a positive number of milliseconds (got 0)"],
    [{ silenceTimeoutMs: -100 }, "silenceTimeoutMs must be a positive number of milliseconds (got -100)"],
    [
      { heartbeatIntervalMs: Number.NaN },
      "heartbeatIntervalMs must be a positive number of milliseconds (got NaN)",
    ],
    [
      { requestTimeoutMs: Number.POSITIVE_INFINITY },
      "requestTimeoutMs must be a positive number of milliseconds (got Infinity)",
    ],
    [{ reconnect: { maxAttempts: -1 } }, "reconnect.maxAttempts must be a whole number ≥ 0 (got -1)"],
    [{ reconnect: { maxAttempts: 1.5 } }, "reconnect.maxAttempts must be a whole number ≥ 0 (got 1.5)"],
    [
      { reconnect: { maxAttempts: Number.NaN } },
      "reconnect.maxAttempts must be a whole number ≥ 0 (got NaN)",
    ],
    [
      { reconnect: { initialDelayMs: 0 } },
      "reconnect.initialDelayMs must be a positive number of milliseconds (got 0)",
    ],
    [
      { reconnect: { maxDelayMs: -5 } },
      "reconnect.maxDelayMs must be a positive number of milliseconds (got -5)",
    ],
    [
      { limits: { maxFrameBytes: 0 } },
      "limits.maxFrameBytes must be a positive whole number of bytes (got 0)",
    ],
    [
      { limits: { maxDecompressedBytes: -1 } },
      "limits.maxDecompressedBytes must be a positive whole number of bytes (got -1)",
    ],
    [{ maxQueuedEvents: -1 }, "maxQueuedEvents must be a positive whole number of events (got -1)"],
    [{ maxQueuedEvents: 2.5 }, "maxQueuedEvents must be a positive whole number of events (got 2.5)"],
    [{ dedupeCapacity: 1.5 }, "dedupeCapacity must be a positive whole number of ids (got 1.5)"],
    [{ dedupeCapacity: 0 }, "dedupeCapacity must be a positive whole number of ids (got 0)"],
    [
      { sessionId: "has space" },
      'sessionId must be the value of the `sessionid` cookie (letters, digits, - and _); it is sent as a cookie, where ";" or "=" would inject another',
    ],
  ] as Array<[TikTokLiveClientOptions, string]>)("rejects %j at construction", (options, message) => {
    expect(optionError(() => resolveOptions("user", options)).message).toBe(message);
    expect(optionError(() => new TikTokLiveClient("user", options, capabilities)).message).toBe(message);
  });

  it("rejects options that are not an object", () => {
    expect(
      optionError(() => resolveOptions("user", null as unknown as TikTokLiveClientOptions)).message,
    ).toBe("options must be an object");
  });

  it("the client constructor rejects a bad uniqueId", () => {
    expect(optionError(() => new TikTokLiveClient("a b", {}, capabilities)).message).toMatch(
      /is not a TikTok username/,
    );
  });

  it("accepts maxAttempts 0 and a valid room id", () => {
    const { resolved } = resolveOptions("user", {
      reconnect: { maxAttempts: 0 },
      roomId: "7311111111111111111",
    });
    expect(resolved.reconnect.maxAttempts).toBe(0);
    expect(resolved.roomId).toBe("7311111111111111111");
    const client = new TikTokLiveClient("@user", { roomId: "7311111111111111111" }, capabilities);
    expect(client.uniqueId).toBe("user");
    expect(client.roomId).toBe("7311111111111111111");
    expect(client.state).toBe("idle");
  });
});
