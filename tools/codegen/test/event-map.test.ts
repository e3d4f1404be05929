import { describe, expect, it } from "vitest";
import { eventNameFor, shortNameFor } from "../src/event-map.js";
import { listPushEvents } from "../src/push-messages.js";
import type { MessageModel, SchemaModel } from "../src/schema-model.js";

describe("eventNameFor", () => {
  it.each([
    ["WebcastGiftMessage", "GiftEvent"],
    ["WebcastRoomPinMessage", "RoomPinEvent"],
    ["WebcastGameMomentMessage", "GameMomentEvent"],
    ["WebcastMessageBoardMessage", "MessageBoardEvent"],
    ["WebcastLinkMicBattle", "LinkMicBattleEvent"],
    ["WebcastHourlyRankMessageV2", "HourlyRankMessageV2Event"],
  ])("follows the default rule: %s → %s", (method, event) => {
    expect(eventNameFor(method)).toBe(event);
  });

  it.each([
    ["WebcastChatMessage", "CommentEvent"],
    ["WebcastMemberMessage", "JoinEvent"],
    ["WebcastMsgDetectMessage", "MessageDetectEvent"],
    ["WebcastSubNotifyMessage", "SubscribeEvent"],
    ["WebcastInRoomBannerEvent", "InRoomBannerUpdateEvent"],
    ["WebcastEventMessage", "LiveEventEvent"],
    ["WebcastHighlightFragementReady", "HighlightFragmentReadyEvent"],
  ])("uses the override: %s → %s", (method, event) => {
    expect(eventNameFor(method)).toBe(event);
  });
});

describe("shortNameFor", () => {
  it.each([
    ["CommentEvent", "comment"],
    ["LinkMicBattleEvent", "linkMicBattle"],
    ["LiveEventEvent", "liveEvent"],
    ["HighlightFragmentReadyEvent", "highlightFragmentReady"],
    ["AILiveSummaryEvent", "aiLiveSummary"],
    ["BALeadGenEvent", "baLeadGen"],
    ["MGPunishCenterActionEvent", "mgPunishCenterAction"],
    ["OChannelAnchorEvent", "oChannelAnchor"],
    ["GameOCRPingEvent", "gameOCRPing"],
  ])("%s → %s", (event, short) => {
    expect(shortNameFor(event)).toBe(short);
  });
});

function message(name: string, file = "webcast/test.proto", topLevel = true): MessageModel {
  return { name, tsName: name.replaceAll(".", "_"), file, topLevel, fields: [], doc: `${name} doc` };
}

/** The messages event-map.ts derives events from; listPushEvents throws without them. */
const derivedSources = [
  "WebcastControlMessage",
  "WebcastSocialMessage",
  "WebcastBarrageMessage",
  "WebcastEnvelopeMessage",
];

function schemaOf(...names: string[]): SchemaModel {
  return { messages: [...derivedSources, ...names].map((n) => message(n)), enums: [], files: [] };
}

describe("listPushEvents", () => {
  it("keeps top-level Webcast* push messages and adds the derived events after them", () => {
    const schema = schemaOf("WebcastChatMessage", "WebcastPushFrame", "User", "WebcastGiftMessage");
    schema.messages.push(message("WebcastGiftMessage.WebcastNested", "webcast/test.proto", false));
    const events = listPushEvents(schema);
    const primary = events.filter((e) => !e.derivedFrom);
    expect(primary.map((e) => e.event)).toEqual([
      "ControlEvent",
      "SocialEvent",
      "BarrageEvent",
      "EnvelopeEvent",
      "CommentEvent",
      "GiftEvent",
    ]);
    expect(events.slice(primary.length).every((e) => e.derivedFrom)).toBe(true);

    const comment = events.find((e) => e.event === "CommentEvent")!;
    expect(comment).toMatchObject({ shortName: "comment", doc: "WebcastChatMessage doc" });
    expect(comment.base).toEqual({ base: "CommentEventBase", module: "comment-event-base" });
    expect(events.find((e) => e.event === "ControlEvent")!.base).toBeUndefined();

    const follow = events.find((e) => e.event === "FollowEvent")!;
    expect(follow.derivedFrom).toBe("SocialEvent");
    expect(follow.shortName).toBe("follow");
    expect(follow.message.name).toBe("WebcastSocialMessage");
  });

  it("throws when two messages get the same event name", () => {
    expect(() => listPushEvents(schemaOf("WebcastFooMessage", "WebcastFoo"))).toThrow(
      "event name FooEvent is used by both WebcastFooMessage and WebcastFoo",
    );
  });

  it("throws when two event names differ only in the short name's case", () => {
    expect(() => listPushEvents(schemaOf("WebcastFooMessage", "WebcastfooMessage"))).toThrow(
      "event name foo is used by both WebcastFooMessage and WebcastfooMessage",
    );
  });

  it("throws when a message takes the name of a derived event", () => {
    expect(() => listPushEvents(schemaOf("WebcastFollowMessage"))).toThrow(
      "event name FollowEvent is used by both WebcastFollowMessage and WebcastSocialMessage",
    );
  });

  it("throws when a derived event's source message is missing", () => {
    const schema = { messages: [message("WebcastChatMessage")], enums: [], files: [] };
    expect(() => listPushEvents(schema)).toThrow(/derived event LiveEndEvent names WebcastControlMessage/);
  });
});
