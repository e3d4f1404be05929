/**
 * Decoding loses one mismatched field, never the whole message. Payloads are
 * written by hand (hand-wire.ts) in the shapes TikTok was seen sending: a JSON
 * string where the schema declares a map, a number where it declares a
 * message, a nested message whose content runs past its declared length.
 */
import { describe, expect, it } from "vitest";
import { WebcastChatMessage } from "../src/codecs.js";
import { CommentEvent, loadCodecs, type SkippedField } from "../src/index.js";
import { bytes, type Field, int, message, msg, str } from "./hand-wire.js";

// WebcastChatMessage: user = 2 (User), content = 3, emotes = 13 (repeated EmoteWithIndex).
// User: user_id = 1, nickname = 3, user_attr = 32 (UserAttr). UserAttr: is_admin = 2, admin_permissions = 5 (map<int32, int32>).
// EmoteWithIndex: index = 1, emote = 2 (Emote: emote_id = 1).
const json = [...new TextEncoder().encode('{"banner_id":"7310","pos":"n","title":"LIVE"}')];
const emote = (index: number, id: string): Field => msg(13, int(1, index), msg(2, str(1, id)));

function commentOf(payload: Uint8Array): CommentEvent {
  return new CommentEvent({ method: CommentEvent.method, msgId: 1n, payload });
}

describe("a field that does not match the schema is skipped, the rest decodes", () => {
  it("a JSON string where a map is declared (two levels down): only the map is lost", async () => {
    await loadCodecs(CommentEvent);
    const payload = message(
      msg(2, int(1, 42), str(3, "Alice"), msg(32, int(2, true), bytes(5, json))),
      str(3, "hello"),
    );
    const e = commentOf(payload);
    expect(e.comment).toBe("hello");
    expect(e.user.nickname).toBe("Alice");
    expect(e.user.userId).toBe(42n);
    expect(e.user.userAttr?.isAdmin).toBe(true);
    expect(e.user.userAttr?.adminPermissions).toEqual({});
    expect(e.skippedFields).toEqual([
      { message: "UserAttr", field: 5, wireType: 2, reason: "content", detail: expect.any(String) },
    ]);
  });

  it("a varint where a message is declared: the field is counted as a wire-type mismatch", async () => {
    await loadCodecs(CommentEvent);
    const e = commentOf(message(int(2, 123456), str(3, "still here")));
    expect(e.comment).toBe("still here");
    expect(e.data.user).toBeUndefined();
    expect(e.skippedFields).toEqual<SkippedField[]>([
      { message: "WebcastChatMessage", field: 2, wireType: 0, reason: "wire-type" },
    ]);
  });

  it("a nested message whose last field runs past its declared length is skipped whole", async () => {
    await loadCodecs(CommentEvent);
    // The user claims 4 bytes; its nickname inside claims 10, running into `content`.
    const user = [...[0x12, 4], ...[0x1a, 10, 0x41, 0x42]];
    const e = commentOf(message(user, str(3, "after the bad user")));
    expect(e.comment).toBe("after the bad user");
    expect(e.data.user).toBeUndefined();
    expect(e.skippedFields).toMatchObject([
      {
        message: "WebcastChatMessage",
        field: 2,
        reason: "content",
        detail: expect.stringMatching(/past the end/),
      },
    ]);
  });

  it("in a repeated message field, the innermost bad field goes, or the item whose own bytes are bad", async () => {
    await loadCodecs(CommentEvent);
    // Item 2's emote is a JSON string: item 2 stays, without its emote.
    const badEmote = msg(13, int(1, 2), bytes(2, json));
    // Item 4 claims 3 bytes but its emote inside claims 9: item 4 goes.
    const badItem = [...[0x6a, 3], ...[0x12, 9, 0x0a]];
    const e = commentOf(
      message(emote(1, "a"), badEmote, emote(3, "c"), badItem, emote(5, "e"), str(3, "emotes")),
    );
    expect(e.comment).toBe("emotes");
    expect(e.data.emotes.map((x) => [x.index, x.emote?.emoteId])).toEqual([
      [1, "a"],
      [2, undefined],
      [3, "c"],
      [5, "e"],
    ]);
    // Nested messages decode when first read, so the list is in the order they were read
    // (here the items before their emotes), not in wire order.
    const skipped = e.skippedFields.map((f) => ({ message: f.message, field: f.field, reason: f.reason }));
    expect(skipped).toHaveLength(2);
    expect(skipped).toEqual(
      expect.arrayContaining([
        { message: "EmoteWithIndex", field: 2, reason: "content" },
        { message: "WebcastChatMessage", field: 13, reason: "content" },
      ]),
    );
  });

  it("toJSON lists the skipped fields; a clean payload has none and no such key", async () => {
    await loadCodecs(CommentEvent);
    const bad = commentOf(message(int(2, 1), str(3, "x")));
    expect(bad.toJSON().skippedFields).toEqual([
      { message: "WebcastChatMessage", field: 2, wireType: 0, reason: "wire-type" },
    ]);
    const clean = commentOf(message(msg(2, str(3, "Bo")), str(3, "fine")));
    expect(clean.skippedFields).toEqual([]);
    expect("skippedFields" in clean.toJSON()).toBe(false);
  });

  it("skips seen by codecs used directly are not charged to the next event", async () => {
    await loadCodecs(CommentEvent);
    // Direct codec use tolerates the field too, and nobody collects its skips.
    expect(WebcastChatMessage.decode(message(int(2, 7), str(3, "direct"))).content).toBe("direct");
    expect(commentOf(message(str(3, "next"))).skippedFields).toEqual([]);
  });
});

describe("a message that cannot be decoded still fails", () => {
  it("a payload cut short inside a nested message fails the decode (no silent half message)", async () => {
    await loadCodecs(CommentEvent);
    // content first, then a user claiming 50 bytes of which 3 arrived.
    const e = commentOf(message(str(3, "hi"), [0x12, 50, 0x1a, 1, 0x41]));
    expect(() => e.data).toThrow();
  });

  it("an invalid wire type at the top level fails the decode", async () => {
    await loadCodecs(CommentEvent);
    const e = commentOf(message(str(3, "hi"), [(9 << 3) | 6, 1]));
    expect(() => e.data).toThrow(/wire type 6/);
  });
});
