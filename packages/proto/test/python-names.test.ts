import { describe, expect, it } from "vitest";
import { User, WebcastChatMessage, WebcastGiftMessage, WebcastSocialMessage } from "../src/codecs.js";
import {
  CommentEvent,
  GiftEvent,
  materialize,
  ShareEvent,
  shareUsersJoined,
  toJsonSafe,
} from "../src/index.js";

// `user.id` (an alias of `userId`) and `ShareEvent.usersJoined`: the Python
// TikTokLive names. The alias must not change what JSON, copies and deep
// equality see, on lazily decoded events and on the eager codecs alike.

const carol = 7034567890123456789n;
const dan = 7034567890123456001n;

const chatBytes = WebcastChatMessage.encode(
  WebcastChatMessage.fromPartial({
    content: "hi @dan",
    user: { userId: carol, nickname: "Carol", topFans: [{ userId: 42n, nickname: "Fan" }] },
    atUser: { userId: dan, nickname: "Dan" },
    mentionUsers: [{ userId: dan }],
  }),
).finish();

const comment = (payload = chatBytes) =>
  new CommentEvent({ method: "WebcastChatMessage", msgId: 1n, payload });

function share(key: string): ShareEvent {
  const payload = WebcastSocialMessage.encode(
    WebcastSocialMessage.fromPartial({ common: { displayText: { key } }, user: { uniqueId: "erin" } }),
  ).finish();
  return new ShareEvent({ method: "WebcastSocialMessage", msgId: 2n, payload });
}

describe("user.id", () => {
  it("is userId on every user of a lazily decoded event, nested ones included", () => {
    const e = comment();
    expect(e.user.id).toBe(carol);
    expect(e.userInfo.id).toBe(carol);
    expect(e.atUser.id).toBe(dan);
    expect(e.mentionUsers.map((u) => u.id)).toEqual([dan]);
    expect(e.user.topFans[0]?.id).toBe(42n);
    expect(e.data.user?.id).toBe(carol);
  });

  it("is 0n on the empty user an event returns when the message has none", () => {
    const e = comment(WebcastChatMessage.encode(WebcastChatMessage.fromPartial({ content: "x" })).finish());
    expect(e.user.id).toBe(0n);
    expect(e.user.id).toBe(e.user.userId);
  });

  it("is userId on users from the eager codecs: decode, create, fromPartial", () => {
    const eager = WebcastChatMessage.decode(chatBytes);
    expect(eager.user?.id).toBe(carol);
    expect(eager.user?.topFans[0]?.id).toBe(42n);
    expect(User.decode(User.encode(User.fromPartial({ userId: dan })).finish()).id).toBe(dan);
    expect(User.create().id).toBe(0n);
    const gift = WebcastGiftMessage.fromPartial({ toUser: { userId: 9n } });
    expect(gift.toUser?.id).toBe(9n);
    expect(
      new GiftEvent({
        method: "WebcastGiftMessage",
        msgId: 3n,
        payload: WebcastGiftMessage.encode(gift).finish(),
      }).toUser.id,
    ).toBe(9n);
  });

  it("follows userId when userId is set", () => {
    const lazy = comment().user;
    lazy.userId = 5n;
    expect(lazy.id).toBe(5n);
    const eager = User.create();
    eager.userId = 6n;
    expect(eager.id).toBe(6n);
  });

  it("is no own property: JSON, keys, spread, plainData and structuredClone carry userId only", () => {
    for (const user of [comment().user, WebcastChatMessage.decode(chatBytes).user!]) {
      expect(Object.keys(user)).not.toContain("id");
      expect({ ...user }).not.toHaveProperty("id");
      expect(toJsonSafe(user)).not.toHaveProperty("id");
      expect(toJsonSafe(user)).toHaveProperty("userId", String(carol));
    }
    const e = comment();
    void e.user.id;
    const json = JSON.parse(JSON.stringify(e));
    expect(Object.keys(json.data.user)).not.toContain("id");
    expect(json.data.user.userId).toBe(String(carol));
    expect(json.data.atUser).not.toHaveProperty("id");
    expect(e.plainData.user).not.toHaveProperty("id");
    expect(structuredClone(e.plainData).user?.userId).toBe(carol);
    expect(structuredClone(WebcastChatMessage.decode(chatBytes)).user).not.toHaveProperty("id");
  });

  it("leaves deep equality of lazy and eager decodes as it was", () => {
    const e = comment();
    const eager = WebcastChatMessage.decode(chatBytes);
    expect(materialize(e.data)).toStrictEqual(eager);
    expect(e.data).toEqual(eager);
    expect(eager.user?.constructor).toBe(Object);
  });
});

describe("ShareEvent.usersJoined", () => {
  it("is the count in the display key, as shareUsersJoined(e)", () => {
    const e = share("pm_mt_guidance_viewer_12_share");
    expect(e.usersJoined).toBe(12);
    expect(shareUsersJoined(e)).toBe(12);
    expect(e.user.uniqueId).toBe("erin");
  });

  it("is undefined for a share without a count", () => {
    expect(share("pm_mt_guidance_share").usersJoined).toBeUndefined();
    expect(share("").usersJoined).toBeUndefined();
  });

  it("is a getter, so the event's JSON stays the message's fields", () => {
    expect(share("pm_mt_guidance_viewer_3_share").toJSON()).not.toHaveProperty("usersJoined");
  });
});
