import {
  RateLimitError,
  TikTokLiveClient,
  TikTokWebClient,
  UserNotFoundError,
  UserOfflineError,
} from "@tiktok-live/node";
import { type Simulator, sampleGifts, startSimulator } from "@tiktok-live/testkit";
import { afterEach, describe, expect, it } from "vitest";

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

function requestsTo(s: Simulator, path: string): number {
  return s.state.requests.filter((r) => r.path === path).length;
}

describe("TikTokWebClient against the simulator", () => {
  it("resolves the room id, room info by user and by room id, and the stream URLs", async () => {
    sim = await startSimulator();
    const web = new TikTokWebClient({ baseUrls: sim.baseUrls });
    expect(await web.fetchRoomId(`@${sim.uniqueId}`)).toBe(sim.roomId);
    const byUser = await web.fetchRoomInfo(sim.uniqueId);
    const byRoom = await web.fetchRoomInfo({ roomId: sim.roomId });
    expect(byUser.id_str).toBe(sim.roomId);
    expect(byRoom.title).toBe("Simulated LIVE");
    expect(byRoom.user_count).toBe(1234);
  });

  it("tells live from offline, and checks many users with one check_alive request", async () => {
    sim = await startSimulator();
    const web = new TikTokWebClient({ baseUrls: sim.baseUrls });
    expect(await web.fetchIsLive(sim.uniqueId)).toBe(true);
    const before = requestsTo(sim, "/webcast/room/check_alive/");
    const many = await web.fetchIsLive([`@${sim.uniqueId}`, `https://www.tiktok.com/@${sim.uniqueId}/live`]);
    expect(many).toEqual({ [sim.uniqueId]: true });
    expect(requestsTo(sim, "/webcast/room/check_alive/") - before).toBe(1);

    sim.state.status = 4;
    expect(await web.fetchIsLive(sim.uniqueId)).toBe(false);
    expect(await web.fetchIsLive([sim.uniqueId])).toEqual({ [sim.uniqueId]: false });
    await expect(web.fetchRoomId(sim.uniqueId)).rejects.toBeInstanceOf(UserOfflineError);
  });

  it("fails a batch with UserNotFoundError naming the unknown user", async () => {
    sim = await startSimulator();
    const web = new TikTokWebClient({ baseUrls: sim.baseUrls });
    const error = await web.fetchIsLive([sim.uniqueId, "nobody_here"]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserNotFoundError);
    expect((error as UserNotFoundError).uniqueId).toBe("nobody_here");
  });

  it("fetches the gift list without a room, and a user's profile with follower counts", async () => {
    sim = await startSimulator();
    const web = new TikTokWebClient({ baseUrls: sim.baseUrls });
    const gifts = await web.fetchGiftList();
    expect(gifts.map((g) => g.name)).toEqual(sampleGifts.map((g) => g.name));
    expect(gifts[0]!.diamond_count).toBe(sampleGifts[0]!.diamondCount);

    const user = await web.fetchUser(`@${sim.uniqueId}`);
    expect(user).toMatchObject({
      id: "6900000000000000001",
      uniqueId: sim.uniqueId,
      roomId: sim.roomId,
      stats: { followerCount: 4321, followingCount: 12, heartCount: 98765, videoCount: 34, diggCount: 5 },
    });
    await expect(web.fetchUser("nobody_here")).rejects.toBeInstanceOf(UserNotFoundError);
  });

  it("honours an aborted signal", async () => {
    sim = await startSimulator();
    const web = new TikTokWebClient({ baseUrls: sim.baseUrls });
    const controller = new AbortController();
    controller.abort(new Error("stop"));
    await expect(web.fetchUser(sim.uniqueId, { signal: controller.signal })).rejects.toThrow("stop");
  });

  it("is reachable as client.web, with the client's session cookie", async () => {
    sim = await startSimulator({ ageRestricted: true });
    const client = new TikTokLiveClient(sim.uniqueId, { ...sim.clientOptions(), sessionId: "sess-abc" });
    const info = await client.web.fetchRoomInfo({ roomId: sim.roomId });
    expect(info.id_str).toBe(sim.roomId);
    expect(client.web).toBe(client.web);
  });
});

describe("client.waitUntilLive", () => {
  it("polls an offline room until it goes live, then connects", async () => {
    sim = await startSimulator({ offline: true, liveAfterPolls: 3 });
    const client = new TikTokLiveClient(sim.uniqueId, sim.clientOptions());
    await expect(client.isLive()).resolves.toBe(false);
    await client.waitUntilLive({ intervalMs: 10 });
    // The first call, two offline polls, then the live one.
    expect(requestsTo(sim, `/@${sim.uniqueId}/live`)).toBe(4);
    await client.connect();
    expect(client.isConnected).toBe(true);
    await client.disconnect();
  });

  it("stops with the signal's reason when aborted", async () => {
    sim = await startSimulator({ offline: true });
    const client = new TikTokLiveClient(sim.uniqueId, sim.clientOptions());
    const controller = new AbortController();
    const waiting = client.waitUntilLive({ intervalMs: 10, signal: controller.signal });
    while (requestsTo(sim, `/@${sim.uniqueId}/live`) < 2) await new Promise((r) => setTimeout(r, 5));
    controller.abort(new Error("user gave up"));
    await expect(waiting).rejects.toThrow("user gave up");
  });

  it("gives up with the RateLimitError when TikTok asks for a longer wait than maxRetryAfterMs", async () => {
    sim = await startSimulator({ offline: true });
    // Both the page and the API fallback are limited, as TikTok limits an IP.
    const limited: typeof fetch = async () =>
      new Response("slow down", { status: 429, headers: { "Retry-After": "3600" } });
    const client = new TikTokLiveClient(sim.uniqueId, {
      ...sim.clientOptions(),
      fetch: limited,
      maxRetryAfterMs: 1000,
    });
    const error = await client.waitUntilLive({ intervalMs: 10 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBe(3_600_000);
  });
});
