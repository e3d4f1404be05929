import { describe, expect, it } from "vitest";
import {
  WebcastChatMessage,
  WebcastControlMessage,
  WebcastGiftMessage,
  WebcastLikeMessage,
  WebcastMemberMessage,
  WebcastRoomUserSeqMessage,
  WebcastSocialMessage,
} from "../src/codecs.js";
import {
  BaseProtoMessage,
  createEvent,
  GiftEvent,
  LikeEvent,
  ProtoMessageFetchResult,
  WebcastPushFrame,
} from "../src/index.js";
import { bytes, int, mapEntry, message, msg, str } from "./hand-wire.js";

// Ids above 2^53: a number would round them.
const userId = 7034567890123456789n;
const roomId = 7311111111111111111n;

const image = (field: number, url: string) =>
  msg(field, str(1, url), str(1, `${url}?mirror`), str(2, "uri/x"), int(3, 100), int(4, 100));
const common = (method: string, msgId: bigint) =>
  msg(
    1,
    str(1, method),
    int(2, msgId),
    int(3, roomId),
    int(4, 1764115200123n),
    msg(8, str(1, "pm_key"), str(2, "{0:user} did it")),
  );
const user = (field: number) =>
  msg(
    field,
    int(1, userId),
    str(3, "Alice ✨"),
    image(9, "https://cdn.example/a100.webp"),
    msg(22, int(1, 12), int(2, 3400), int(3, 2)),
    str(38, "alice.streams"),
    msg(64, int(1, 1), int(3, 8), msg(20, int(1, 1), image(2, "https://cdn.example/grade.png"))),
    str(1028, String(userId)),
  );

