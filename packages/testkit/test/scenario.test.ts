import type { BaseProtoMessage } from "@tiktok-live/proto";
import { WebcastControlMessage, WebcastGiftMessage, WebcastSocialMessage } from "@tiktok-live/proto/codecs";
import { describe, expect, it } from "vitest";
import { busyStreamMix, type ScenarioStep, scenario } from "../src/index.js";

const batches = (steps: ScenarioStep[]): BaseProtoMessage[][] =>
  steps.flatMap((s) => (s.kind === "batch" ? [s.messages] : []));

describe("scenario builder: gifts", () => {
  it("a streak of n sends repeat counts 1..n, repeatEnd only on the last, one group", () => {
    const s = scenario("streak").gift("carol", "Rose", { streak: 5 }).build();
    const sent = batches(s.steps);
    expect(sent).toHaveLength(5);
    const gifts = sent.map((b) => {
      expect(b).toHaveLength(1);
      expect(b[0]!.method).toBe("WebcastGiftMessage");
      return WebcastGiftMessage.decode(b[0]!.payload);
    });
    expect(gifts.map((g) => g.repeatCount)).toEqual([1, 2, 3, 4, 5]);
    expect(gifts.map((g) => g.repeatEnd)).toEqual([0, 0, 0, 0, 1]);
    expect(new Set(gifts.map((g) => g.groupId)).size).toBe(1);
    expect(gifts.every((g) => g.gift?.name === "Rose" && g.gift.type === 1)).toBe(true);
    expect(gifts.every((g) => g.user?.uniqueId === "carol")).toBe(true);
    // No interval asked for: no waits.
    expect(s.steps.some((step) => step.kind === "wait")).toBe(false);
  });

  it("puts streakIntervalMs between the messages of a streak, not after the last", () => {
    const s = scenario("spaced").gift("alice.streams", "GG", { streak: 3, streakIntervalMs: 150 }).build();
    expect(s.steps.map((step) => (step.kind === "wait" ? `wait ${step.ms}` : step.kind))).toEqual([
      "batch",
      "wait 150",
      "batch",
      "wait 150",
      "batch",
    ]);
  });

  it("two streaks use different group ids", () => {
    const s = scenario("two")
      .gift("carol", "Rose", { streak: 2 })
      .gift("carol", "Rose", { streak: 2 })
      .build();
    const groups = batches(s.steps).map((b) => WebcastGiftMessage.decode(b[0]!.payload).groupId);
    expect(groups[0]).toBe(groups[1]);
    expect(groups[2]).toBe(groups[3]);
    expect(groups[0]).not.toBe(groups[2]);
  });

  it("a non-streakable gift is one message, whatever streak says", () => {
    const s = scenario("lion").gift("bob_builds", "Lion", { streak: 5, streakIntervalMs: 100 }).build();
    const sent = batches(s.steps);
    expect(sent).toHaveLength(1);
    expect(s.steps).toHaveLength(1);
    const g = WebcastGiftMessage.decode(sent[0]![0]!.payload);
    expect(g.repeatCount).toBe(1);
    expect(g.gift?.name).toBe("Lion");
    expect(g.gift?.diamondCount).toBe(29999);
    expect(g.gift?.type).toBe(2);
  });

  it("a single streakable gift is one message that ends its streak", () => {
    const sent = batches(scenario("one").gift("carol", "Rose").build().steps);
    expect(sent).toHaveLength(1);
    const g = WebcastGiftMessage.decode(sent[0]![0]!.payload);
    expect([g.repeatCount, g.repeatEnd]).toEqual([1, 1]);
  });

  it("rejects an unknown gift name", () => {
    expect(() => scenario("x").gift("carol", "Unicorn")).toThrow(/Unknown sample gift "Unicorn"/);
  });
});

describe("scenario builder: follow, share and end", () => {
  it("follow and share are social messages that differ in the display text key", () => {
    const s = scenario("social").follow("erin_").share("alice.streams").build();
    const [follow, share] = batches(s.steps).map((b) => {
      expect(b[0]!.method).toBe("WebcastSocialMessage");
      return WebcastSocialMessage.decode(b[0]!.payload);
    });
    const followKey = follow!.common?.displayText?.key ?? "";
    const shareKey = share!.common?.displayText?.key ?? "";
    expect(followKey).toContain("follow");
    expect(followKey).not.toContain("share");
    expect(shareKey).toContain("share");
    expect(shareKey).not.toContain("follow");
    expect(follow!.user?.uniqueId).toBe("erin_");
    expect(share!.user?.uniqueId).toBe("alice.streams");
  });

  it("end() adds a control message with action 3, then goes offline", () => {
    const s = scenario("end").comment("carol", "bye").end().build();
    expect(s.steps.map((step) => step.kind)).toEqual(["batch", "batch", "offline"]);
    const endBatch = s.steps[1] as { kind: "batch"; messages: BaseProtoMessage[] };
    expect(endBatch.messages).toHaveLength(1);
    expect(endBatch.messages[0]!.method).toBe("WebcastControlMessage");
    expect(WebcastControlMessage.decode(endBatch.messages[0]!.payload).action).toBe(3);
  });

  it("build() returns a copy: later builder calls do not change it", () => {
    const b = scenario("copy").comment("carol", "one");
    const first = b.build();
    b.comment("carol", "two").history();
    expect(first.steps).toHaveLength(1);
    expect(b.build().steps).toHaveLength(2);
  });
});

describe("scenario builder: load", () => {
  const kindOf = (m: BaseProtoMessage): string => m.method;

  it("load(n) generates n messages in the busy-stream mix", () => {
    const n = 1000;
    const s = scenario("load").load(n).build();
    expect(s.steps).toHaveLength(1);
    const step = s.steps[0]!;
    if (step.kind !== "load") throw new Error(`expected a load step, got ${step.kind}`);
    expect(step.count).toBe(n);
    const messages = Array.from({ length: step.count }, (_, i) => step.make(i));
    expect(messages).toHaveLength(n);
    const counts = new Map<string, number>();
    for (const m of messages) counts.set(kindOf(m), (counts.get(kindOf(m)) ?? 0) + 1);
    const share = (method: string) => ((counts.get(method) ?? 0) / n) * 100;
    expect(Math.abs(share("WebcastLikeMessage") - busyStreamMix.like)).toBeLessThanOrEqual(3);
    expect(Math.abs(share("WebcastMemberMessage") - busyStreamMix.join)).toBeLessThanOrEqual(3);
    expect(Math.abs(share("WebcastChatMessage") - busyStreamMix.comment)).toBeLessThanOrEqual(3);
    expect(share("WebcastLikeMessage")).toBeGreaterThan(32);
    expect(share("WebcastMemberMessage")).toBeGreaterThan(17);
    expect(share("WebcastChatMessage")).toBeGreaterThan(12);
    expect(share("WebcastChatMessage")).toBeLessThan(18);
    // Every kind in the mix shows up.
    for (const method of ["WebcastRoomUserSeqMessage", "WebcastGiftMessage", "WebcastSocialMessage"])
      expect(counts.get(method) ?? 0, method).toBeGreaterThan(0);
    // Message ids are unique, so a client does not drop any as repeats.
    expect(new Set(messages.map((m) => m.msgId)).size).toBe(n);
  });

  it("load options set the batch size and interval", () => {
    const step = scenario("l").load(10, { perBatch: 3, intervalMs: 7 }).build().steps[0]!;
    expect(step).toMatchObject({ kind: "load", count: 10, perBatch: 3, intervalMs: 7 });
  });
});
