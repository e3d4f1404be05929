import type { BaseProtoMessage, ProtoEventClass } from "@tiktok-live/proto";
import { type EventFields, eventMessage } from "./event-message.js";
import { giftByName, type SimGift, type SimUser, userByName } from "./fixtures.js";
import * as build from "./messages.js";
import * as seed from "./seed-messages.js";

/** One step of a scenario, run in order by the simulator once a client has entered the room. */
export type ScenarioStep =
  | { kind: "batch"; messages: BaseProtoMessage[] }
  | { kind: "wait"; ms: number }
  /** Cut the connection abruptly (no close frame), as a network failure would. */
  | { kind: "drop" }
  /** Go silent for `ms`: frames are neither sent nor answered. */
  | { kind: "stall"; ms: number }
  /** Raw bytes sent as a frame, e.g. garbage to test resilience. */
  | { kind: "raw"; bytes: Uint8Array }
  /** Wait until a client is in the room again (after a drop). */
  | { kind: "awaitClient"; timeoutMs: number }
  /** Steady load: `count` messages from a generator, `perBatch` per frame, `intervalMs` apart. */
  | {
      kind: "load";
      count: number;
      perBatch: number;
      intervalMs: number;
      make: (i: number) => BaseProtoMessage;
    }
  /** Set the room offline (after a live-end control message). */
  | { kind: "offline" };

export interface Scenario {
  name: string;
  description: string;
  /** Messages in the first fetch result (the "recent history" the sign server returns). */
  initial: BaseProtoMessage[];
  steps: ScenarioStep[];
}

type UserRef = string | SimUser;
const who = (u: UserRef): SimUser => (typeof u === "string" ? userByName(u) : u);
const giftOf = (g: string | SimGift): SimGift => (typeof g === "string" ? giftByName(g) : g);

/**
 * Builds a scenario step by step. Each method adds one push batch (or a
 * pause, drop, …) and returns the builder.
 *
 * @example
 * scenario("hello").comment("alice.streams", "hi!").wait(200).gift("bob_builds", "Rose", { streak: 3 }).end()
 */
export class ScenarioBuilder {
  private readonly steps: ScenarioStep[] = [];
  private readonly initial: BaseProtoMessage[] = [];
  private description = "";

  constructor(private readonly name: string) {}

  describe(text: string): this {
    this.description = text;
    return this;
  }

  /** Messages the client receives with the signature, before the socket opens. */
  history(...messages: BaseProtoMessage[]): this {
    this.initial.push(...messages);
    return this;
  }

  batch(...messages: BaseProtoMessage[]): this {
    this.steps.push({ kind: "batch", messages });
    return this;
  }

  wait(ms: number): this {
    this.steps.push({ kind: "wait", ms });
    return this;
  }

  comment(user: UserRef, text: string): this {
    return this.batch(build.chat(who(user), text));
  }

  emote(user: UserRef, emoteId = "7152373249542230810"): this {
    return this.batch(build.emoteChat(who(user), emoteId));
  }

  /**
   * A gift. Streakable gifts with `streak > 1` become a run of messages with a
   * growing repeat count, `streakIntervalMs` apart, the last one with repeatEnd.
   */
  gift(
    user: UserRef,
    gift: string | SimGift,
    options: { streak?: number; streakIntervalMs?: number } = {},
  ): this {
    const g = giftOf(gift);
    const u = who(user);
    const streak = g.streakable ? Math.max(1, options.streak ?? 1) : 1;
    const groupId = build.nextGroupId();
    for (let n = 1; n <= streak; n++) {
      const last = n === streak;
      this.batch(build.gift(u, g, { repeatCount: n, repeatEnd: g.streakable ? last : false, groupId }));
      if (!last && options.streakIntervalMs) this.wait(options.streakIntervalMs);
    }
    return this;
  }

  likes(user: UserRef, count: number, total: number): this {
    return this.batch(build.like(who(user), count, total));
  }

  join(user: UserRef, memberCount = 100): this {
    return this.batch(build.member(who(user), memberCount));
  }

  follow(user: UserRef): this {
    return this.batch(build.social(who(user), "follow"));
  }

  /** A share; with `usersJoined`, the display key that says how many viewers it brought in. */
  share(user: UserRef, options: { usersJoined?: number } = {}): this {
    if (options.usersJoined === undefined) return this.batch(build.social(who(user), "share"));
    return this.batch(seed.shareWithJoins(who(user), options.usersJoined));
  }

  superFan(user: UserRef): this {
    return this.batch(build.superFanBarrage(who(user), false));
  }

  superFanJoin(user: UserRef): this {
    return this.batch(build.superFanBarrage(who(user), true));
  }

  viewers(count: number): this {
    return this.batch(build.roomUserSeq(count));
  }

  pin(user: UserRef, text: string): this {
    return this.batch(build.roomPin(who(user), text));
  }

  battle(hosts: [UserRef, UserRef], points: [number, number]): this {
    return this.batch(
      build.linkMicBattle(build.nextBattleId(), [who(hosts[0]), who(hosts[1])]),
      build.linkMicArmies([who(hosts[0]), who(hosts[1])], points),
    );
  }

  /** Same as `emote`, under the event's name. */
  emoteChat(user: UserRef, emoteId?: string): this {
    return this.emote(user, emoteId);
  }

  /** A battle starting between two hosts, without scores (`battle` adds the scores). */
  linkMicBattle(hosts: [UserRef, UserRef]): this {
    return this.batch(build.linkMicBattle(build.nextBattleId(), [who(hosts[0]), who(hosts[1])]));
  }

  /** Battle scores of the current battle's two hosts. */
  linkMicArmies(hosts: [UserRef, UserRef], points: [number, number]): this {
    return this.batch(build.linkMicArmies([who(hosts[0]), who(hosts[1])], points));
  }

