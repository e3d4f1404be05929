import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { WebcastChatMessage } from "../src/codecs.js";
import { CommentEvent, isLazyMessage, UnknownEvent } from "../src/index.js";
import { fieldsSet, isDefaultValue } from "../src/inspect.js";

const avatar = "https://p16-sign-va.tiktokcdn.com/avatar-720.webp";

function comment(message: WebcastChatMessage, msgId = 7400000000000000001n): CommentEvent {
  const payload = WebcastChatMessage.encode(message).finish();
  return new CommentEvent({ method: "WebcastChatMessage", msgId, payload });
}

const carol = () =>
  comment(
    WebcastChatMessage.fromPartial({
      common: { createTime: 1764115200123n },
      content: "great stream",
      user: {
        userId: 7034567890123456789n,
        nickname: "Carol",
        uniqueId: "carol",
        avatarThumb: { urlList: [avatar] },
        badges: [{ displayType: 1, textBadge: { defaultPattern: "Fan club" } }],
      },
    }),
  );

describe("console.log of an event (util.inspect)", () => {
  it("shows the event's name, id and message, nested messages decoded, not its bytes or decoder state", () => {
    const e = carol();
    const shown = inspect(e, { depth: null });
    expect(shown.startsWith("CommentEvent {")).toBe(true);
    expect(shown).toContain("event: 'comment'");
    expect(shown).toContain("msgId: 7400000000000000001n");
    expect(shown).toContain("createTime: 1764115200123n");
    expect(shown).toContain("content: 'great stream'");
    expect(shown).toContain("nickname: 'Carol'");
    // Nested messages are getters on the lazy classes: without the view they are not shown at all.
    expect(shown).toContain(avatar);
    expect(shown).toContain("defaultPattern: 'Fan club'");
    for (const internal of ["payload", "LazyRoot", "BinaryReader", "__tsProtoDecodeDepth", "walked"]) {
      expect(shown).not.toContain(internal);
    }
  });

  it("leaves out fields at their default value, at every level", () => {
    const shown = inspect(carol(), { depth: null });
    // Set: shown. Unset (a User has about 150 fields): not shown.
    expect(shown).toContain("uniqueId: 'carol'");
    expect(shown).not.toContain("bioDescription");
    expect(shown).not.toContain("deprecated1");
    expect(shown).not.toContain("avatarLarge");
    expect(shown).not.toContain("visibleToSender");
  });

  it("shows a lazy nested message the same way on its own", () => {
    const user = carol().user;
    expect(isLazyMessage(user)).toBe(true);
    const shown = inspect(user, { depth: null });
    expect(shown).toContain("nickname: 'Carol'");
    expect(shown).toContain(avatar);
    expect(shown).not.toContain("deprecated1");
  });

  it("does not change what the event holds: the same fields and JSON before and after", () => {
    const e = carol();
    const json = JSON.stringify(e);
    inspect(e, { depth: null });
    expect(JSON.stringify(e)).toBe(json);
    expect(e.user.avatarThumb?.urlList).toEqual([avatar]);
  });

  it("never throws: a payload that does not decode shows as its bytes and the error", () => {
    const broken = new CommentEvent({
      method: "WebcastChatMessage",
      msgId: 6n,
      payload: new Uint8Array([0xff, 0xff]),
    });
    const shown = inspect(broken);
    expect(shown.startsWith("CommentEvent {")).toBe(true);
    expect(shown).toContain("decodeError:");
    expect(shown).toContain("255, 255");
  });

  it("shows an unknown message's bytes as bytes", () => {
    const e = new UnknownEvent({ method: "WebcastNewThing", msgId: 5n, payload: new Uint8Array([1, 2, 3]) });
    const shown = inspect(e);
    expect(shown).toContain("UnknownEvent {");
    expect(shown).toContain("method: 'WebcastNewThing'");
    expect(shown).toContain("Uint8Array(3) [ 1, 2, 3 ]");
  });
});

describe("isDefaultValue and fieldsSet", () => {
  it("know each proto3 default, and nothing else", () => {
    for (const v of ["", 0, 0n, false, undefined, null, [], new Uint8Array(0), {}, new Map()])
      expect(isDefaultValue(v)).toBe(true);
    for (const v of ["a", 1, -1, 1n, true, [0], new Uint8Array(1), { a: "" }, new Map([[1, 1]]), Number.NaN])
      expect(isDefaultValue(v)).toBe(false);
  });

  it("keeps the set fields in order", () => {
    expect(Object.keys(fieldsSet({ a: 1, b: "", c: "x", d: [], e: 0n, f: { k: "" } }))).toEqual([
      "a",
      "c",
      "f",
    ]);
  });
});
