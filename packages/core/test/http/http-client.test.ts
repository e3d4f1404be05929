import { delay, HttpResponse, http } from "msw";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  InvalidResponseError,
  RateLimitError,
  TikTokLiveError,
  TimeoutError,
} from "../../src/errors/errors.js";
import { CookieJar } from "../../src/http/cookie-jar.js";
import { describeUrl, HttpClient, retryAfterMs } from "../../src/http/http-client.js";
import { webHeaders } from "../../src/http/web-defaults.js";
import {
  caught,
  makeHarness,
  secretApiKey,
  secretSessionId,
  userAgent,
  useServer,
} from "./routes/fixtures/harness.js";

const server = useServer();
const roomInfoUrl = "https://webcast.tiktok.com/webcast/room/info/";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("HttpClient request details", () => {
  it("sends the web defaults as headers and the query params to the server", async () => {
    const { http: client, ctx } = makeHarness();
    let seen: Request | undefined;
    server.use(
      http.get(roomInfoUrl, ({ request }) => {
        seen = request;
        return HttpResponse.json({ status_code: 0, data: { id_str: "1" } });
      }),
    );

    const body = await client.json({
      url: new URL(roomInfoUrl),
      params: { ...ctx.params, room_id: "7441234567890123457" },
      withCookies: true,
    });

    expect(body).toEqual({ status_code: 0, data: { id_str: "1" } });
    expect(seen).toBeDefined();
    const headers = seen!.headers;
    expect(seen!.method).toBe("GET");
    expect(headers.get("user-agent")).toBe(userAgent);
    expect(headers.get("referer")).toBe("https://www.tiktok.com/");
    expect(headers.get("origin")).toBe("https://www.tiktok.com");
    expect(headers.get("accept")).toBe("text/html,application/json,application/protobuf");
    expect(headers.get("accept-language")).toBe("en-US,en;q=0.9");
    expect(headers.get("sec-fetch-site")).toBe("same-site");
    expect(headers.get("sec-fetch-mode")).toBe("cors");
    expect(headers.get("sec-fetch-dest")).toBe("empty");
    expect(headers.get("cache-control")).toBe("max-age=0");

    const query = new URL(seen!.url).searchParams;
    expect(query.get("aid")).toBe("1988");
    expect(query.get("app_name")).toBe("tiktok_web");
    expect(query.get("channel")).toBe("tiktok_web");
    expect(query.get("device_platform")).toBe("web_pc");
    expect(query.get("browser_name")).toBe("Mozilla");
    expect(query.get("browser_version")).toBe(userAgent.slice("Mozilla/".length));
    expect(query.get("browser_platform")).toBe("Win32");
    expect(query.get("os")).toBe("windows");
    expect(query.get("app_language")).toBe("en");
    expect(query.get("browser_language")).toBe("en-GB");
    expect(query.get("region")).toBe("GB");
    expect(query.get("tz_name")).toBe("Europe/London");
    expect(query.get("user_is_login")).toBe("false");
    expect(query.get("room_id")).toBe("7441234567890123457");
    expect(query.get("device_id")).toMatch(/^[1-9]\d{19}$/);
    // Present but empty, as the web client sends them.
    expect(query.has("msToken")).toBe(true);
    expect(query.get("msToken")).toBe("");
    expect(query.get("from_page")).toBe("");
  });

  it("lets a request's own headers override the defaults and sends the body of a POST", async () => {
    const { http: client } = makeHarness();
    let seen:
      | { accept: string | null; contentType: string | null; method: string; body: unknown }
      | undefined;
    server.use(
      http.post("https://sign.example.test/webcast/chat/", async ({ request }) => {
        seen = {
          accept: request.headers.get("accept"),
          contentType: request.headers.get("content-type"),
          method: request.method,
          body: await request.json(),
        };
        return HttpResponse.json({ code: 200 });
      }),
    );

    await client.json({
      url: new URL("https://sign.example.test/webcast/chat/"),
      method: "POST",
      headers: { Accept: "application/json", "Content-Type": "application/json" },
      body: JSON.stringify({ hello: "world" }),
      withCookies: false,
    });

    expect(seen).toEqual({
      accept: "application/json",
      contentType: "application/json",
      method: "POST",
      body: { hello: "world" },
    });
  });

  it("sends the jar as the Cookie header when withCookies is true", async () => {
    const { http: client, jar } = makeHarness({ sessionId: secretSessionId });
    let cookie: string | null = null;
    server.use(
      http.get(roomInfoUrl, ({ request }) => {
        cookie = request.headers.get("cookie");
        return HttpResponse.json({});
      }),
    );

    await client.json({ url: new URL(roomInfoUrl), withCookies: true });

    expect(cookie).toBe(
      `tt-target-idc=useast1a; sessionid=${secretSessionId}; sessionid_ss=${secretSessionId}; sid_tt=${secretSessionId}`,
    );
    expect(cookie).toBe(jar.header());
  });

  it("sends no Cookie header when withCookies is false, even with a session in the jar", async () => {
    const { http: client } = makeHarness({ sessionId: secretSessionId });
    let seen: Request | undefined;
    server.use(
      http.get(roomInfoUrl, ({ request }) => {
        seen = request;
        return HttpResponse.json({});
      }),
    );

    await client.json({ url: new URL(roomInfoUrl), withCookies: false });

    expect(seen).toBeDefined();
    expect(seen!.headers.has("cookie")).toBe(false);
    // The other defaults still go out.
    expect(seen!.headers.get("user-agent")).toBe(userAgent);
  });

  it("sends no Cookie header when the jar is empty", async () => {
    const client = new HttpClient({
      fetch: (input, init) => globalThis.fetch(input, init),
      cookies: new CookieJar(),
      headers: webHeaders(userAgent),
      timeoutMs: 5_000,
    });
    let seen: Request | undefined;
    server.use(
      http.get(roomInfoUrl, ({ request }) => {
        seen = request;
        return HttpResponse.json({});
      }),
    );

    await client.json({ url: new URL(roomInfoUrl), withCookies: true });

    expect(seen).toBeDefined();
    expect(seen!.headers.has("cookie")).toBe(false);
  });

  it("returns non-2xx responses other than 429 from request() unchanged", async () => {
    const { http: client } = makeHarness();
    server.use(http.get(roomInfoUrl, () => new HttpResponse("gone", { status: 404 })));

    const response = await client.request({ url: new URL(roomInfoUrl), withCookies: true });

    expect(response.status).toBe(404);
    expect(await response.text()).toBe("gone");
  });
});

