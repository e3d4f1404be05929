import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import {
  BlockedError,
  InvalidResponseError,
  UserNotFoundError,
  UserOfflineError,
} from "../../../src/errors/errors.js";
import { fetchRoomIdFromApi, fetchRoomIdFromHtml, resolveRoomId } from "../../../src/http/routes/room-id.js";
import apiLiveError from "./fixtures/api-live-error.json?raw";
import apiLiveOffline from "./fixtures/api-live-offline.json?raw";
import apiLiveOk from "./fixtures/api-live-ok.json?raw";
import apiLiveUserNotFound from "./fixtures/api-live-user-not-found.json?raw";
import captchaPage from "./fixtures/captcha-page.html?raw";
import { bigRoomId, caught, makeHarness, secretSessionId, userAgent, useServer } from "./fixtures/harness.js";
import livePage from "./fixtures/live-page.html?raw";
import livePageBadJson from "./fixtures/live-page-bad-json.html?raw";
import livePageNoLiveRoom from "./fixtures/live-page-no-live-room.html?raw";
import livePageOffline from "./fixtures/live-page-offline.html?raw";

const server = useServer();

// Any profile's live page.
const pageUrl = "https://www.tiktok.com/:handle/live";
const apiUrl = "https://www.tiktok.com/api-live/user/room/";

const html = (body: string, status = 200) =>
  new HttpResponse(body, { status, headers: { "Content-Type": "text/html; charset=utf-8" } });
const json = (body: string, status = 200) =>
  new HttpResponse(body, { status, headers: { "Content-Type": "application/json" } });

/** Serves `body` at the live page and records each request. */
function servePage(body: string, status = 200): Request[] {
  const seen: Request[] = [];
  server.use(
    http.get(pageUrl, ({ request }) => {
      seen.push(request);
      return html(body, status);
    }),
  );
  return seen;
}

function serveApi(body: string, status = 200): Request[] {
  const seen: Request[] = [];
  server.use(
    http.get(apiUrl, ({ request }) => {
      seen.push(request);
      return json(body, status);
    }),
  );
  return seen;
}

describe("fetchRoomIdFromHtml", () => {
  it("reads the room id from SIGI_STATE, as an exact string above 2^53", async () => {
    const { ctx } = makeHarness({ sessionId: secretSessionId });
    const seen = servePage(livePage);

    const roomId = await fetchRoomIdFromHtml(ctx, "bella.live");

    expect(roomId).toBe(bigRoomId);
    expect(typeof roomId).toBe("string");
    // The id is beyond double precision: any trip through a number would change it.
    expect(String(Number(bigRoomId))).not.toBe(bigRoomId);

    expect(seen).toHaveLength(1);
    const request = seen[0]!;
    // The page gets no API query params, but does get the browser headers and cookies.
    expect(new URL(request.url).search).toBe("");
    expect(request.headers.get("user-agent")).toBe(userAgent);
    expect(request.headers.get("referer")).toBe("https://www.tiktok.com/");
    expect(request.headers.get("cookie")).toContain(`sessionid=${secretSessionId}`);
    expect(request.headers.get("cookie")).toContain("tt-target-idc=useast1a");
  });

  it("encodes the unique id into the path", async () => {
    const { ctx } = makeHarness();
    let path = "";
    server.use(
      http.get("https://www.tiktok.com/*", ({ request }) => {
        path = new URL(request.url).pathname;
        return html(livePage);
      }),
    );

    await fetchRoomIdFromHtml(ctx, "bella live/x?");

    expect(path).toBe("/@bella%20live%2Fx%3F/live");
  });

  it("throws UserOfflineError when the user's status is 4", async () => {
    const { ctx } = makeHarness();
    servePage(livePageOffline);

    const error = await caught(() => fetchRoomIdFromHtml(ctx, "bella.live"));

    expect(error).toBeInstanceOf(UserOfflineError);
    expect((error as UserOfflineError).code).toBe("USER_OFFLINE");
    expect((error as UserOfflineError).uniqueId).toBe("bella.live");
    expect((error as UserOfflineError).message).toBe("@bella.live is not live right now");
  });

  it("throws UserNotFoundError when SIGI_STATE has no LiveRoom", async () => {
    const { ctx } = makeHarness();
    servePage(livePageNoLiveRoom);

    const error = await caught(() => fetchRoomIdFromHtml(ctx, "no.such.user.4821"));

    expect(error).toBeInstanceOf(UserNotFoundError);
    expect((error as UserNotFoundError).code).toBe("USER_NOT_FOUND");
    expect((error as UserNotFoundError).uniqueId).toBe("no.such.user.4821");
  });

  it("throws BlockedError on a captcha page", async () => {
    const { ctx } = makeHarness();
    servePage(captchaPage);

    const error = await caught(() => fetchRoomIdFromHtml(ctx, "bella.live"));

    expect(error).toBeInstanceOf(BlockedError);
    expect((error as BlockedError).code).toBe("BLOCKED");
    expect((error as BlockedError).message).toContain("no SIGI_STATE");
  });

  it("throws BlockedError with the SyntaxError as cause when SIGI_STATE is not valid JSON", async () => {
    const { ctx } = makeHarness();
    servePage(livePageBadJson);

    const error = await caught(() => fetchRoomIdFromHtml(ctx, "bella.live"));

    expect(error).toBeInstanceOf(BlockedError);
    expect((error as BlockedError).message).toContain("not valid JSON");
    expect((error as BlockedError).cause).toBeInstanceOf(SyntaxError);
  });

  it("passes an HTTP error of the page on as InvalidResponseError", async () => {
    const { ctx } = makeHarness();
    servePage("<html>Service Unavailable</html>", 503);

    const error = await caught(() => fetchRoomIdFromHtml(ctx, "bella.live"));

    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).status).toBe(503);
  });
});

