import {
  type BaseEvent,
  CaptionEvent,
  CountdownEvent,
  DiggEvent,
  EmoteChatEvent,
  EnvelopeEvent,
  FollowEvent,
  GameMomentEvent,
  GiftBroadcastEvent,
  GiftUpdateEvent,
  GoalUpdateEvent,
  ImDeleteEvent,
  LinkMicArmiesEvent,
  LinkMicBattleEvent,
  LiveIntroEvent,
  LivePauseEvent,
  PollEvent,
  QuestionNewEvent,
  RoomEvent,
  RoomNotifyEvent,
  ScreenChatEvent,
  ShareEvent,
  SubscribeEvent,
  SuperFanBoxEvent,
  SystemEvent,
  shareUsersJoined,
  TikTokLiveClient,
  UnauthorizedMemberEvent,
} from "@tiktok-live/node";
import { scenario, startSimulator, userByName } from "@tiktok-live/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Every step of the scenario goes through a real client against the simulator,
// so each test below checks what a bot would see, not what the builder wrote.
const alice = userByName("alice.streams");
const bob = userByName("bob_builds");

const steps = scenario("seed steps")
  .screenChat("alice.streams", "big banner")
  .giftUpdate(3)
  .giftBroadcast("bob_builds", "Lion")
  .digg("carol", 4)
  .room("Welcome to the LIVE!")
  .roomNotify("Bob is on fire", "bob_builds")
  .gameMoment("moment-1", { eventTime: 90_000n, effects: [2, 5] })
  .emoteChat("alice.streams", "123456")
  .linkMicBattle(["alice.streams", "bob_builds"])
  .linkMicArmies(["alice.streams", "bob_builds"], [30, 12])
  .caption("hello everyone", "en")
  .imDelete({ msgIds: [11n, 12n], userIds: [bob.userId] })
  .liveIntro("alice.streams", "Building things live")
  .question("carol", "What are you building?")
  .subscribe("dave.mod", 3)
  .superFanBox("erin_")
  .envelope("carol")
  .system("Be kind in the chat")
  .unauthorizedMember("user***")
  .message(PollEvent, { pollId: 77n, messageType: 1n, pollKind: 2 })
  .message(CountdownEvent, { messageType: 2, content: { countdownId: 5n } })
  .message(GoalUpdateEvent, { contributorId: alice.userId, contributeCount: 9n })
  .message(FollowEvent, { user: { nickname: "Follower" } })
  .message(ShareEvent, { user: { nickname: "Sharer" } })
  .message(LivePauseEvent)
  .share("erin_", { usersJoined: 5 })
  .end()
  .build();

const seen = new Map<string, BaseEvent[]>();
const first = <T>(cls: { eventName: string }): T => {
  const list = seen.get(cls.eventName);
  expect(list, `no ${cls.eventName} event`).toBeDefined();
  return list![0] as T;
};

