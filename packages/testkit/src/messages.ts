import type { BaseProtoMessage } from "@tiktok-live/proto";
import {
  BattleUserArmies,
  CommonMessageData,
  WebcastBarrageMessage,
  WebcastChatMessage,
  WebcastControlMessage,
  WebcastEmoteChatMessage,
  WebcastEnvelopeMessage,
  WebcastGiftMessage,
  WebcastLikeMessage,
  WebcastLinkMicArmies,
  WebcastLinkMicBattle,
  WebcastMemberMessage,
  WebcastRoomPinMessage,
  WebcastRoomUserSeqMessage,
  WebcastSocialMessage,
} from "@tiktok-live/proto/codecs";
import type { SimGift, SimUser } from "./fixtures.js";
import { avatar, toUser } from "./wire-user.js";

export { toUser };

/**
 * Builders for push messages as TikTok sends them: the common header, a
 * display text, users with avatars, badges and follow info. Each returns a
 * BaseProtoMessage ready to put in a batch.
 */

let lastMsgId = 7_400_000_000_000_000_000n;
let lastGroupId = 1_700_000_000_000n;
let lastBattleId = 7_450_000_000_000_000_000n;
export const simulatedRoomId = 7311111111111111111n;
/** The host of the simulated room, as the target of follows. */
export const simulatedHostId = 7300000000000000001n;

export function nextMsgId(): bigint {
  lastMsgId += 1n + BigInt(Math.floor(Math.random() * 1000));
  return lastMsgId;
}

export function nextGroupId(): bigint {
  return ++lastGroupId;
}

export function nextBattleId(): bigint {
  return ++lastBattleId;
}

export function common(method: string, msgId: bigint, displayKey = "", pattern = ""): CommonMessageData {
  return CommonMessageData.fromPartial({
    method,
    msgId,
    roomId: simulatedRoomId,
    createTime: BigInt(Date.now()),
    isShowMsg: true,
    displayText: displayKey ? { key: displayKey, defaultPattern: pattern } : undefined,
  });
}

export function wrap(method: string, msgId: bigint, payload: Uint8Array): BaseProtoMessage {
  return { method, payload, msgId, msgType: 0, offset: 0n, isHistory: false };
}

export function chat(u: SimUser, text: string): BaseProtoMessage {
  const id = nextMsgId();
  const payload = WebcastChatMessage.encode(
    WebcastChatMessage.fromPartial({
      common: common("WebcastChatMessage", id, "", "{0:user}: {1:string}"),
      user: toUser(u),
      content: text,
      contentLanguage: "en",
      userIdentity: {
        isSubscriberOfAnchor: u.superFan ?? false,
        isFollowerOfAnchor: (u.followStatus ?? 0) > 0,
        isModeratorOfAnchor: u.moderator ?? false,
      },
    }),
  ).finish();
  return wrap("WebcastChatMessage", id, payload);
}

export function emoteChat(u: SimUser, emoteId: string): BaseProtoMessage {
  const id = nextMsgId();
  const payload = WebcastEmoteChatMessage.encode(
    WebcastEmoteChatMessage.fromPartial({
      common: common("WebcastEmoteChatMessage", id),
      user: toUser(u),
      emotes: [{ emoteId, image: { urlList: [`https://p16-webcast.tiktokcdn.com/emote/${emoteId}.png`] } }],
      userIdentity: { isSubscriberOfAnchor: u.superFan ?? false },
    }),
  ).finish();
  return wrap("WebcastEmoteChatMessage", id, payload);
}

export function gift(
  u: SimUser,
  g: SimGift,
  o: { repeatCount: number; repeatEnd: boolean; groupId: bigint },
): BaseProtoMessage {
  const id = nextMsgId();
  const payload = WebcastGiftMessage.encode(
    WebcastGiftMessage.fromPartial({
      common: common(
        "WebcastGiftMessage",
        id,
        "live_gift_send_message_to_anchor",
        "{0:user} sent {1:gift} {2:string}",
      ),
      user: toUser(u),
      giftId: BigInt(g.id),
      repeatCount: o.repeatCount,
      comboCount: o.repeatCount,
      repeatEnd: o.repeatEnd ? 1 : 0,
      groupId: o.groupId,
      gift: {
        id: BigInt(g.id),
        name: g.name,
        diamondCount: g.diamondCount,
        type: g.streakable ? 1 : 2,
        combo: g.streakable,
        image: {
          urlList: [`https://p16-webcast.tiktokcdn.com/img/gift/${g.id}.png`],
          uri: `webcast-va/${g.id}`,
        },
        describe: `sent ${g.name}`,
        giftStructHash: `hash-${g.id}`,
        giftBottomRightLabelIcon: g.streakable
          ? { urlList: ["https://p16-webcast.tiktokcdn.com/img/label_combo.png"] }
          : undefined,
      },
      displayTextForSender: { key: "live_gift_sent_by_you", defaultPattern: "You sent {0:gift}" },
      displayDurationMs: 3000n,
      userIdentity: { isSubscriberOfAnchor: u.superFan ?? false },
    }),
  ).finish();
  return wrap("WebcastGiftMessage", id, payload);
}