describe("HttpClient rate limits", () => {
  it("turns 429 with Retry-After seconds into RateLimitError with retryAfter in ms", async () => {
    const { http: client } = makeHarness();
    server.use(
      http.get(
        roomInfoUrl,
        () =>
          new HttpResponse('{"message":"too many requests"}', {
            status: 429,
            headers: { "Retry-After": "7", "Content-Type": "application/json" },
          }),
      ),
    );

    const error = await caught(() => client.json({ url: new URL(roomInfoUrl), withCookies: true }));

    expect(error).toBeInstanceOf(RateLimitError);
    const rate = error as RateLimitError;
    expect(rate.code).toBe("RATE_LIMITED");
    expect(rate.name).toBe("RateLimitError");
    expect(rate.retryAfter).toBe(7000);
    expect(rate.message).toBe("Rate limited by webcast.tiktok.com; retry after 7 s");
    expect(rate.cause).toBe('{"message":"too many requests"}');
  });

  it("reads Retry-After as an HTTP date", async () => {
    const now = Date.UTC(2025, 10, 26, 12, 0, 0);
    vi.spyOn(Date, "now").mockReturnValue(now);
    const { http: client } = makeHarness();
    server.use(
      http.get(
        roomInfoUrl,
        () =>
          new HttpResponse(null, {
            status: 429,
            headers: { "Retry-After": new Date(now + 12_000).toUTCString() },
          }),
      ),
    );

    const error = await caught(() => client.request({ url: new URL(roomInfoUrl), withCookies: true }));

    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBe(12_000);
    expect((error as RateLimitError).cause).toBeUndefined();
  });

  it("reads Euler's RateLimit-Reset (unix seconds) when there is no Retry-After", async () => {
    const now = Date.UTC(2025, 10, 26, 12, 0, 0);
    vi.spyOn(Date, "now").mockReturnValue(now);
    const { http: client } = makeHarness();
    server.use(
      http.get(
        roomInfoUrl,
        () =>
          new HttpResponse(null, {
            status: 429,
            headers: { "RateLimit-Reset": String(now / 1000 + 30), "RateLimit-Remaining": "0" },
          }),
      ),
    );

    const error = await caught(() => client.request({ url: new URL(roomInfoUrl), withCookies: true }));

    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBe(30_000);
    expect((error as RateLimitError).message).toBe("Rate limited by webcast.tiktok.com; retry after 30 s");
  });

  it("leaves retryAfter undefined when the 429 says nothing about waiting", async () => {
    const { http: client } = makeHarness();
    server.use(http.get(roomInfoUrl, () => new HttpResponse(null, { status: 429 })));

    const error = await caught(() => client.request({ url: new URL(roomInfoUrl), withCookies: true }));

    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBeUndefined();
    expect((error as RateLimitError).message).toBe("Rate limited by webcast.tiktok.com");
  });
});