  /** A paid on-screen comment: a `ScreenChatEvent`. */
  screenChat(user: UserRef, text: string): this {
    return this.batch(seed.screenChat(who(user), text));
  }

  /** The gift panel changed: a `GiftUpdateEvent`. */
  giftUpdate(updateType = 1): this {
    return this.batch(seed.giftUpdate(updateType));
  }

  /** A gift announced across rooms: a `GiftBroadcastEvent`. */
  giftBroadcast(user: UserRef, gift: string | SimGift): this {
    return this.batch(seed.giftBroadcast(who(user), giftOf(gift)));
  }

  /** Screen taps: a `DiggEvent`. */
  digg(user: UserRef, count = 1): this {
    return this.batch(seed.digg(who(user), count));
  }

  /** A room message (the chat's system line): a `RoomEvent`. */
  room(text: string): this {
    return this.batch(seed.roomMessage(text));
  }

  /** A notification banner: a `RoomNotifyEvent`. */
  roomNotify(text: string, user?: UserRef): this {
    return this.batch(seed.roomNotify(text, user === undefined ? undefined : who(user)));
  }

  /** A game-stream highlight: a `GameMomentEvent`. */
  gameMoment(momentId: string, options: { eventTime?: bigint; effects?: number[] } = {}): this {
    return this.batch(seed.gameMoment(momentId, options.eventTime ?? 0n, options.effects));
  }

  /** A caption line: a `CaptionEvent`. */
  caption(text: string, lang = "en"): this {
    return this.batch(seed.caption(text, lang));
  }

  /** Messages deleted by moderation: an `ImDeleteEvent`. */
  imDelete(options: { msgIds?: bigint[]; userIds?: bigint[] }): this {
    return this.batch(seed.imDelete(options.msgIds ?? [], options.userIds ?? []));
  }

  /** The host's introduction: a `LiveIntroEvent`. */
  liveIntro(host: UserRef, text: string): this {
    return this.batch(seed.liveIntro(who(host), text));
  }

  /** A Q&A question: a `QuestionNewEvent`. */
  question(user: UserRef, text: string): this {
    return this.batch(seed.questionNew(who(user), text, build.nextGroupId()));
  }

  /** A subscription: a `SubscribeEvent`. */
  subscribe(user: UserRef, months = 1): this {
    return this.batch(seed.subscribe(who(user), months));
  }

  /** A super fan box: an `EnvelopeEvent` + `SuperFanBoxEvent`. */
  superFanBox(user: UserRef): this {
    return this.batch(build.envelope(who(user), true));
  }

  /** A red envelope (treasure box) that is not a super fan box: an `EnvelopeEvent`. */
  envelope(user: UserRef): this {
    return this.batch(build.envelope(who(user), false));
  }

  /** A system line: a `SystemEvent`. */
  system(text: string): this {
    return this.batch(seed.systemMessage(text));
  }

  /** A signed-out viewer entered: an `UnauthorizedMemberEvent`. */
  unauthorizedMember(nickname: string): this {
    return this.batch(seed.unauthorizedMember(nickname));
  }

  /**
   * Any event, by its class: the fields of its message (typed: a wrong name or
   * type does not compile), encoded with its codec; the common header is filled
   * in. For derived events (FollowEvent, LiveEndEvent, SuperFanBoxEvent, …) the
   * field that makes the client derive them is set by default.
   *
   * @example
   * scenario("poll").message(PollEvent, { pollId: 7n, messageType: 1 })
   */
  message<C extends ProtoEventClass>(eventClass: C, fields: EventFields<C> = {} as EventFields<C>): this {
    return this.batch(eventMessage(eventClass, fields));
  }

  /** A message with a method the client has no class for. */
  unknown(method = "WebcastBrandNewFeatureMessage", payload: Uint8Array = new Uint8Array([8, 1])): this {
    return this.batch(build.unknown(method, payload));
  }

  /** A frame whose bytes are not a valid push frame. */
  malformed(bytes: Uint8Array = new Uint8Array([0xff, 0xff, 0xff, 0x0f, 0x01, 0x02])): this {
    this.steps.push({ kind: "raw", bytes });
    return this;
  }

  /** A known method whose payload does not decode as that message. */
  corruptMessage(method = "WebcastChatMessage"): this {
    return this.batch(build.unknown(method, new Uint8Array([0x12, 0xff, 0x01])));
  }

  pause(): this {
    return this.batch(build.control(1));
  }

  unpause(): this {
    return this.batch(build.control(2));
  }

  drop(): this {
    this.steps.push({ kind: "drop" });
    return this;
  }

  stall(ms: number): this {
    this.steps.push({ kind: "stall", ms });
    return this;
  }

  awaitClient(timeoutMs = 15_000): this {
    this.steps.push({ kind: "awaitClient", timeoutMs });
    return this;
  }

  /** A steady stream of `count` messages in the given mix, for load runs. */
  load(count: number, options: { perBatch?: number; intervalMs?: number; mix?: build.LoadMix } = {}): this {
    const make = build.mixedMessageFactory(options.mix ?? build.busyStreamMix);
    this.steps.push({
      kind: "load",
      count,
      perBatch: options.perBatch ?? 5,
      intervalMs: options.intervalMs ?? 10,
      make,
    });
    return this;
  }

  /** The live ends: a control message (action 3), then the room goes offline. */
  end(): this {
    this.batch(build.control(3));
    this.steps.push({ kind: "offline" });
    return this;
  }

  build(): Scenario {
    return {
      name: this.name,
      description: this.description,
      initial: [...this.initial],
      steps: [...this.steps],
    };
  }
}

export function scenario(name: string): ScenarioBuilder {
  return new ScenarioBuilder(name);
}