describe("fetchRoomIdFromApi", () => {
  it("reads data.user.roomId as an exact string and sends the default params", async () => {
    const { ctx } = makeHarness();
    const seen = serveApi(apiLiveOk);

    const roomId = await fetchRoomIdFromApi(ctx, "bella.live");

    expect(roomId).toBe(bigRoomId);
    expect(seen).toHaveLength(1);
    const query = new URL(seen[0]!.url).searchParams;
    expect(query.get("uniqueId")).toBe("bella.live");
    expect(query.get("sourceType")).toBe("54");
    expect(query.get("aid")).toBe("1988");
    expect(query.get("app_name")).toBe("tiktok_web");
    expect(query.get("device_platform")).toBe("web_pc");
    expect(seen[0]!.headers.get("cookie")).toBe("tt-target-idc=useast1a");
  });

  it("throws UserNotFoundError on message user_not_found", async () => {
    const { ctx } = makeHarness();
    serveApi(apiLiveUserNotFound);

    const error = await caught(() => fetchRoomIdFromApi(ctx, "no.such.user.4821"));

    expect(error).toBeInstanceOf(UserNotFoundError);
    expect((error as UserNotFoundError).uniqueId).toBe("no.such.user.4821");
    expect((error as UserNotFoundError).code).toBe("USER_NOT_FOUND");
  });

  it("throws InvalidResponseError on any other non-zero statusCode", async () => {
    const { ctx } = makeHarness();
    serveApi(apiLiveError);

    const error = await caught(() => fetchRoomIdFromApi(ctx, "bella.live"));

    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).code).toBe("INVALID_RESPONSE");
    expect((error as InvalidResponseError).message).toBe(
      "api-live/user/room answered statusCode 10201 (params_error)",
    );
    expect((error as InvalidResponseError).status).toBeUndefined();
  });

  it("throws UserOfflineError when data.liveRoom.status is 4", async () => {
    const { ctx } = makeHarness();
    serveApi(apiLiveOffline);

    const error = await caught(() => fetchRoomIdFromApi(ctx, "bella.live"));

    expect(error).toBeInstanceOf(UserOfflineError);
    expect((error as UserOfflineError).uniqueId).toBe("bella.live");
  });

  it("throws InvalidResponseError when the API answers with something that is not JSON", async () => {
    const { ctx } = makeHarness();
    server.use(http.get(apiUrl, () => html(captchaPage)));

    const error = await caught(() => fetchRoomIdFromApi(ctx, "bella.live"));

    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).status).toBe(200);
    expect((error as InvalidResponseError).cause).toBeInstanceOf(SyntaxError);
  });
});