describe("retryAfterMs", () => {
  const now = Date.UTC(2025, 10, 26, 12, 0, 0);

  it("parses seconds, HTTP dates and RateLimit-Reset", () => {
    expect(retryAfterMs(new Headers({ "Retry-After": "0" }), now)).toBe(0);
    expect(retryAfterMs(new Headers({ "Retry-After": "2.5" }), now)).toBe(2500);
    expect(retryAfterMs(new Headers({ "Retry-After": "Wed, 26 Nov 2025 12:01:00 GMT" }), now)).toBe(60_000);
    expect(retryAfterMs(new Headers({ "RateLimit-Reset": String(now / 1000 + 5) }), now)).toBe(5000);
  });

  it("prefers Retry-After, clamps the past to 0 and ignores garbage", () => {
    expect(
      retryAfterMs(new Headers({ "Retry-After": "3", "RateLimit-Reset": String(now / 1000 + 99) }), now),
    ).toBe(3000);
    expect(retryAfterMs(new Headers({ "Retry-After": "Wed, 26 Nov 2025 11:00:00 GMT" }), now)).toBe(0);
    expect(retryAfterMs(new Headers({ "RateLimit-Reset": String(now / 1000 - 10) }), now)).toBe(0);
    expect(retryAfterMs(new Headers({ "Retry-After": "soon" }), now)).toBeUndefined();
    expect(retryAfterMs(new Headers(), now)).toBeUndefined();
  });
});

