import {
  type BaseEvent,
  type BaseProtoMessage,
  CommentEvent,
  ControlEvent,
  EnvelopeEvent,
  FollowEvent,
  GiftEvent,
  LiveEndEvent,
  LivePauseEvent,
  LiveUnpauseEvent,
  MessageBatch,
  ProtoMessageFetchResult,
  ShareEvent,
  SocialEvent,
  SuperFanBoxEvent,
  SuperFanEvent,
  SuperFanJoinEvent,
  UnknownEvent,
} from "@tiktok-live/proto";
import {
  WebcastBarrageMessage,
  WebcastChatMessage,
  WebcastControlMessage,
  WebcastEnvelopeMessage,
  WebcastSocialMessage,
} from "@tiktok-live/proto/codecs";
import { describe, expect, it, vi } from "vitest";
import { silentLogger } from "../../src/capabilities.js";
import { DecodeError, type TikTokLiveError } from "../../src/errors/errors.js";
import { MessageDedupe } from "../../src/events/dedupe.js";
import { ControlAction } from "../../src/events/derived-events.js";
import { EventDispatcher } from "../../src/events/dispatcher.js";
import type { WebsocketResponseEvent } from "../../src/events/lifecycle-events.js";
import { MessageRouter } from "../../src/events/message-router.js";

let nextId = 9_000n;
function wrap(method: string, payload: Uint8Array, msgId = ++nextId): BaseProtoMessage {
  return { method, payload, msgId, msgType: 0, offset: 0n, isHistory: false };
}

const controlMsg = (action: number) =>
  wrap(
    "WebcastControlMessage",
    WebcastControlMessage.encode(
      WebcastControlMessage.fromPartial({ action, tips: `action ${action}` }),
    ).finish(),
  );

const socialMsg = (key: string) =>
  wrap(
    "WebcastSocialMessage",
    WebcastSocialMessage.encode(
      WebcastSocialMessage.fromPartial({
        common: { displayText: { key, defaultPattern: "" } },
        user: { nickname: "Erin" },
      }),
    ).finish(),
  );

const barrageMsg = (contentKey: string, commonKey = "") =>
  wrap(
    "WebcastBarrageMessage",
    WebcastBarrageMessage.encode(
      WebcastBarrageMessage.fromPartial({
        msgType: 100,
        content: { key: contentKey, defaultPattern: "" },
        commonBarrageContent: { key: commonKey, defaultPattern: "" },
      }),
    ).finish(),
  );

const envelopeMsg = (businessType: number, key = "") =>
  wrap(
    "WebcastEnvelopeMessage",
    WebcastEnvelopeMessage.encode(
      WebcastEnvelopeMessage.fromPartial({
        ...(key ? { common: { displayText: { key, defaultPattern: "" } } } : {}),
        envelopeInfo: { businessType, sendUserName: "Carol", diamondCount: 100 },
      }),
    ).finish(),
  );

const chatMsg = (content: string, msgId?: bigint) =>
  wrap(
    "WebcastChatMessage",
    WebcastChatMessage.encode(
      WebcastChatMessage.fromPartial({ content, user: { nickname: "Alice" } }),
    ).finish(),
    msgId,
  );

/** A batch as it arrives: encoded, then read by MessageBatch. */
const wire = (result: Partial<ProtoMessageFetchResult>) =>
  MessageBatch.decode(
    ProtoMessageFetchResult.encode({ ...ProtoMessageFetchResult.create(), ...result }).finish(),
  );

/** One message in a batch of its own, as the connection delivers it. */
const routeOne = (router: MessageRouter, message: BaseProtoMessage) =>
  router.routeBatch(wire({ messages: [message] }));

/** A payload that claims a 255-byte field 2 but has 1 byte: no message type decodes it. */
const corrupt = new Uint8Array([0x12, 0xff, 0x01]);

function setup() {
  const dispatcher = new EventDispatcher(silentLogger);
  const onLiveEnd = vi.fn();
  const router = new MessageRouter(dispatcher, new MessageDedupe(16), onLiveEnd);
  const seen: BaseEvent[] = [];
  const errors: TikTokLiveError[] = [];
  const listen = (...names: string[]) => {
    for (const n of names) dispatcher.on(n, (e: BaseEvent) => seen.push(e));
  };
  dispatcher.on("error", (e: TikTokLiveError) => errors.push(e));
  const names = () => seen.map((e) => e.eventName);
  return { dispatcher, router, onLiveEnd, seen, errors, listen, names };
}