export function like(u: SimUser, count: number, total: number): BaseProtoMessage {
  const id = nextMsgId();
  const payload = WebcastLikeMessage.encode(
    WebcastLikeMessage.fromPartial({
      common: common("WebcastLikeMessage", id, "pm_mt_msg_viewer", "{0:user} liked the LIVE"),
      user: toUser(u),
      count,
      total: BigInt(total),
    }),
  ).finish();
  return wrap("WebcastLikeMessage", id, payload);
}

export function member(u: SimUser, memberCount: number): BaseProtoMessage {
  const id = nextMsgId();
  const payload = WebcastMemberMessage.encode(
    WebcastMemberMessage.fromPartial({
      common: common("WebcastMemberMessage", id, "live_room_enter_toast", "{0:user} joined"),
      user: toUser(u),
      memberCount,
      action: 1,
      userId: u.userId,
    }),
  ).finish();
  return wrap("WebcastMemberMessage", id, payload);
}

/** Follows and shares differ only in the display key, as on TikTok. */
export function social(u: SimUser, kind: "follow" | "share"): BaseProtoMessage {
  const id = nextMsgId();
  const key = kind === "follow" ? "pm_main_follow_message_viewer_2" : "pm_mt_guidance_share";
  const payload = WebcastSocialMessage.encode(
    WebcastSocialMessage.fromPartial({
      common: common(
        "WebcastSocialMessage",
        id,
        key,
        kind === "follow" ? "{0:user} followed the host" : "{0:user} shared the LIVE",
      ),
      user: toUser(u),
      action: kind === "follow" ? 1n : 3n,
      followCount: kind === "follow" ? 3401n : 0n,
      shareCount: kind === "share" ? 1 : 0,
      followType: kind === "follow" ? 1 : 0,
      targetUserId: simulatedHostId,
      scene: "live_room",
    }),
  ).finish();
  return wrap("WebcastSocialMessage", id, payload);
}

export function superFanBarrage(u: SimUser, joined: boolean): BaseProtoMessage {
  const id = nextMsgId();
  const key = joined
    ? "ttlive_superfan_commentNotif_superfanJoined"
    : "ttlive_superfan_commentNotif_superfanBadge";
  const payload = WebcastBarrageMessage.encode(
    WebcastBarrageMessage.fromPartial({
      common: common("WebcastBarrageMessage", id),
      msgType: 100,
      content: {
        key,
        defaultPattern: joined ? "{0:user} became a super fan!" : "{0:user} is a super fan",
        pieces: [{ type: 11, userValue: { user: toUser(u), withColon: false } }],
      },
      commonBarrageContent: { key, defaultPattern: "" },
      duration: 3000n,
      scene: "superfan",
    }),
  ).finish();
  return wrap("WebcastBarrageMessage", id, payload);
}

export function roomUserSeq(total: number): BaseProtoMessage {
  const id = nextMsgId();
  const payload = WebcastRoomUserSeqMessage.encode(
    WebcastRoomUserSeqMessage.fromPartial({
      common: common("WebcastRoomUserSeqMessage", id),
      total: BigInt(total),
      totalUser: BigInt(total * 3),
      popularity: BigInt(total * 10),
      ranks: [],
    }),
  ).finish();
  return wrap("WebcastRoomUserSeqMessage", id, payload);
}

export function roomPin(u: SimUser, text: string): BaseProtoMessage {
  const id = nextMsgId();
  const pinned = chat(u, text);
  const payload = WebcastRoomPinMessage.encode(
    WebcastRoomPinMessage.fromPartial({
      common: common("WebcastRoomPinMessage", id),
      chatMessage: WebcastChatMessage.decode(pinned.payload),
      originalMethod: "WebcastChatMessage",
      pinTime: BigInt(Date.now()),
      action: 1,
      displayDuration: 60n,
      pinId: nextGroupId(),
    }),
  ).finish();
  return wrap("WebcastRoomPinMessage", id, payload);
}

export function control(action: 1 | 2 | 3 | 4): BaseProtoMessage {
  const id = nextMsgId();
  const payload = WebcastControlMessage.encode(
    WebcastControlMessage.fromPartial({
      common: common("WebcastControlMessage", id),
      action,
      tips: action === 3 ? "The LIVE has ended" : "",
    }),
  ).finish();
  return wrap("WebcastControlMessage", id, payload);
}

