import type { BaseProtoMessage } from "@tiktok-live/proto";
import { giftByName, type SimGift, type SimUser, userByName } from "./fixtures.js";
import * as build from "./messages.js";

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

  share(user: UserRef): this {
    return this.batch(build.social(who(user), "share"));
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
