import { describe, expect, expectTypeOf, it } from "vitest";
import type { User, WebcastChatMessage } from "../src/codecs.js";
import type { CommentEvent, GiftEvent, ShareEvent, SocialEvent } from "../src/index.js";

// Checked by `tsc -p packages/proto` (the package's typecheck): every
// `@ts-expect-error` line below must be an error, or the typecheck fails.
describe("Python TikTokLive names, typed", () => {
  it("user.id is a bigint on every user an event exposes, nested ones included", () => {
    expectTypeOf<User["id"]>().toEqualTypeOf<bigint>();
    expectTypeOf<CommentEvent["user"]["id"]>().toEqualTypeOf<bigint>();
    expectTypeOf<CommentEvent["userInfo"]["id"]>().toEqualTypeOf<bigint>();
    expectTypeOf<GiftEvent["toUser"]["id"]>().toEqualTypeOf<bigint>();
    expectTypeOf<WebcastChatMessage["mentionUsers"][number]["id"]>().toEqualTypeOf<bigint>();
    expectTypeOf<NonNullable<WebcastChatMessage["user"]>["topFans"][number]["id"]>().toEqualTypeOf<bigint>();
  });

  it("ShareEvent.usersJoined is a number or undefined, on ShareEvent only", () => {
    expectTypeOf<ShareEvent["usersJoined"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<SocialEvent>().not.toHaveProperty("usersJoined");
  });

  it("both are read-only", () => {
    // Compiled, never run: each line must fail the typecheck.
    const wrong = (user: User, share: ShareEvent) => {
      // @ts-expect-error: id only reads userId; set userId.
      user.id = 1n;
      // @ts-expect-error: usersJoined is read from the share's display key.
      share.usersJoined = 3;
    };
    expect(wrong).toBeTypeOf("function");
  });
});
