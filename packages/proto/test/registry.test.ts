import { describe, expect, it } from "vitest";
import * as allCodecs from "../src/codecs.js";
import * as proto from "../src/index.js";
import { eventClassByMethod, FollowEvent, protoEventClasses, SocialEvent } from "../src/index.js";
import { knownMethods } from "./known-methods.js";

interface Codec {
  create(): Record<string, unknown>;
  encode(m: unknown): { finish(): Uint8Array };
  decode(b: Uint8Array): Record<string, unknown>;
}

const codecs = allCodecs as unknown as Record<string, Codec | undefined>;

/** Sets every scalar field of an empty message to a non-default value of its type. */
function populated(codec: Codec): Record<string, unknown> {
  const value = codec.create();
  for (const [key, def] of Object.entries(value)) {
    if (typeof def === "string") value[key] = `v-${key}`;
    else if (typeof def === "number") value[key] = 7;
    else if (typeof def === "bigint")
      value[key] = 4611686018427387909n; // 2^62 + 5, far past 2^53
    else if (typeof def === "boolean") value[key] = true;
    else if (def instanceof Uint8Array) value[key] = new Uint8Array([1, 2, 3]);
  }
  return value;
}

describe("event registry", () => {
  it("has an event class for every push method TikTok's client knows", () => {
    const missing = knownMethods.filter((m) => !eventClassByMethod.has(m));
    expect(missing).toEqual([]);
    expect(eventClassByMethod.size).toBeGreaterThanOrEqual(200);
  });

  it("maps each method to a class whose static method is that method, with unique event names", () => {
    const names = new Set<string>();
    for (const [method, cls] of eventClassByMethod) {
      expect(cls.method).toBe(method);
      expect(cls.name).toMatch(/Event$/);
      expect(names.has(cls.eventName)).toBe(false);
      names.add(cls.eventName);
    }
    expect(new Set(protoEventClasses.map((c) => c.eventName)).size).toBe(protoEventClasses.length);
  });

  it("uses the SDK's names for the main events", () => {
    const expected: Record<string, string> = {
      WebcastChatMessage: "CommentEvent",
      WebcastMemberMessage: "JoinEvent",
      WebcastLikeMessage: "LikeEvent",
      WebcastGiftMessage: "GiftEvent",
      WebcastSocialMessage: "SocialEvent",
      WebcastRoomMessage: "RoomEvent",
      WebcastEmoteChatMessage: "EmoteChatEvent",
      WebcastScreenChatMessage: "ScreenChatEvent",
      WebcastGiftUpdateMessage: "GiftUpdateEvent",
      WebcastGiftBroadcastMessage: "GiftBroadcastEvent",
      WebcastDiggMessage: "DiggEvent",
      WebcastRoomPinMessage: "RoomPinEvent",
      WebcastRoomNotifyMessage: "RoomNotifyEvent",
      WebcastLinkMicBattle: "LinkMicBattleEvent",
      WebcastGameMomentMessage: "GameMomentEvent",
    };
    for (const [method, name] of Object.entries(expected))
      expect(eventClassByMethod.get(method)?.name).toBe(name);
    expect(eventClassByMethod.get("WebcastChatMessage")?.eventName).toBe("comment");
    expect(eventClassByMethod.get("WebcastLinkMicBattle")?.eventName).toBe("linkMicBattle");
  });

  it.each([...eventClassByMethod.keys()])("%s round-trips through its codec", (method) => {
    const codec = codecs[method];
    expect(codec, `codec for ${method}`).toBeDefined();
    const original = populated(codec!);
    const decoded = codec!.decode(codec!.encode(original).finish());
    expect(decoded).toEqual(original);
  });

  it("decodes lazily: nothing is decoded until a field is read", () => {
    const payload = allCodecs.WebcastChatMessage.encode(
      allCodecs.WebcastChatMessage.fromPartial({ content: "hi" }),
    ).finish();
    const event = new proto.CommentEvent({ method: "WebcastChatMessage", msgId: 1n, payload });
    expect(event.isDecoded).toBe(false);
    expect(event.eventName).toBe("comment");
    expect(event.isDecoded).toBe(false);
    expect(event.comment).toBe("hi");
    expect(event.isDecoded).toBe(true);
  });

  it("gives empty nested messages instead of undefined, so e.user.nickname is safe", () => {
    for (const cls of protoEventClasses) {
      const event = new cls({ method: cls.method, msgId: 0n, payload: new Uint8Array() });
      const data = event.data as object;
      for (const key of Object.getOwnPropertyNames(cls.prototype)) {
        // Field getters only: a derived event's added getters (ShareEvent.usersJoined) may be undefined.
        if (key === "constructor" || (!(key in data) && key !== "userInfo")) continue;
        const value = (event as unknown as Record<string, unknown>)[key];
        expect(value, `${cls.name}.${key}`).not.toBeUndefined();
      }
    }
  });

  it("derived events share their source message's fields under their own name", () => {
    const payload = allCodecs.WebcastSocialMessage.encode(
      allCodecs.WebcastSocialMessage.fromPartial({ user: { nickname: "Bob" }, followCount: 3n }),
    ).finish();
    const follow = new FollowEvent({ method: "WebcastSocialMessage", msgId: 5n, payload });
    expect(follow).toBeInstanceOf(SocialEvent);
    expect(follow.eventName).toBe("follow");
    expect(follow.user.nickname).toBe("Bob");
    expect(follow.followCount).toBe(3n);
    expect(eventClassByMethod.get("WebcastSocialMessage")).toBe(SocialEvent);
  });
});
