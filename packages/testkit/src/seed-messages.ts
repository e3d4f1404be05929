import type { BaseProtoMessage } from "@tiktok-live/proto";
import {
  CaptionEvent,
  DiggEvent,
  GameMomentEvent,
  GiftBroadcastEvent,
  GiftUpdateEvent,
  ImDeleteEvent,
  LiveIntroEvent,
  QuestionNewEvent,
  RoomEvent,
  RoomNotifyEvent,
  ScreenChatEvent,
  ShareEvent,
  SubscribeEvent,
  SystemEvent,
  UnauthorizedMemberEvent,
} from "@tiktok-live/proto";
import { eventMessage } from "./event-message.js";
import type { SimGift, SimUser } from "./fixtures.js";
import { simulatedHostId } from "./messages.js";
import { toUser } from "./wire-user.js";

/**
 * Builders for the push messages of the Python TikTokLive client's events that
 * the original builders (messages.ts) do not cover, with the fields a bot
 * reads set as TikTok sets them. Each goes through `eventMessage`, so the
 * fields are checked against the schema at compile time.
 */

const giftImage = (g: SimGift) => ({
  urlList: [`https://p16-webcast.tiktokcdn.com/img/gift/${g.id}.png`],
  uri: `webcast-va/${g.id}`,
});

/** A paid on-screen comment (the big banner over the video). */
export function screenChat(u: SimUser, text: string): BaseProtoMessage {
  return eventMessage(ScreenChatEvent, { user: toUser(u), content: text, chatType: 1, priority: 1 });
}

/** The room's gift panel changed (TikTok's update type; 1 when a gift was added or changed). */
export function giftUpdate(updateType: number): BaseProtoMessage {
  return eventMessage(GiftUpdateEvent, { updateType });
}

/** A big gift announced across rooms: the sender, the gift's icon and the banner text. */
export function giftBroadcast(u: SimUser, g: SimGift): BaseProtoMessage {
  return eventMessage(GiftBroadcastEvent, {
    fromUserId: u.userId,
    leftIcon: giftImage(g),
    notifyMessage: {
      content: `${u.nickname} sent ${g.name}`,
      user: toUser(u),
      fromUserId: u.userId,
      toAnchorId: simulatedHostId,
      notifyType: 1n,
    },
  });
}

/** Taps on the screen ("digg", the older name of likes) with their count. */
export function digg(u: SimUser, count: number): BaseProtoMessage {
  return eventMessage(DiggEvent, { user: toUser(u), diggCount: count, duration: 1000 });
}

/** A room message: the system line shown in the chat (e.g. the welcome text). */
export function roomMessage(text: string): BaseProtoMessage {
  return eventMessage(RoomEvent, { content: text, scene: "welcome", isWelcome: true, showDurationMs: 5000n });
}

/** A room notification banner, optionally about a user. */
export function roomNotify(text: string, u?: SimUser): BaseProtoMessage {
  return eventMessage(RoomNotifyEvent, {
    content: text,
    notifyType: 1n,
    ...(u ? { user: toUser(u), fromUserId: u.userId } : {}),
    toAnchorId: simulatedHostId,
  });
}

/** A highlight of a game stream (TikTok's game moments), at `eventTime` ms into it. */
export function gameMoment(momentId: string, eventTime: bigint, effects: number[] = []): BaseProtoMessage {
  return eventMessage(GameMomentEvent, {
    messageType: 1,
    momentUniqueId: momentId,
    eventTime,
    maxTime: eventTime + 30_000n,
    momentEffects: effects,
  });
}

/** Live captions: one sentence, in one language. */
export function caption(text: string, lang: string): BaseProtoMessage {
  return eventMessage(CaptionEvent, {
    content: [{ lang, content: text }],
    timestampMs: BigInt(Date.now()),
    durationMs: 2000n,
    definite: true,
  });
}

/** Moderation: messages and users whose messages are to be deleted from the chat. */
export function imDelete(msgIds: bigint[], userIds: bigint[]): BaseProtoMessage {
  return eventMessage(ImDeleteEvent, { deleteMsgIds: msgIds, deleteUserIds: userIds });
}

/** The host's LIVE introduction text. */
export function liveIntro(host: SimUser, text: string): BaseProtoMessage {
  return eventMessage(LiveIntroEvent, { id: 1n, content: text, user: toUser(host), contentLanguage: "en" });
}

/** A viewer's question in the Q&A panel. */
export function questionNew(u: SimUser, text: string, questionId: bigint): BaseProtoMessage {
  return eventMessage(QuestionNewEvent, {
    question: {
      questionId,
      content: text,
      user: toUser(u),
      createTime: BigInt(Math.floor(Date.now() / 1000)),
    },
  });
}

/** A subscription to the host (TikTok's SubNotify message), for `months` months. */
export function subscribe(u: SimUser, months: number): BaseProtoMessage {
  return eventMessage(SubscribeEvent, {
    user: toUser(u),
    subMonth: BigInt(months),
    subscribeType: 1,
    subscribingStatus: 1,
    isSend: false,
  });
}

/** A share that brought viewers in: TikTok says how many in the display key only. */
export function shareWithJoins(u: SimUser, usersJoined: number): BaseProtoMessage {
  return eventMessage(ShareEvent, {
    user: toUser(u),
    action: 3n,
    shareCount: 1,
    targetUserId: simulatedHostId,
    common: {
      displayText: {
        key: `pm_mt_guidance_viewer_${usersJoined}_share`,
        defaultPattern: "{0:user} shared the LIVE and {1:string} viewers joined",
      },
    },
  });
}

/** A system message in the chat. */
export function systemMessage(text: string): BaseProtoMessage {
  return eventMessage(SystemEvent, { message: text });
}

/** A viewer who is not signed in entered (TikTok shows a masked nickname). */
export function unauthorizedMember(nickname: string): BaseProtoMessage {
  return eventMessage(UnauthorizedMemberEvent, {
    action: 1,
    nickname,
    enterText: { key: "live_room_enter_toast", defaultPattern: "{0:string} joined" },
  });
}
