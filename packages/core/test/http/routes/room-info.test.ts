import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { AgeRestrictedError, InvalidResponseError } from "../../../src/errors/errors.js";
import { fetchGiftList, fetchIsLive, fetchRoomInfo } from "../../../src/http/routes/room-info.js";
import checkAlive from "./fixtures/check-alive.json?raw";
import checkAliveEnded from "./fixtures/check-alive-ended.json?raw";
import giftList from "./fixtures/gift-list.json?raw";
import { bigRoomId, caught, makeHarness, secretSessionId, useServer } from "./fixtures/harness.js";
import roomInfoAgeRestricted from "./fixtures/room-info-age-restricted.json?raw";
import roomInfoOk from "./fixtures/room-info-ok.json?raw";

const server = useServer();

const roomInfoUrl = "https://webcast.tiktok.com/webcast/room/info/";
const checkAliveUrl = "https://webcast.tiktok.com/webcast/room/check_alive/";
const giftListUrl = "https://webcast.tiktok.com/webcast/gift/list/";

const json = (body: string, status = 200) =>
  new HttpResponse(body, { status, headers: { "Content-Type": "application/json" } });

function serve(url: string, body: string, status = 200): Request[] {
  const seen: Request[] = [];
  server.use(
    http.get(url, ({ request }) => {
      seen.push(request);
      return json(body, status);
    }),
  );
  return seen;
}

describe("fetchRoomInfo", () => {
  it("returns data with the room's fields and sends room_id, default params and the session cookies", async () => {
    const { ctx } = makeHarness({ sessionId: secretSessionId });
    const seen = serve(roomInfoUrl, roomInfoOk);

    const info = await fetchRoomInfo(ctx, bigRoomId);

    expect(info.id_str).toBe(bigRoomId);
    expect(info.status).toBe(2);
    expect(info.title).toBe("late night chat / Q&A");
    expect(info.user_count).toBe(1234);
    expect(info.owner).toMatchObject({
      id_str: "6812345678901234567",
      display_id: "bella.live",
      nickname: "Bella Live ✨",
    });
    expect(info.stats).toMatchObject({ total_user: 8811, like_count: 50321 });
    // Fields the type does not name are kept.
    expect(info.hashtag).toEqual({ id: 5, title: "Chat" });

    expect(seen).toHaveLength(1);
    const query = new URL(seen[0]!.url).searchParams;
    expect(query.get("room_id")).toBe(bigRoomId);
    expect(query.get("aid")).toBe("1988");
    expect(query.get("user_is_login")).toBe("true");
    expect(seen[0]!.headers.get("cookie")).toContain(`sessionid=${secretSessionId}`);
  });

  it("throws AgeRestrictedError when data is a prompt", async () => {
    const { ctx } = makeHarness();
    serve(roomInfoUrl, roomInfoAgeRestricted);

    const error = await caught(() => fetchRoomInfo(ctx, bigRoomId));

    expect(error).toBeInstanceOf(AgeRestrictedError);
    expect((error as AgeRestrictedError).code).toBe("AGE_RESTRICTED");
    expect((error as AgeRestrictedError).name).toBe("AgeRestrictedError");
    expect((error as AgeRestrictedError).message).toContain("sessionId");
  });

  it("throws AgeRestrictedError when data has one key or fewer", async () => {
    const { ctx } = makeHarness();
    serve(roomInfoUrl, '{"data":{"message":"login required"},"status_code":0}');

    expect(await caught(() => fetchRoomInfo(ctx, bigRoomId))).toBeInstanceOf(AgeRestrictedError);
  });

  it("throws InvalidResponseError when there is no data", async () => {
    const { ctx } = makeHarness();
    serve(roomInfoUrl, '{"extra":{"now":1764115260000},"status_code":30003}');

    const error = await caught(() => fetchRoomInfo(ctx, bigRoomId));

    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).message).toBe("room/info returned no data");
  });

  it("throws InvalidResponseError with the SyntaxError as cause on malformed JSON", async () => {
    const { ctx } = makeHarness();
    serve(roomInfoUrl, roomInfoOk.slice(0, 200));

    const error = await caught(() => fetchRoomInfo(ctx, bigRoomId));

    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).code).toBe("INVALID_RESPONSE");
    expect((error as InvalidResponseError).status).toBe(200);
    expect((error as InvalidResponseError).message).toBe(`${roomInfoUrl} returned invalid JSON`);
    expect((error as InvalidResponseError).cause).toBeInstanceOf(SyntaxError);
  });

  it("throws InvalidResponseError with status 500 on HTTP 500", async () => {
    const { ctx } = makeHarness();
    serve(roomInfoUrl, '{"message":"internal error"}', 500);

    const error = await caught(() => fetchRoomInfo(ctx, bigRoomId));

    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).status).toBe(500);
    expect((error as InvalidResponseError).message).toBe(`${roomInfoUrl} answered HTTP 500`);
    expect((error as InvalidResponseError).cause).toBe('{"message":"internal error"}');
  });
});

describe("fetchIsLive", () => {
  it("returns true when check_alive says alive, asking for the room in room_ids", async () => {
    const { ctx } = makeHarness();
    const seen = serve(checkAliveUrl, checkAlive);

    expect(await fetchIsLive(ctx, bigRoomId)).toBe(true);

    const query = new URL(seen[0]!.url).searchParams;
    expect(query.get("room_ids")).toBe(bigRoomId);
    expect(query.get("room_id")).toBe(bigRoomId);
    expect(query.get("aid")).toBe("1988");
  });

  it("returns false when the room has ended", async () => {
    const { ctx } = makeHarness();
    serve(checkAliveUrl, checkAliveEnded);

    expect(await fetchIsLive(ctx, bigRoomId)).toBe(false);
  });

  it("throws InvalidResponseError when the answer has no status", async () => {
    const { ctx } = makeHarness();
    serve(checkAliveUrl, '{"data":[],"status_code":0}');

    const error = await caught(() => fetchIsLive(ctx, bigRoomId));

    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).message).toBe("room/check_alive returned no status");
  });
});

describe("fetchGiftList", () => {
  it("returns data.gifts and sends room_id", async () => {
    const { ctx } = makeHarness();
    const seen = serve(giftListUrl, giftList);

    const gifts = await fetchGiftList(ctx, bigRoomId);

    expect(gifts).toHaveLength(5);
    expect(gifts[0]).toMatchObject({ id: 5655, name: "Rose", diamond_count: 1, type: 1 });
    expect(gifts[0]!.image?.url_list?.[0]).toBe(
      "https://p16-webcast.tiktokcdn.com/img/maliva/webcast-va/eba3a9bb85c33e017f3648eaf88d7189~tplv-obj.webp",
    );
    expect(gifts.map((g) => g.name)).toEqual(["Rose", "TikTok", "GG", "Weights", "TikTok Universe"]);
    expect(gifts[4]).toMatchObject({ id: 6751, diamond_count: 44999, type: 2 });
    expect(new URL(seen[0]!.url).searchParams.get("room_id")).toBe(bigRoomId);
  });

  it("throws InvalidResponseError when there is no gift array", async () => {
    const { ctx } = makeHarness();
    serve(giftListUrl, '{"data":{"gifts":null},"status_code":0}');

    const error = await caught(() => fetchGiftList(ctx, bigRoomId));

    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).message).toBe("gift/list returned no gift array");
  });
});