describe("derived events: control", () => {
  it.each([
    [ControlAction.paused, "livePause", LivePauseEvent, false],
    [ControlAction.unpaused, "liveUnpause", LiveUnpauseEvent, false],
    [ControlAction.ended, "liveEnd", LiveEndEvent, true],
    [ControlAction.suspended, "liveEnd", LiveEndEvent, true],
  ] as const)("action %i → %s (ends the live: %s)", (action, name, cls, ends) => {
    const t = setup();
    t.listen("livePause", "liveUnpause", "liveEnd", "control");
    const message = controlMsg(action);
    routeOne(t.router, message);
    expect(t.names()).toEqual(["control", name]);
    const derived = t.seen[1]!;
    expect(derived).toBeInstanceOf(cls);
    expect(derived).toBeInstanceOf(ControlEvent);
    expect((derived as ControlEvent).action).toBe(action);
    expect(derived.msgId).toBe(message.msgId);
    expect(t.onLiveEnd).toHaveBeenCalledTimes(ends ? 1 : 0);
  });

  it("the ControlAction constants are TikTok's", () => {
    expect(ControlAction).toEqual({ paused: 1, unpaused: 2, ended: 3, suspended: 4 });
  });

  it("ends the live even when nobody listens to any control event", () => {
    const t = setup();
    routeOne(t.router, controlMsg(3));
    expect(t.onLiveEnd).toHaveBeenCalledTimes(1);
    expect(t.seen).toEqual([]);
  });

  it("ignores unknown actions", () => {
    const t = setup();
    t.listen("livePause", "liveUnpause", "liveEnd");
    routeOne(t.router, controlMsg(9));
    expect(t.seen).toEqual([]);
    expect(t.onLiveEnd).not.toHaveBeenCalled();
  });
});

describe("derived events: social", () => {
  it("a follow key gives SocialEvent, then FollowEvent", () => {
    const t = setup();
    t.listen("social", "follow", "share");
    routeOne(t.router, socialMsg("pm_main_follow_message_viewer_2"));
    expect(t.names()).toEqual(["social", "follow"]);
    expect(t.seen[0]).toBeInstanceOf(SocialEvent);
    expect(t.seen[1]).toBeInstanceOf(FollowEvent);
    expect((t.seen[1] as FollowEvent).user.nickname).toBe("Erin");
  });

  it("a share key gives SocialEvent, then ShareEvent", () => {
    const t = setup();
    t.listen("social", "follow", "share");
    routeOne(t.router, socialMsg("pm_mt_guidance_share"));
    expect(t.names()).toEqual(["social", "share"]);
    expect(t.seen[1]).toBeInstanceOf(ShareEvent);
  });

  it("another key gives only SocialEvent", () => {
    const t = setup();
    t.listen("social", "follow", "share");
    routeOne(t.router, socialMsg("pm_mt_something_else"));
    expect(t.names()).toEqual(["social"]);
  });

  it("FollowEvent fires with only a follow listener; SocialEvent alone derives nothing", () => {
    const t = setup();
    t.listen("follow");
    routeOne(t.router, socialMsg("pm_main_follow_message_viewer_2"));
    routeOne(t.router, socialMsg("pm_mt_guidance_share"));
    expect(t.names()).toEqual(["follow"]);
  });
});

describe("derived events: barrage (super fans)", () => {
  it("the superfanJoined key gives SuperFanJoinEvent, not SuperFanEvent", () => {
    const t = setup();
    t.listen("superFan", "superFanJoin");
    routeOne(t.router, barrageMsg("ttlive_superfan_commentNotif_superfanJoined"));
    expect(t.names()).toEqual(["superFanJoin"]);
    expect(t.seen[0]).toBeInstanceOf(SuperFanJoinEvent);
  });

  it("another ttlive_superfan key gives SuperFanEvent", () => {
    const t = setup();
    t.listen("superFan", "superFanJoin");
    routeOne(t.router, barrageMsg("ttlive_superfan_commentNotif_superfanBadge"));
    expect(t.names()).toEqual(["superFan"]);
    expect(t.seen[0]).toBeInstanceOf(SuperFanEvent);
    expect((t.seen[0] as SuperFanEvent).content.key).toBe("ttlive_superfan_commentNotif_superfanBadge");
  });

  it("the key is also found in commonBarrageContent", () => {
    const t = setup();
    t.listen("superFan", "superFanJoin");
    routeOne(t.router, barrageMsg("", "TTLIVE_SUPERFAN_COMMENTNOTIF_SUPERFANJOINED"));
    expect(t.names()).toEqual(["superFanJoin"]);
  });

  it("other barrages derive nothing", () => {
    const t = setup();
    t.listen("superFan", "superFanJoin", "barrage");
    routeOne(t.router, barrageMsg("pm_mt_fan_level_up"));
    expect(t.names()).toEqual(["barrage"]);
  });
});