describe("HttpClient failures", () => {
  it("turns a response slower than timeoutMs into TimeoutError", async () => {
    const { http: client } = makeHarness({ timeoutMs: 50 });
    server.use(
      http.get(roomInfoUrl, async () => {
        await delay(1_000);
        return HttpResponse.json({});
      }),
    );

    const started = Date.now();
    const error = await caught(() => client.json({ url: new URL(roomInfoUrl), withCookies: true }));

    expect(Date.now() - started).toBeLessThan(900);
    expect(error).toBeInstanceOf(TimeoutError);
    const timeout = error as TimeoutError;
    expect(timeout.code).toBe("TIMEOUT");
    expect(timeout.message).toBe(`${roomInfoUrl} did not answer within 50 ms`);
    expect(timeout.cause).toBeDefined();
  });

  it("uses a request's own timeoutMs over the client's", async () => {
    const { http: client } = makeHarness({ timeoutMs: 5_000 });
    server.use(
      http.get(roomInfoUrl, async () => {
        await delay(1_000);
        return HttpResponse.json({});
      }),
    );

    const error = await caught(() =>
      client.request({ url: new URL(roomInfoUrl), withCookies: true, timeoutMs: 40 }),
    );

    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).message).toBe(`${roomInfoUrl} did not answer within 40 ms`);
  });

  it("rejects with the caller's abort reason when the caller's signal aborts mid-request", async () => {
    const { http: client } = makeHarness({ timeoutMs: 5_000 });
    server.use(
      http.get(roomInfoUrl, async () => {
        await delay(1_000);
        return HttpResponse.json({});
      }),
    );
    const controller = new AbortController();
    const reason = new Error("client disconnected");
    setTimeout(() => controller.abort(reason), 20);

    const error = await caught(() =>
      client.request({ url: new URL(roomInfoUrl), withCookies: true, signal: controller.signal }),
    );

    expect(error).toBe(reason);
  });

  it("rejects with the reason of a signal that was aborted before the call", async () => {
    const { http: client } = makeHarness();
    server.use(http.get(roomInfoUrl, () => HttpResponse.json({})));
    const reason = new Error("already stopped");

    const error = await caught(() =>
      client.json({ url: new URL(roomInfoUrl), withCookies: true, signal: AbortSignal.abort(reason) }),
    );

    expect(error).toBe(reason);
  });

  it("turns a network failure into TikTokLiveError with code NETWORK", async () => {
    const { http: client } = makeHarness();
    server.use(http.get(roomInfoUrl, () => HttpResponse.error()));

    const error = await caught(() => client.json({ url: new URL(roomInfoUrl), withCookies: true }));

    expect(error).toBeInstanceOf(TikTokLiveError);
    const network = error as TikTokLiveError;
    expect(network.code).toBe("NETWORK");
    expect(network.name).toBe("NetworkError");
    expect(network.message.startsWith(`Request to ${roomInfoUrl} failed: `)).toBe(true);
    expect(network.cause).toBeInstanceOf(TypeError);
  });

  it("turns an HTTP 500 into InvalidResponseError with status 500 and the body as cause", async () => {
    const { http: client } = makeHarness();
    server.use(http.get(roomInfoUrl, () => new HttpResponse("upstream exploded", { status: 500 })));

    const error = await caught(() => client.json({ url: new URL(roomInfoUrl), withCookies: true }));

    expect(error).toBeInstanceOf(InvalidResponseError);
    const invalid = error as InvalidResponseError;
    expect(invalid.code).toBe("INVALID_RESPONSE");
    expect(invalid.status).toBe(500);
    expect(invalid.message).toBe(`${roomInfoUrl} answered HTTP 500`);
    expect(invalid.cause).toBe("upstream exploded");
  });

  it("turns an unparsable JSON body into InvalidResponseError with the SyntaxError as cause", async () => {
    const { http: client } = makeHarness();
    server.use(
      http.get(
        roomInfoUrl,
        () =>
          new HttpResponse('{"status_code":0,"data":{', {
            headers: { "Content-Type": "application/json" },
          }),
      ),
    );

    const error = await caught(() => client.json({ url: new URL(roomInfoUrl), withCookies: true }));

    expect(error).toBeInstanceOf(InvalidResponseError);
    const invalid = error as InvalidResponseError;
    expect(invalid.status).toBe(200);
    expect(invalid.message).toBe(`${roomInfoUrl} returned invalid JSON`);
    expect(invalid.cause).toBeInstanceOf(SyntaxError);
  });

  it("text() returns the status and body, and rejects non-2xx with InvalidResponseError", async () => {
    const { http: client } = makeHarness();
    const page = "https://www.tiktok.com/@bella.live/live";
    server.use(http.get(page, () => new HttpResponse("<html>ok</html>", { status: 200 })));
    expect(await client.text({ url: new URL(page), withCookies: true })).toEqual({
      status: 200,
      text: "<html>ok</html>",
    });

    server.use(http.get(page, () => new HttpResponse("maintenance", { status: 503 })));
    const error = await caught(() => client.text({ url: new URL(page), withCookies: true }));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).status).toBe(503);
    expect((error as InvalidResponseError).cause).toBe("maintenance");
  });
});

describe("HttpClient error messages never leak the query string", () => {
  const secretParams = { sessionid: secretSessionId, api_key: secretApiKey, room_id: "7441234567890123457" };
  const cases: Array<[string, () => Response | Promise<Response>]> = [
    ["HTTP 500", () => new HttpResponse("nope", { status: 500 })],
    ["invalid JSON", () => new HttpResponse("<html>")],
    ["HTTP 429", () => new HttpResponse(null, { status: 429, headers: { "Retry-After": "1" } })],
    ["a network error", () => HttpResponse.error()],
    [
      "a timeout",
      async () => {
        await delay(1_000);
        return HttpResponse.json({});
      },
    ],
  ];

  it.each(cases)("on %s", async (_label, resolver) => {
    const { http: client } = makeHarness({ timeoutMs: 50 });
    let query = "";
    server.use(
      http.get(roomInfoUrl, ({ request }) => {
        query = new URL(request.url).search;
        return resolver();
      }),
    );

    const error = await caught(() =>
      client.json({ url: new URL(roomInfoUrl), params: secretParams, withCookies: true }),
    );

    // The secrets did go out (so the test is meaningful) but stay out of the message.
    expect(query).toContain(secretSessionId);
    expect(error).toBeInstanceOf(TikTokLiveError);
    const message = (error as Error).message;
    expect(message).not.toContain(secretSessionId);
    expect(message).not.toContain(secretApiKey);
    expect(message).not.toContain("?");
    expect(String(error)).not.toContain(secretSessionId);
  });

  it("describeUrl drops the query string and fragment", () => {
    expect(
      describeUrl(new URL(`https://sign.example.test/webcast/fetch/?session_id=${secretSessionId}#x`)),
    ).toBe("https://sign.example.test/webcast/fetch/");
  });
});