export function envelope(u: SimUser, superFanBox: boolean): BaseProtoMessage {
  const id = nextMsgId();
  const payload = WebcastEnvelopeMessage.encode(
    WebcastEnvelopeMessage.fromPartial({
      common: common("WebcastEnvelopeMessage", id, superFanBox ? "ttlive_superfanbox_sent" : "", ""),
      envelopeInfo: {
        businessType: superFanBox ? 19 : 1,
        sendUserName: u.nickname,
        diamondCount: 100,
        roomId: String(simulatedRoomId),
      },
    }),
  ).finish();
  return wrap("WebcastEnvelopeMessage", id, payload);
}

export function linkMicBattle(battleId: bigint, hosts: [SimUser, SimUser]): BaseProtoMessage {
  const id = nextMsgId();
  const payload = WebcastLinkMicBattle.encode(
    WebcastLinkMicBattle.fromPartial({
      common: common("WebcastLinkMicBattle", id),
      battleId,
      action: 4,
      battleSetting: { battleId, duration: 300, startTimeMs: BigInt(Date.now()), status: 1 },
      anchorInfos: hosts.map((h) => ({
        userId: h.userId,
        userInfo: {
          user: {
            userId: h.userId,
            nickname: h.nickname,
            displayId: h.uniqueId,
            avatarThumb: avatar(h, 100),
          },
        },
      })),
    }),
  ).finish();
  return wrap("WebcastLinkMicBattle", id, payload);
}

export function linkMicArmies(hosts: [SimUser, SimUser], points: [number, number]): BaseProtoMessage {
  const id = nextMsgId();
  const payload = WebcastLinkMicArmies.encode(
    WebcastLinkMicArmies.fromPartial({
      common: common("WebcastLinkMicArmies", id),
      battleId: lastBattleId,
      triggerReason: 1,
      armies: new Map(
        hosts.map((h, i) => [
          h.userId,
          // Map values are not partial in ts-proto: fromPartial fills the fields v3 added.
          BattleUserArmies.fromPartial({ anchorIdStr: String(h.userId), hostScore: BigInt(points[i]!) }),
        ]),
      ),
    }),
  ).finish();
  return wrap("WebcastLinkMicArmies", id, payload);
}

export function unknown(method: string, payload: Uint8Array): BaseProtoMessage {
  return wrap(method, nextMsgId(), payload);
}

/** Share of each message kind in a generated stream; values are weights. */
export interface LoadMix {
  like: number;
  join: number;
  comment: number;
  viewers: number;
  gift: number;
  social: number;
  other: number;
}

/** The busy-stream mix: mostly likes and joins, as on a large stream. */
export const busyStreamMix: LoadMix = {
  like: 35,
  join: 20,
  comment: 15,
  viewers: 10,
  gift: 10,
  social: 5,
  other: 5,
};

const loadUsers: SimUser[] = Array.from({ length: 200 }, (_, i) => ({
  userId: 7200000000000000000n + BigInt(i) * 7919n,
  uniqueId: `viewer_${i}`,
  nickname: `Viewer ${i}`,
  followStatus: i % 3,
  gifterLevel: i % 40,
  ...(i % 5 === 0 ? { fanClub: { name: "Crew", level: 1 + (i % 15) } } : {}),
}));

const loadGift: SimGift = { id: 5655, name: "Rose", diamondCount: 1, streakable: true };

/** Deterministic generator: message i of a stream in the given mix. */
export function mixedMessageFactory(mix: LoadMix): (i: number) => BaseProtoMessage {
  const kinds = Object.entries(mix) as Array<[keyof LoadMix, number]>;
  const total = kinds.reduce((s, [, w]) => s + w, 0);
  return (i) => {
    const u = loadUsers[i % loadUsers.length]!;
    let pick = (i * 37) % total;
    let kind: keyof LoadMix = "other";
    for (const [k, w] of kinds) {
      if (pick < w) {
        kind = k;
        break;
      }
      pick -= w;
    }
    switch (kind) {
      case "like":
        return like(u, 1 + (i % 15), 1000 + i);
      case "join":
        return member(u, 100 + (i % 500));
      case "comment":
        return chat(u, `message number ${i} from ${u.nickname}`);
      case "viewers":
        return roomUserSeq(500 + (i % 1000));
      case "gift":
        return gift(u, loadGift, { repeatCount: 1 + (i % 5), repeatEnd: i % 5 === 4, groupId: BigInt(i) });
      case "social":
        return social(u, i % 2 === 0 ? "follow" : "share");
      default:
        return i % 2 === 0
          ? control(2)
          : unknown("WebcastFutureFeatureMessage", new Uint8Array([8, i % 128]));
    }
  };
}