describe("derived events: envelope", () => {
  it("business type 19 gives SuperFanBoxEvent after EnvelopeEvent", () => {
    const t = setup();
    t.listen("envelope", "superFanBox");
    routeOne(t.router, envelopeMsg(19));
    expect(t.names()).toEqual(["envelope", "superFanBox"]);
    expect(t.seen[1]).toBeInstanceOf(SuperFanBoxEvent);
    expect(t.seen[1]).toBeInstanceOf(EnvelopeEvent);
    expect((t.seen[1] as SuperFanBoxEvent).envelopeInfo.businessType).toBe(19);
  });

  it("the ttlive_superfanbox display key also gives SuperFanBoxEvent", () => {
    const t = setup();
    t.listen("superFanBox");
    routeOne(t.router, envelopeMsg(1, "ttlive_superfanbox_sent"));
    expect(t.names()).toEqual(["superFanBox"]);
  });

  it("an ordinary envelope gives no SuperFanBoxEvent", () => {
    const t = setup();
    t.listen("envelope", "superFanBox");
    routeOne(t.router, envelopeMsg(1));
    expect(t.names()).toEqual(["envelope"]);
  });
});

describe("MessageRouter", () => {
  it("never decodes a method nobody listens to: a corrupt gift payload raises no error", () => {
    const t = setup();
    t.listen("comment");
    t.router.routeBatch(wire({ messages: [wrap("WebcastGiftMessage", corrupt), chatMsg("hi")] }));
    expect(t.errors).toEqual([]);
    expect(t.names()).toEqual(["comment"]);
    expect((t.seen[0] as CommentEvent).comment).toBe("hi");
  });

  it("a corrupt payload of a listened method is a DecodeError naming method and size; the batch goes on", () => {
    const t = setup();
    t.listen("gift", "comment");
    t.router.routeBatch(wire({ messages: [wrap("WebcastGiftMessage", corrupt), chatMsg("after")] }));
    expect(t.errors).toHaveLength(1);
    const error = t.errors[0] as DecodeError;
    expect(error).toBeInstanceOf(DecodeError);
    expect(error.method).toBe("WebcastGiftMessage");
    expect(error.byteLength).toBe(3);
    expect(error.message).toBe("Could not decode WebcastGiftMessage (3 bytes)");
    expect(error.cause).toBeInstanceOf(Error);
    expect(t.names()).toEqual(["comment"]);
  });

  it("follows listeners added and removed between batches (its per-method plans are refreshed)", () => {
    const t = setup();
    t.listen("unknown");
    t.router.routeBatch(wire({ messages: [chatMsg("unheard", 1n)] }));
    const off = t.dispatcher.on("comment", (e: BaseEvent) => t.seen.push(e));
    t.router.routeBatch(wire({ messages: [chatMsg("heard", 2n)] }));
    off();
    t.router.routeBatch(
      wire({ messages: [chatMsg("unheard again", 3n), wrap("WebcastBrandNewFeatureMessage", corrupt)] }),
    );
    expect(t.names()).toEqual(["comment", "unknown"]);
    expect((t.seen[0] as CommentEvent).comment).toBe("heard");
  });

  it("a malformed message is a DecodeError with its method and size; the rest of the batch is delivered", () => {
    const t = setup();
    t.listen("comment");
    const good = ProtoMessageFetchResult.encode({
      ...ProtoMessageFetchResult.create(),
      messages: [chatMsg("ok", 9n)],
    }).finish();
    // A chat message whose msg_id varint never ends (11 continuation bytes), then the good one.
    const bad = [
      10,
      2 + 18 + 12,
      10,
      18,
      ...new TextEncoder().encode("WebcastChatMessage"),
      24,
      ...Array(10).fill(0xff),
      1,
    ];
    t.router.routeBatch(MessageBatch.decode(new Uint8Array([...bad, ...good])));
    expect(t.errors).toHaveLength(1);
    expect(t.errors[0]).toBeInstanceOf(DecodeError);
    expect((t.errors[0] as DecodeError).method).toBe("WebcastChatMessage");
    expect((t.errors[0] as DecodeError).byteLength).toBe(32);
    expect(t.names()).toEqual(["comment"]);
  });

  it("a websocketResponse listener gets a DecodeError instead of a batch with a malformed message; the rest goes on", () => {
    const t = setup();
    t.listen("websocketResponse", "comment");
    const good = ProtoMessageFetchResult.encode({
      ...ProtoMessageFetchResult.create(),
      messages: [chatMsg("ok", 11n)],
    }).finish();
    // Method "X", then an id whose varint runs past the message's end.
    const bad = [10, 5, 10, 1, 88, 24, 0xff];
    t.router.routeBatch(MessageBatch.decode(new Uint8Array([...bad, ...good])));
    expect(t.errors.map((e) => (e as DecodeError).method)).toEqual(["ProtoMessageFetchResult"]);
    expect(t.names()).toEqual(["comment"]);
  });

  it("events handed to listeners are already decoded", () => {
    const t = setup();
    t.listen("comment");
    routeOne(t.router, chatMsg("decoded"));
    const e = t.seen[0] as CommentEvent;
    expect(e).toBeInstanceOf(CommentEvent);
    expect(e.isDecoded).toBe(true);
  });

  it("an unknown method becomes UnknownEvent with method and raw bytes", () => {
    const t = setup();
    t.listen("unknown");
    const payload = new Uint8Array([8, 1, 16, 2]);
    const message = wrap("WebcastBrandNewFeatureMessage", payload);
    routeOne(t.router, message);
    expect(t.seen).toHaveLength(1);
    const e = t.seen[0] as UnknownEvent;
    expect(e).toBeInstanceOf(UnknownEvent);
    expect(e.method).toBe("WebcastBrandNewFeatureMessage");
    expect(e.msgId).toBe(message.msgId);
    expect([...e.payload]).toEqual([8, 1, 16, 2]);
  });

  it("an unknown method without an unknown listener is dropped silently", () => {
    const t = setup();
    t.listen("comment");
    routeOne(t.router, wrap("WebcastBrandNewFeatureMessage", corrupt));
    expect(t.seen).toEqual([]);
    expect(t.errors).toEqual([]);
  });

  it("routeBatch emits WebsocketResponseEvent first, then the messages in order, without repeats", () => {
    const t = setup();
    t.listen("websocketResponse", "comment");
    const a = chatMsg("a", 1n);
    const b = chatMsg("b", 2n);
    const batch = wire({ messages: [a, b], cursor: "c1", needAck: true });
    t.router.routeBatch(batch);
    // The same ids again (as after a resume), plus one new message.
    t.router.routeBatch(wire({ messages: [b, chatMsg("c", 3n)], cursor: "c2" }));
    expect(t.names()).toEqual(["websocketResponse", "comment", "comment", "websocketResponse", "comment"]);
    expect((t.seen[0] as WebsocketResponseEvent).response).toEqual(
      ProtoMessageFetchResult.fromPartial({ messages: [a, b], cursor: "c1", needAck: true }),
    );
    expect(t.seen.filter((e) => e instanceof CommentEvent).map((e) => (e as CommentEvent).comment)).toEqual([
      "a",
      "b",
      "c",
    ]);
  });

  it("decoding is skipped when there are no listeners at all (GiftEvent is never built)", () => {
    const t = setup();
    const spy = vi.spyOn(GiftEvent.prototype as unknown as { decode: () => unknown }, "decode");
    try {
      routeOne(t.router, wrap("WebcastGiftMessage", new Uint8Array([8, 1])));
      expect(spy).not.toHaveBeenCalled();
      t.listen("gift");
      routeOne(t.router, wrap("WebcastGiftMessage", new Uint8Array([])));
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });
});
