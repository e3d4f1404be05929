import { ProtoMessageFetchResult } from "@tiktok-live/proto";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import {
  BlockedError,
  RateLimitError,
  SignServerError,
  TikTokLiveError,
} from "../../../src/errors/errors.js";
import { fetchSignedConnection, type SignRequest } from "../../../src/http/routes/sign-server.js";
import {
  bigRoomId,
  caught,
  makeHarness,
  secretApiKey,
  secretSessionId,
  userAgent,
  useServer,
} from "./fixtures/harness.js";

const server = useServer();

const fetchUrl = "https://sign.example.test/webcast/fetch/";

const pushServer = "wss://webcast5-ws-web-lf.tiktok.com/webcast/im/push/v2/";
const cursor = "t-1764115260123_r-7441234567890123457_d-1_u-1_h-1";
const ttwid = "1%7CAbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_%7C1764115260%7Cdeadbeefcafef00d";
const xSetTtCookie = [
  `ttwid=${ttwid}; Path=/; Domain=tiktok.com; Max-Age=31536000; HttpOnly; Secure; SameSite=None`,
  "tt_chain_token=Xy12abcDEF34ghIJ==; Path=/; Domain=.tiktok.com; Expires=Wed, 26 Nov 2025 12:00:00 GMT; HttpOnly",
].join(", ");

function fetchResult(overrides: { pushServer?: string; cursor?: string } = {}): Uint8Array {
  return ProtoMessageFetchResult.encode(
    ProtoMessageFetchResult.fromPartial({
      cursor,
      pushServer,
      routeParams: { im_path: "/webcast/im/fetch/", wrss: "9gR1cPzlq0Example" },
      fetchInterval: 1000n,
      now: 1764115260123n,
      internalExt: "internal_src:dim|wss_push_room_id:7441234567890123457|fetch_id:7441299999999999999",
      fetchType: 1,
      heartbeatDuration: 10_000n,
      needAck: true,
      isFirst: true,
      messages: [
        {
          method: "WebcastRoomUserSeqMessage",
          payload: new Uint8Array([0x0a, 0x02, 0x08, 0x01]),
          msgId: 7441200000000000001n,
        },
      ],
      ...overrides,
    }),
  ).finish();
}

const protobuf = (
  body: Uint8Array | string,
  init: { status?: number; headers?: Record<string, string> } = {},
) =>
  new HttpResponse(typeof body === "string" ? body : (body.slice().buffer as ArrayBuffer), {
    status: init.status ?? 200,
    headers: { "Content-Type": "application/x-protobuf", ...init.headers },
  });

/** Serves `respond()` at /webcast/fetch/ and records each request. */
function serveSign(respond: () => Response): Request[] {
  const seen: Request[] = [];
  server.use(
    http.get(fetchUrl, ({ request }) => {
      seen.push(request);
      return respond();
    }),
  );
  return seen;
}

const baseRequest: SignRequest = { roomId: bigRoomId, userAgent };

