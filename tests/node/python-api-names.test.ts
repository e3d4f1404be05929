import {
  CommentEvent,
  ConnectEvent,
  GiftEvent,
  ShareEvent,
  TikTokLiveClient,
  usdPerDiamond,
} from "@tiktok-live/node";
import { giftByName, scenario, startSimulator, userByName } from "@tiktok-live/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Issue 16, item 4: what the Python TikTokLive docs write, in our naming, on
// events a real client decodes from the simulator (not hand-built ones).
// The migration guide lists each (docs/guides/migrating-from-python-tiktoklive.md).

const carol = userByName("carol"); // a super fan in the testkit's sample users
const bob = userByName("bob_builds");
const rose = giftByName("Rose");

const steps = scenario("python names")
  .comment("carol", "hello")
  .comment("bob_builds", "hi")
  .gift("carol", "Rose", { streak: 3 })
  .share("erin_", { usersJoined: 7 })
  .share("erin_")
  .end()
  .build();

const connects: ConnectEvent[] = [];
const comments: CommentEvent[] = [];
const gifts: GiftEvent[] = [];
const shares: ShareEvent[] = [];
const listeners: Record<string, unknown> = {};

describe("the Python client's names, on events decoded by a client", () => {
  beforeAll(async () => {
    const sim = await startSimulator({ scenario: steps, speed: 0 });
    try {
      const client = new TikTokLiveClient(`@${sim.uniqueId}`, sim.clientOptions());
      client.on(ConnectEvent, (e) => connects.push(e));
      client.on(CommentEvent, (e) => comments.push(e));
      client.on("comment", () => {});
      client.on(GiftEvent, (e) => gifts.push(e));
      client.on(ShareEvent, (e) => shares.push(e));
      // client.has_listener / listener_count / remove_all_listeners (pyee's names).
      listeners.before = [client.hasListener(CommentEvent), client.listenerCount("comment")];
      client.removeAllListeners("comment");
      listeners.removed = [client.hasListener(CommentEvent), client.listenerCount(CommentEvent)];
      client.on(CommentEvent, (e) => comments.push(e));
      listeners.again = [client.hasListener("comment"), client.listenerCount(CommentEvent)];
      listeners.gifts = client.listenerCount(GiftEvent);
      client.removeAllListeners();
      listeners.none = [client.hasListener(GiftEvent), client.hasListener(ShareEvent)];
      client.on(ConnectEvent, (e) => connects.push(e));
      client.on(CommentEvent, (e) => comments.push(e));
      client.on(GiftEvent, (e) => gifts.push(e));
      client.on(ShareEvent, (e) => shares.push(e));
      await client.run();
    } finally {
      await sim.close();
    }
  });
  afterAll(() => {
    for (const list of [connects, comments, gifts, shares]) list.length = 0;
  });

  it("ConnectEvent: event.unique_id → event.uniqueId, event.room_id → event.roomId", () => {
    expect(connects).toHaveLength(1);
    expect(connects[0]!.uniqueId).toBe("simulated_host");
    expect(connects[0]!.roomId).toMatch(/^\d+$/);
  });

  it("event.user_info → event.userInfo, the same user as event.user", () => {
    const [e] = comments;
    expect(e!.userInfo).toBe(e!.user);
    expect(e!.userInfo.uniqueId).toBe("carol");
    expect(gifts[0]!.userInfo).toBe(gifts[0]!.user);
  });

  it("user.id → user.id, the user's numeric id (user.userId)", () => {
    expect(comments.map((e) => e.user.id)).toEqual([carol.userId, bob.userId]);
    expect(comments[0]!.userInfo.id).toBe(comments[0]!.user.userId);
    expect(gifts.map((e) => e.user.id)).toEqual([carol.userId, carol.userId, carol.userId]);
    expect(shares[0]!.user.id).toBe(userByName("erin_").userId);
  });

  it("user.avatar_thumb.url_list[0] → user.avatarThumb.urlList[0]", () => {
    expect(comments[0]!.user.avatarThumb?.urlList[0]).toBe(
      `https://p16-sign-va.tiktokcdn.com/tos-maliva-avt-0068/${carol.userId}~c5_100x100.webp`,
    );
  });

  it("event.user_is_super_fan → event.userIsSuperFan (comments and gifts)", () => {
    expect(comments.map((e) => e.userIsSuperFan)).toEqual([true, false]);
    expect(gifts.every((e) => e.userIsSuperFan)).toBe(true);
  });

  it("GiftEvent.value: a USD estimate, absent mid-streak so a streak counts once", () => {
    expect(gifts.map((e) => [e.repeatCount, e.streaking])).toEqual([
      [1, true],
      [2, true],
      [3, false],
    ]);
    expect(gifts.map((e) => e.value)).toEqual([undefined, undefined, 3 * rose.diamondCount * usdPerDiamond]);
  });

  it("ShareEvent.users_joined → e.usersJoined, undefined where TikTok gives no count", () => {
    expect(shares.map((e) => e.usersJoined)).toEqual([7, undefined]);
  });

  it("has_listener, listener_count, remove_all_listeners → hasListener, listenerCount, removeAllListeners", () => {
    expect(listeners).toEqual({
      before: [true, 2],
      removed: [false, 0],
      again: [true, 1],
      gifts: 1,
      none: [false, false],
    });
  });
});
