import { FollowEvent, GameMomentEvent, GiftEvent, PollEvent, RoomNotifyEvent } from "@tiktok-live/proto";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { EventFields } from "../src/event-message.js";
import { scenario } from "../src/scenario.js";

// Checked by `tsc -p packages/testkit` (the package's typecheck): every
// `@ts-expect-error` line below must be an error, or the typecheck fails.
describe("message(EventClass, fields) typing", () => {
  it("takes the event's message fields, nested and partial", () => {
    expectTypeOf<EventFields<typeof GameMomentEvent>>().toHaveProperty("momentUniqueId");
    expectTypeOf<EventFields<typeof GiftEvent>["repeatCount"]>().toEqualTypeOf<number | undefined>();
    const s = scenario("typed")
      .message(GameMomentEvent, { momentUniqueId: "m", eventTime: 5n, momentEffects: [1] })
      .message(GiftEvent, { repeatCount: 2, gift: { name: "Rose", image: { urlList: ["u"] } } })
      .message(RoomNotifyEvent, { extra: { background: { mUrls: ["a"] } } })
      .message(FollowEvent)
      .build();
    expect(s.steps).toHaveLength(4);
  });

  it("rejects unknown field names and wrong types", () => {
    const b = scenario("wrong");
    // Compiled, never run: each line must fail the typecheck.
    const wrong = () => {
      // @ts-expect-error: GameMomentMessage has no field `momentId`.
      b.message(GameMomentEvent, { momentId: "m" });
      // @ts-expect-error: eventTime is an int64, a bigint, not a string.
      b.message(GameMomentEvent, { eventTime: "5" });
      // @ts-expect-error: a nested unknown field (Gift has no `title`).
      b.message(GiftEvent, { gift: { title: "Rose" } });
      // @ts-expect-error: pollId is an int64 (bigint), not a number.
      b.message(PollEvent, { pollId: 7 });
      // @ts-expect-error: not an event class.
      b.message(Date, {});
    };
    expect(wrong).toBeTypeOf("function");
  });

  it("refuses, at run time too, a class that is not an event class", () => {
    expect(() => scenario("x").message(Date as never, {} as never)).toThrow(/not a generated event class/);
  });
});