describe("fetchSignedConnection success", () => {
  it("decodes the protobuf body and stores X-Set-TT-Cookie in the jar", async () => {
    const { ctx, jar } = makeHarness({ sessionId: secretSessionId });
    serveSign(() =>
      protobuf(fetchResult(), {
        headers: { "X-Set-TT-Cookie": xSetTtCookie, "X-Room-Id": bigRoomId, "X-Request-Id": "req-1" },
      }),
    );
    expect(jar.has("ttwid")).toBe(false);

    const signed = await fetchSignedConnection(ctx, jar, { ...baseRequest, apiKey: secretApiKey });

    expect(signed.initial.pushServer).toBe(pushServer);
    expect(signed.initial.cursor).toBe(cursor);
    expect(signed.initial.routeParams).toEqual({ im_path: "/webcast/im/fetch/", wrss: "9gR1cPzlq0Example" });
    expect(signed.initial.fetchInterval).toBe(1000n);
    expect(signed.initial.now).toBe(1764115260123n);
    expect(signed.initial.heartbeatDuration).toBe(10_000n);
    expect(signed.initial.needAck).toBe(true);
    expect(signed.initial.isFirst).toBe(true);
    expect(signed.initial.internalExt).toContain("wss_push_room_id:7441234567890123457");
    expect(signed.initial.messages).toHaveLength(1);
    expect(signed.initial.messages[0]).toMatchObject({
      method: "WebcastRoomUserSeqMessage",
      msgId: 7441200000000000001n,
    });
    expect([...signed.initial.messages[0]!.payload]).toEqual([0x0a, 0x02, 0x08, 0x01]);

    expect(jar.get("ttwid")).toBe(ttwid);
    expect(jar.get("tt_chain_token")).toBe("Xy12abcDEF34ghIJ==");
    expect(jar.get("sessionid")).toBe(secretSessionId);
    expect(signed.cookieNames).toEqual(["ttwid", "tt_chain_token"]);
    // The sign server's cookies go with the push handshake only, after the user's own.
    expect(jar.header()).not.toContain("ttwid");
    expect(jar.handshakeHeader()).toMatch(/^tt-target-idc=useast1a; sessionid=.*; ttwid=/);
  });

  it("sends the sign params and X-Api-Key, but never the Cookie header", async () => {
    const { ctx, jar } = makeHarness({ sessionId: secretSessionId });
    const seen = serveSign(() => protobuf(fetchResult(), { headers: { "X-Set-TT-Cookie": xSetTtCookie } }));

    await fetchSignedConnection(ctx, jar, { ...baseRequest, apiKey: secretApiKey });

    expect(seen).toHaveLength(1);
    const request = seen[0]!;
    expect(request.headers.has("cookie")).toBe(false);
    expect(request.headers.get("x-api-key")).toBe(secretApiKey);
    expect(request.headers.get("accept")).toBe("application/protobuf");
    expect(request.headers.get("user-agent")).toBe(userAgent);
    const query = new URL(request.url).searchParams;
    expect(Object.fromEntries(query)).toEqual({
      client: "tiktok-live-js",
      room_id: bigRoomId,
      user_agent: userAgent,
      platform: "web",
      client_enter: "true",
    });
    // Nothing about the session, the key or the cursor unless asked.
    expect(request.url).not.toContain(secretSessionId);
    expect(request.url).not.toContain(secretApiKey);
  });

  it("sends no X-Api-Key without a key", async () => {
    const { ctx, jar } = makeHarness();
    const seen = serveSign(() => protobuf(fetchResult(), { headers: { "X-Set-TT-Cookie": xSetTtCookie } }));

    await fetchSignedConnection(ctx, jar, baseRequest);

    expect(seen[0]!.headers.has("x-api-key")).toBe(false);
    expect(seen[0]!.headers.has("cookie")).toBe(false);
  });

  it("forwards cursor and session only when given", async () => {
    const { ctx, jar } = makeHarness({ sessionId: secretSessionId });
    const seen = serveSign(() => protobuf(fetchResult(), { headers: { "X-Set-TT-Cookie": xSetTtCookie } }));

    await fetchSignedConnection(ctx, jar, {
      ...baseRequest,
      cursor: "t-1764115000000_r-1",
      session: { sessionId: secretSessionId, ttTargetIdc: "eu-ttp2" },
    });
    await fetchSignedConnection(ctx, jar, { ...baseRequest, cursor: "" });

    const withBoth = new URL(seen[0]!.url).searchParams;
    expect(withBoth.get("cursor")).toBe("t-1764115000000_r-1");
    expect(withBoth.get("session_id")).toBe(secretSessionId);
    expect(withBoth.get("tt_target_idc")).toBe("eu-ttp2");
    // Even with the session in the query, the cookies stay home.
    expect(seen[0]!.headers.has("cookie")).toBe(false);

    const withNeither = new URL(seen[1]!.url).searchParams;
    expect(withNeither.has("cursor")).toBe(false);
    expect(withNeither.has("session_id")).toBe(false);
    expect(withNeither.has("tt_target_idc")).toBe(false);
  });
});

