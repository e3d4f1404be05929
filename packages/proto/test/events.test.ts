import { describe, expect, it } from "vitest";
import { WebcastChatMessage, WebcastGiftMessage } from "../src/codecs.js";
import { CommentEvent, GiftEvent, toJsonSafe, UnknownEvent, usdPerDiamond } from "../src/index.js";

const bigId = 7034567890123456789n;

function comment(message: WebcastChatMessage) {
  const payload = WebcastChatMessage.encode(message).finish();
  return new CommentEvent({ method: "WebcastChatMessage", msgId: 7400000000000000001n, payload });
}

function gift(message: WebcastGiftMessage) {
  const payload = WebcastGiftMessage.encode(message).finish();
  return new GiftEvent({ method: "WebcastGiftMessage", msgId: 2n, payload });
}

describe("CommentEvent", () => {
  it("exposes the comment, the user and the super fan flag", () => {
    const e = comment(
      WebcastChatMessage.fromPartial({
        common: { createTime: 1764115200123n },
        content: "great stream",
        user: {
          userId: bigId,
          nickname: "Carol",
          uniqueId: "carol",
          avatarThumb: { urlList: ["https://cdn.example/c.webp"] },
        },
        userIdentity: { isSubscriberOfAnchor: true },
      }),
    );
    expect(e.comment).toBe("great stream");
    expect(e.content).toBe("great stream");
    expect(e.user.nickname).toBe("Carol");
    expect(e.user.uniqueId).toBe("carol");
    expect(e.user.userId).toBe(bigId);
    expect(e.user.avatarThumb?.urlList[0]).toBe("https://cdn.example/c.webp");
    expect(e.userIsSuperFan).toBe(true);
    expect(e.createTime).toBe(1764115200123n);
    expect(e.method).toBe("WebcastChatMessage");
  });

  it("has userInfo as the same object as user, as Python TikTokLive's user_info", () => {
    const e = comment(
      WebcastChatMessage.fromPartial({ content: "x", user: { userId: bigId, nickname: "Dan" } }),
    );
    expect(e.userInfo).toBe(e.user);
    expect(e.userInfo.nickname).toBe("Dan");
    const g = gift(WebcastGiftMessage.fromPartial({ user: { uniqueId: "erin" } }));
    expect(g.userInfo).toBe(g.user);
    expect(g.userInfo.uniqueId).toBe("erin");
  });

  it("is not a super fan without the identity flag", () => {
    expect(comment(WebcastChatMessage.fromPartial({ content: "x" })).userIsSuperFan).toBe(false);
  });

  it("serialises 64-bit ids as exact strings in toJSON", () => {
    const json = JSON.parse(
      JSON.stringify(comment(WebcastChatMessage.fromPartial({ content: "x", user: { userId: bigId } }))),
    );
    expect(json.event).toBe("comment");
    expect(json.msgId).toBe("7400000000000000001");
    expect(json.data.user.userId).toBe("7034567890123456789");
    expect(json.data.content).toBe("x");
  });
});

describe("GiftEvent streaks", () => {
  const rose = { id: 5655n, name: "Rose", type: 1, diamondCount: 1 };
  it("is streaking while repeatEnd is 0 for a streakable gift", () => {
    const mid = gift(WebcastGiftMessage.fromPartial({ gift: rose, repeatCount: 3, repeatEnd: 0 }));
    expect(mid.streakable).toBe(true);
    expect(mid.streaking).toBe(true);
    const last = gift(WebcastGiftMessage.fromPartial({ gift: rose, repeatCount: 5, repeatEnd: 1 }));
    expect(last.streaking).toBe(false);
    expect(last.repeatCount).toBe(5);
    expect(last.diamonds).toBe(5);
    expect(last.gift.name).toBe("Rose");
  });

  it("never streaks for a non-streakable gift", () => {
    const bolt = gift(
      WebcastGiftMessage.fromPartial({
        gift: { name: "Lightning Bolt", type: 2, diamondCount: 20 },
        repeatCount: 1,
        repeatEnd: 0,
      }),
    );
    expect(bolt.streakable).toBe(false);
    expect(bolt.streaking).toBe(false);
    expect(bolt.diamonds).toBe(20);
  });

  it("has a USD value only where the streak ends, so summing it counts a streak once", () => {
    const universe = { name: "Universe", type: 1, diamondCount: 34999 };
    const messages = [1, 2, 3].map((n) =>
      gift(WebcastGiftMessage.fromPartial({ gift: universe, repeatCount: n, repeatEnd: 0 })),
    );
    messages.push(gift(WebcastGiftMessage.fromPartial({ gift: universe, repeatCount: 3, repeatEnd: 1 })));
    expect(messages.map((m) => m.value)).toEqual([
      undefined,
      undefined,
      undefined,
      3 * 34999 * usdPerDiamond,
    ]);
    expect(usdPerDiamond).toBe(0.005);
    expect(messages[3]?.value).toBeCloseTo(524.985, 6);
  });

  it("values a gift that cannot streak at once", () => {
    const bolt = gift(
      WebcastGiftMessage.fromPartial({ gift: { type: 2, diamondCount: 20 }, repeatCount: 1, repeatEnd: 0 }),
    );
    expect(bolt.value).toBeCloseTo(0.1, 9);
  });

  it("reads an absent gift as an empty one", () => {
    const e = gift(WebcastGiftMessage.fromPartial({ repeatCount: 1 }));
    expect(e.gift.name).toBe("");
    expect(e.diamonds).toBe(0);
  });
});

describe("toJsonSafe", () => {
  it("turns bigints into strings, bytes into base64 and walks arrays and objects", () => {
    expect(toJsonSafe({ a: 1n, b: [2n, { c: new Uint8Array([255, 0]) }], d: null, e: "s" })).toEqual({
      a: "1",
      b: ["2", { c: "/wA=" }],
      d: null,
      e: "s",
    });
  });

  it("keeps UnknownEvent's bytes", () => {
    const e = new UnknownEvent({ method: "WebcastX", msgId: 1n, payload: new Uint8Array([1, 2, 3]) });
    expect(e.toJSON()).toEqual({
      event: "unknown",
      method: "WebcastX",
      msgId: "1",
      createTime: "0",
      payload: "AQID",
    });
  });
});