describe("resolveRoomId", () => {
  it("uses the page when it can be read, without calling the API", async () => {
    const { ctx } = makeHarness();
    const page = servePage(livePage);
    const api = serveApi(apiLiveOk);

    expect(await resolveRoomId(ctx, "bella.live")).toBe(bigRoomId);
    expect(page).toHaveLength(1);
    expect(api).toHaveLength(0);
  });

  it("falls back to the API when the page is a captcha", async () => {
    const { ctx } = makeHarness();
    const page = servePage(captchaPage);
    const api = serveApi(apiLiveOk);

    const roomId = await resolveRoomId(ctx, "bella.live");

    expect(roomId).toBe(bigRoomId);
    expect(page).toHaveLength(1);
    expect(api).toHaveLength(1);
    expect(new URL(api[0]!.url).searchParams.get("uniqueId")).toBe("bella.live");
  });

  it("falls back to the API when SIGI_STATE is not valid JSON", async () => {
    const { ctx } = makeHarness();
    servePage(livePageBadJson);
    const api = serveApi(apiLiveOk);

    expect(await resolveRoomId(ctx, "bella.live")).toBe(bigRoomId);
    expect(api).toHaveLength(1);
  });

  it("falls back to the API when the page has no LiveRoom (the API has the last word)", async () => {
    const { ctx } = makeHarness();
    const page = servePage(livePageNoLiveRoom);
    const api = serveApi(apiLiveUserNotFound);

    const error = await caught(() => resolveRoomId(ctx, "no.such.user.4821"));

    expect(page).toHaveLength(1);
    expect(api).toHaveLength(1);
    expect(error).toBeInstanceOf(UserNotFoundError);
    expect((error as UserNotFoundError).uniqueId).toBe("no.such.user.4821");
  });

  it("does not fall back when the page says the user is offline", async () => {
    const { ctx } = makeHarness();
    servePage(livePageOffline);
    const api = serveApi(apiLiveOk);

    const error = await caught(() => resolveRoomId(ctx, "bella.live"));

    expect(error).toBeInstanceOf(UserOfflineError);
    expect((error as UserOfflineError).uniqueId).toBe("bella.live");
    expect(api).toHaveLength(0);
  });

  it("reports the API's error with the page's error as cause when both fail", async () => {
    const { ctx } = makeHarness();
    servePage(captchaPage);
    serveApi(apiLiveError);

    const error = await caught(() => resolveRoomId(ctx, "bella.live"));

    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).message).toContain("statusCode 10201");
    expect((error as InvalidResponseError).cause).toBeInstanceOf(BlockedError);
  });

  it("keeps the API error's own cause when it has one", async () => {
    const { ctx } = makeHarness();
    servePage(captchaPage);
    server.use(http.get(apiUrl, () => html(captchaPage)));

    const error = await caught(() => resolveRoomId(ctx, "bella.live"));

    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).cause).toBeInstanceOf(SyntaxError);
  });

  it("does not call the API once the caller has aborted", async () => {
    const controller = new AbortController();
    const reason = new Error("stop");
    const { ctx } = makeHarness({ signal: controller.signal });
    server.use(
      http.get(pageUrl, () => {
        controller.abort(reason);
        return html(captchaPage);
      }),
    );
    const api = serveApi(apiLiveOk);

    const error = await caught(() => resolveRoomId(ctx, "bella.live"));

    expect(api).toHaveLength(0);
    expect(error).toBe(reason);
  });
});