describe("hand-assembled wire bytes decode to TikTok's fields", () => {
  it("WebcastPushFrame (envelope, headers map, payload)", () => {
    const frame = WebcastPushFrame.decode(
      message(
        int(1, 5),
        int(2, 9007199254740993n),
        int(3, 88),
        int(4, 8),
        mapEntry(5, str(1, "compress_type"), str(2, "gzip")),
        str(6, "pb"),
        str(7, "msg"),
        bytes(8, [1, 2, 3]),
      ),
    );
    expect(frame.seqId).toBe(5n);
    expect(frame.logId).toBe(9007199254740993n);
    expect(frame.service).toBe(88n);
    expect(frame.method).toBe(8n);
    expect(frame.headers).toEqual({ compress_type: "gzip" });
    expect(frame.payloadEncoding).toBe("pb");
    expect(frame.payloadType).toBe("msg");
    expect([...frame.payload]).toEqual([1, 2, 3]);
  });

  it("ProtoMessageFetchResult and BaseProtoMessage", () => {
    const result = ProtoMessageFetchResult.decode(
      message(
        msg(
          1,
          str(1, "WebcastChatMessage"),
          bytes(2, [8, 1]),
          int(3, 7400000000000000123n),
          int(4, 1),
          int(5, 2),
          int(6, true),
        ),
        str(2, "cursor-1"),
        int(3, 1000),
        int(4, 1764115200000n),
        str(5, "internal|ext"),
        int(6, 1),
        mapEntry(7, str(1, "wrss"), str(2, "abc")),
        int(8, 10000),
        int(9, true),
        str(10, "wss://push.example/webcast/im/push/v2/"),
        int(11, true),
      ),
    );
    expect(result.messages).toHaveLength(1);
    expect(result.messages[0]).toMatchObject({
      method: "WebcastChatMessage",
      msgId: 7400000000000000123n,
      msgType: 1,
      offset: 2n,
      isHistory: true,
    });
    expect(result).toMatchObject({
      cursor: "cursor-1",
      fetchInterval: 1000n,
      internalExt: "internal|ext",
      routeParams: { wrss: "abc" },
      heartbeatDuration: 10000n,
      needAck: true,
      pushServer: "wss://push.example/webcast/im/push/v2/",
      isFirst: true,
    });
  });

  it("WebcastChatMessage with a user, avatar, badges and follow info", () => {
    const chat = WebcastChatMessage.decode(
      message(
        common("WebcastChatMessage", 1n),
        user(2),
        str(3, "hello 👋"),
        str(14, "en"),
        msg(18, int(2, true), int(4, true)),
      ),
    );
    expect(chat.common?.method).toBe("WebcastChatMessage");
    expect(chat.common?.roomId).toBe(roomId);
    expect(chat.common?.createTime).toBe(1764115200123n);
    expect(chat.common?.displayText?.key).toBe("pm_key");
    expect(chat.content).toBe("hello 👋");
    expect(chat.contentLanguage).toBe("en");
    expect(chat.user?.userId).toBe(userId);
    expect(chat.user?.nickname).toBe("Alice ✨");
    expect(chat.user?.uniqueId).toBe("alice.streams");
    expect(chat.user?.idStr).toBe("7034567890123456789");
    expect(chat.user?.avatarThumb?.urlList).toEqual([
      "https://cdn.example/a100.webp",
      "https://cdn.example/a100.webp?mirror",
    ]);
    expect(chat.user?.followInfo).toMatchObject({
      followingCount: 12n,
      followerCount: 3400n,
      followStatus: 2n,
    });
    expect(chat.user?.badges[0]).toMatchObject({ displayType: 1, badgeScene: 8 });
    expect(chat.user?.badges[0]?.imageBadge?.image?.urlList[0]).toBe("https://cdn.example/grade.png");
    expect(chat.userIdentity).toMatchObject({
      isSubscriberOfAnchor: true,
      isFollowerOfAnchor: true,
      isGiftGiverOfAnchor: false,
    });
  });

  it("WebcastGiftMessage with the gift model and streak fields", () => {
    const giftModel = msg(
      15,
      image(1, "https://cdn.example/rose.png"),
      int(5, 5655),
      int(10, true),
      int(11, 1),
      int(12, 1),
      str(16, "Rose"),
    );
    const bytes = message(
      common("WebcastGiftMessage", 2n),
      int(5, 3),
      int(6, 3),
      user(7),
      int(9, 1),
      int(11, 1700000000001n),
      giftModel,
      msg(32, int(2, true)),
    );
    const gift = WebcastGiftMessage.decode(bytes);
    expect(gift.repeatCount).toBe(3);
    expect(gift.comboCount).toBe(3);
    expect(gift.repeatEnd).toBe(1);
    expect(gift.groupId).toBe(1700000000001n);
    expect(gift.user?.nickname).toBe("Alice ✨");
    expect(gift.gift).toMatchObject({ id: 5655n, combo: true, type: 1, diamondCount: 1, name: "Rose" });
    expect(gift.gift?.image?.urlList[0]).toBe("https://cdn.example/rose.png");

    const event = new GiftEvent({ method: "WebcastGiftMessage", msgId: 2n, payload: bytes });
    expect(event.gift.name).toBe("Rose");
    expect(event.streakable).toBe(true);
    expect(event.streaking).toBe(false);
    expect(event.userIsSuperFan).toBe(true);
    expect(event.diamonds).toBe(3);
  });

  it("WebcastLikeMessage, WebcastMemberMessage, WebcastSocialMessage", () => {
    const likeBytes = message(common("WebcastLikeMessage", 3n), int(2, 15), int(3, 120345), user(5));
    const like = WebcastLikeMessage.decode(likeBytes);
    expect(like).toMatchObject({ count: 15, total: 120345n });
    expect(like.user?.uniqueId).toBe("alice.streams");
    expect(new LikeEvent({ method: "WebcastLikeMessage", msgId: 3n, payload: likeBytes }).total).toBe(
      120345n,
    );

    const member = WebcastMemberMessage.decode(
      message(common("WebcastMemberMessage", 4n), user(2), int(3, 1201), int(10, 1)),
    );
    expect(member).toMatchObject({ memberCount: 1201, action: 1 });
    expect(member.user?.userId).toBe(userId);

    const social = WebcastSocialMessage.decode(
      message(common("WebcastSocialMessage", 5n), user(2), int(3, 0), int(4, 1), int(6, 3401)),
    );
    expect(social).toMatchObject({ action: 1n, followCount: 3401n });
  });

  it("WebcastControlMessage and WebcastRoomUserSeqMessage", () => {
    expect(
      WebcastControlMessage.decode(message(common("WebcastControlMessage", 6n), int(2, 3), str(3, "ended")))
        .action,
    ).toBe(3);
    const seq = WebcastRoomUserSeqMessage.decode(
      message(
        common("WebcastRoomUserSeqMessage", 7n),
        msg(2, int(1, 900), user(2), int(3, 1)),
        int(3, 1234),
        int(7, 5000),
      ),
    );
    expect(seq.total).toBe(1234n);
    expect(seq.totalUser).toBe(5000n);
    expect(seq.ranks[0]?.score).toBe(900n);
    expect(seq.ranks[0]?.user?.nickname).toBe("Alice ✨");
  });

  it("skips fields the schema does not know, so new TikTok fields never break decoding", () => {
    const chat = WebcastChatMessage.decode(
      message(
        common("WebcastChatMessage", 8n),
        str(3, "still here"),
        str(999, "future field"),
        int(1000, 42),
      ),
    );
    expect(chat.content).toBe("still here");
  });

  it("createEvent picks the class by method and keeps unknown methods as UnknownEvent", () => {
    const base = BaseProtoMessage.decode(
      message(str(1, "WebcastFromTheFutureMessage"), bytes(2, [8, 1]), int(3, 99)),
    );
    const unknown = createEvent(base);
    expect(unknown.eventName).toBe("unknown");
    expect(unknown.method).toBe("WebcastFromTheFutureMessage");
    expect([...unknown.payload]).toEqual([8, 1]);
    expect(unknown.toJSON()).toMatchObject({
      event: "unknown",
      method: "WebcastFromTheFutureMessage",
      msgId: "99",
      payload: "CAE=",
    });
  });
});