describe("scenario steps for the seed's events, through a client", () => {
  beforeAll(async () => {
    const sim = await startSimulator({ scenario: steps, speed: 0 });
    try {
      const client = new TikTokLiveClient(`@${sim.uniqueId}`, sim.clientOptions());
      for (const cls of [
        ScreenChatEvent,
        GiftUpdateEvent,
        GiftBroadcastEvent,
        DiggEvent,
        RoomEvent,
        RoomNotifyEvent,
        GameMomentEvent,
        EmoteChatEvent,
        LinkMicBattleEvent,
        LinkMicArmiesEvent,
        CaptionEvent,
        ImDeleteEvent,
        LiveIntroEvent,
        QuestionNewEvent,
        SubscribeEvent,
        SuperFanBoxEvent,
        EnvelopeEvent,
        SystemEvent,
        UnauthorizedMemberEvent,
        PollEvent,
        CountdownEvent,
        GoalUpdateEvent,
        FollowEvent,
        ShareEvent,
        LivePauseEvent,
      ]) {
        client.on(cls, (e: BaseEvent) => {
          const list = seen.get(cls.eventName) ?? [];
          list.push(e);
          seen.set(cls.eventName, list);
        });
      }
      await client.run();
    } finally {
      await sim.close();
    }
  });
  afterAll(() => seen.clear());

  it("screenChat", () => {
    const e = first<ScreenChatEvent>(ScreenChatEvent);
    expect([e.user.uniqueId, e.content]).toEqual(["alice.streams", "big banner"]);
  });
  it("giftUpdate", () => expect(first<GiftUpdateEvent>(GiftUpdateEvent).updateType).toBe(3));
  it("giftBroadcast", () => {
    const e = first<GiftBroadcastEvent>(GiftBroadcastEvent);
    expect(e.fromUserId).toBe(bob.userId);
    expect(e.notifyMessage.content).toBe(`${bob.nickname} sent Lion`);
    expect(e.leftIcon.urlList[0]).toMatch(/gift\/\d+\.png$/);
  });
  it("digg", () => {
    const e = first<DiggEvent>(DiggEvent);
    expect([e.user.uniqueId, e.diggCount]).toEqual(["carol", 4]);
  });
  it("room", () => expect(first<RoomEvent>(RoomEvent).content).toBe("Welcome to the LIVE!"));
  it("roomNotify", () => {
    const e = first<RoomNotifyEvent>(RoomNotifyEvent);
    expect([e.content, e.user.uniqueId]).toEqual(["Bob is on fire", "bob_builds"]);
  });
  it("gameMoment", () => {
    const e = first<GameMomentEvent>(GameMomentEvent);
    expect([e.momentUniqueId, e.eventTime, e.momentEffects]).toEqual(["moment-1", 90_000n, [2, 5]]);
  });
  it("emoteChat", () => {
    const e = first<EmoteChatEvent>(EmoteChatEvent);
    expect([e.user.uniqueId, e.emotes[0]?.emoteId]).toEqual(["alice.streams", "123456"]);
  });
  it("linkMicBattle and linkMicArmies", () => {
    const battle = first<LinkMicBattleEvent>(LinkMicBattleEvent);
    expect(battle.anchorInfos.map((a) => a.userInfo?.user?.nickname)).toEqual([alice.nickname, bob.nickname]);
    const armies = first<LinkMicArmiesEvent>(LinkMicArmiesEvent);
    expect(armies.battleId).toBe(battle.battleId);
    expect(armies.armies.get(alice.userId)?.hostScore).toBe(30n);
  });
  it("caption", () =>
    expect(first<CaptionEvent>(CaptionEvent).content).toEqual([{ lang: "en", content: "hello everyone" }]));
  it("imDelete", () => {
    const e = first<ImDeleteEvent>(ImDeleteEvent);
    expect([e.deleteMsgIds, e.deleteUserIds]).toEqual([[11n, 12n], [bob.userId]]);
  });
  it("liveIntro", () => expect(first<LiveIntroEvent>(LiveIntroEvent).content).toBe("Building things live"));
  it("question", () => {
    const e = first<QuestionNewEvent>(QuestionNewEvent);
    expect([e.question.content, e.question.user?.uniqueId]).toEqual(["What are you building?", "carol"]);
  });
  it("subscribe", () => {
    const e = first<SubscribeEvent>(SubscribeEvent);
    expect([e.user.uniqueId, e.subMonth]).toEqual(["dave.mod", 3n]);
  });
  it("superFanBox and envelope", () => {
    expect(first<SuperFanBoxEvent>(SuperFanBoxEvent).envelopeInfo.businessType).toBe(19);
    // Both envelopes are EnvelopeEvents; only the first is a super fan box.
    expect(seen.get(EnvelopeEvent.eventName)?.length).toBe(2);
    expect(seen.get(SuperFanBoxEvent.eventName)?.length).toBe(1);
  });
  it("system", () => expect(first<SystemEvent>(SystemEvent).message).toBe("Be kind in the chat"));
  it("unauthorizedMember", () =>
    expect(first<UnauthorizedMemberEvent>(UnauthorizedMemberEvent).nickname).toBe("user***"));
  it("message(EventClass, fields) for any event", () => {
    const poll = first<PollEvent>(PollEvent);
    expect([poll.pollId, poll.messageType, poll.pollKind]).toEqual([77n, 1n, 2]);
    expect(first<CountdownEvent>(CountdownEvent).content.countdownId).toBe(5n);
    const goal = first<GoalUpdateEvent>(GoalUpdateEvent);
    expect([goal.contributorId, goal.contributeCount]).toEqual([alice.userId, 9n]);
    // The common header is filled in: the event's method and a message id.
    expect(poll.common.method).toBe("WebcastPollMessage");
    expect(poll.msgId).toBe(poll.common.msgId);
  });
  it("message() of a derived event makes the client derive it", () => {
    expect(first<FollowEvent>(FollowEvent).user.nickname).toBe("Follower");
    expect(first<ShareEvent>(ShareEvent).user.nickname).toBe("Sharer");
    expect(seen.get(FollowEvent.eventName)?.length).toBe(1);
    expect(seen.get(ShareEvent.eventName)?.length).toBe(2);
    expect(seen.get(LivePauseEvent.eventName)?.length).toBe(1);
  });
  it("share(user, { usersJoined }): ShareEvent, whose usersJoined (and shareUsersJoined) reads the count", () => {
    const [plain, withCount] = seen.get(ShareEvent.eventName) as ShareEvent[];
    expect(plain!.usersJoined).toBeUndefined();
    expect(shareUsersJoined(plain!)).toBeUndefined();
    expect(withCount!.user.uniqueId).toBe("erin_");
    expect(withCount!.usersJoined).toBe(5);
    expect(shareUsersJoined(withCount!)).toBe(5);
  });
});