describe("fetchSignedConnection failures", () => {
  it("throws SignServerError without X-Set-TT-Cookie and leaves the jar alone", async () => {
    const { ctx, jar } = makeHarness();
    serveSign(() => protobuf(fetchResult()));

    const error = await caught(() => fetchSignedConnection(ctx, jar, baseRequest));

    expect(error).toBeInstanceOf(SignServerError);
    expect((error as SignServerError).code).toBe("SIGN_SERVER");
    expect((error as SignServerError).status).toBe(200);
    expect((error as SignServerError).message).toContain("X-Set-TT-Cookie");
    expect(jar.toJSON()).toEqual({ cookies: ["tt-target-idc"] });
  });

  it("throws BlockedError on an empty body", async () => {
    const { ctx, jar } = makeHarness();
    serveSign(() => protobuf(new Uint8Array(0), { headers: { "X-Set-TT-Cookie": xSetTtCookie } }));

    const error = await caught(() => fetchSignedConnection(ctx, jar, baseRequest));

    expect(error).toBeInstanceOf(BlockedError);
    expect((error as BlockedError).code).toBe("BLOCKED");
    expect((error as BlockedError).message).toContain("empty body");
    expect(jar.has("ttwid")).toBe(false);
  });

  it.each([401, 403])("throws SignServerError with status %i when the key is rejected", async (status) => {
    const { ctx, jar } = makeHarness();
    serveSign(() => HttpResponse.json({ message: "Invalid API key" }, { status }));

    const error = await caught(() =>
      fetchSignedConnection(ctx, jar, { ...baseRequest, apiKey: secretApiKey }),
    );

    expect(error).toBeInstanceOf(SignServerError);
    expect((error as SignServerError).status).toBe(status);
    expect((error as SignServerError).message).toBe(`The sign server rejected the API key (HTTP ${status})`);
    expect((error as SignServerError).message).not.toContain(secretApiKey);
  });

  it("throws SignServerError with status 402 when a premium plan is needed", async () => {
    const { ctx, jar } = makeHarness();
    serveSign(() => HttpResponse.json({ message: "This feature requires a premium plan" }, { status: 402 }));

    const error = await caught(() => fetchSignedConnection(ctx, jar, baseRequest));

    expect(error).toBeInstanceOf(SignServerError);
    expect((error as SignServerError).status).toBe(402);
    expect((error as SignServerError).message).toContain("premium");
  });

  it("throws SignServerError with status 500 and the body in its cause", async () => {
    const { ctx, jar } = makeHarness();
    serveSign(() => new HttpResponse("upstream timeout", { status: 500, headers: { "Retry-After": "3" } }));

    const error = await caught(() =>
      fetchSignedConnection(ctx, jar, {
        ...baseRequest,
        apiKey: secretApiKey,
        session: { sessionId: secretSessionId, ttTargetIdc: "eu-ttp2" },
      }),
    );

    expect(error).toBeInstanceOf(SignServerError);
    const sign = error as SignServerError;
    expect(sign.status).toBe(500);
    expect(sign.message).toBe("The sign server answered HTTP 500");
    expect(sign.cause).toEqual({ body: "upstream timeout", retryAfterMs: 3000 });
    expect(sign.message).not.toContain(secretSessionId);
    expect(sign.message).not.toContain(secretApiKey);
  });

  it("throws SignServerError when the body is not protobuf", async () => {
    const { ctx, jar } = makeHarness();
    // A length-delimited field 1 claiming 127 bytes, followed by 2: the decoder runs out.
    serveSign(() =>
      protobuf(new Uint8Array([0x0a, 0x7f, 0x01, 0x02]), { headers: { "X-Set-TT-Cookie": xSetTtCookie } }),
    );

    const error = await caught(() => fetchSignedConnection(ctx, jar, baseRequest));

    expect(error).toBeInstanceOf(SignServerError);
    expect((error as SignServerError).status).toBe(200);
    expect((error as SignServerError).message).toContain("not a ProtoMessageFetchResult");
    expect((error as SignServerError).cause).toBeInstanceOf(Error);
    expect(jar.has("ttwid")).toBe(false);
  });

  it("throws SignServerError when the 200 body is a JSON error instead of protobuf", async () => {
    const { ctx, jar } = makeHarness();
    serveSign(() =>
      protobuf('{"code":500,"message":"Failed to sign request"}', {
        headers: { "X-Set-TT-Cookie": xSetTtCookie },
      }),
    );

    const error = await caught(() => fetchSignedConnection(ctx, jar, baseRequest));

    expect(error).toBeInstanceOf(SignServerError);
    expect((error as SignServerError).status).toBe(200);
    expect(jar.has("ttwid")).toBe(false);
  });

  it("throws SignServerError when the result has no pushServer", async () => {
    const { ctx, jar } = makeHarness();
    serveSign(() =>
      protobuf(fetchResult({ pushServer: "" }), { headers: { "X-Set-TT-Cookie": xSetTtCookie } }),
    );

    const error = await caught(() => fetchSignedConnection(ctx, jar, baseRequest));

    expect(error).toBeInstanceOf(SignServerError);
    expect((error as SignServerError).status).toBe(200);
    expect((error as SignServerError).message).toBe(
      "The sign server's fetch result lacks a push server or cursor",
    );
    expect(jar.has("ttwid")).toBe(false);
  });

  it("throws SignServerError when the result has no cursor", async () => {
    const { ctx, jar } = makeHarness();
    serveSign(() => protobuf(fetchResult({ cursor: "" }), { headers: { "X-Set-TT-Cookie": xSetTtCookie } }));

    expect(await caught(() => fetchSignedConnection(ctx, jar, baseRequest))).toBeInstanceOf(SignServerError);
  });

  it("throws RateLimitError on 429, with RateLimit-Reset as retryAfter", async () => {
    const { ctx, jar } = makeHarness();
    const reset = Math.floor(Date.now() / 1000) + 60;
    serveSign(() =>
      HttpResponse.json(
        { message: "Too many requests. Upgrade your plan.", limit_label: "day" },
        { status: 429, headers: { "RateLimit-Remaining": "0", "RateLimit-Reset": String(reset) } },
      ),
    );

    const error = await caught(() => fetchSignedConnection(ctx, jar, baseRequest));

    expect(error).toBeInstanceOf(RateLimitError);
    const rate = error as RateLimitError;
    expect(rate.code).toBe("RATE_LIMITED");
    expect(rate.retryAfter).toBeGreaterThan(58_000);
    expect(rate.retryAfter).toBeLessThanOrEqual(60_000);
    expect(rate.message).toContain("sign.example.test");
    expect(JSON.parse(rate.cause as string)).toEqual({
      message: "Too many requests. Upgrade your plan.",
      limit_label: "day",
    });
  });

  it("wraps a network failure into SignServerError without status", async () => {
    const { ctx, jar } = makeHarness();
    serveSign(() => HttpResponse.error());

    const error = await caught(() =>
      fetchSignedConnection(ctx, jar, {
        ...baseRequest,
        apiKey: secretApiKey,
        session: { sessionId: secretSessionId, ttTargetIdc: "eu-ttp2" },
      }),
    );

    expect(error).toBeInstanceOf(SignServerError);
    const sign = error as SignServerError;
    expect(sign.status).toBeUndefined();
    // The underlying reason follows (issue 14: a NetworkError says why, not just "fetch failed").
    expect(sign.message.startsWith(`The sign server at ${fetchUrl} could not be reached: `)).toBe(true);
    expect(sign.cause).toBeInstanceOf(TikTokLiveError);
    expect((sign.cause as TikTokLiveError).code).toBe("NETWORK");
    for (const text of [sign.message, (sign.cause as Error).message]) {
      expect(text).not.toContain(secretSessionId);
      expect(text).not.toContain(secretApiKey);
    }
  });

  it("rejects with the caller's abort reason instead of a SignServerError", async () => {
    const controller = new AbortController();
    const reason = new Error("disconnect() called");
    const { ctx, jar } = makeHarness({ signal: controller.signal });
    serveSign(() => {
      controller.abort(reason);
      return protobuf(fetchResult(), { headers: { "X-Set-TT-Cookie": xSetTtCookie } });
    });

    const error = await caught(() => fetchSignedConnection(ctx, jar, baseRequest));

    expect(error).toBe(reason);
    expect(jar.has("ttwid")).toBe(false);
  });
});
