import { BinaryWriter } from "@bufbuild/protobuf/wire";
import { describe, expect, it } from "vitest";
import { CommentEvent } from "../src/gen/events/index.js";
import "../src/codecs.js";
import { slabBytes } from "../src/events/payload-copy.js";
import { WebcastChatMessage } from "../src/gen/webcast/chat.js";
import { User } from "../src/gen/webcast/common.js";
import { toJsonSafe } from "../src/json-safe.js";
import { decodeLazily, isLazyMessage, LazyRoot, materialize } from "../src/lazy-message.js";

const image = (n: number) => ({
  urlList: [`https://p16-sign.example/${n}.webp?x-signature=abc`, `https://p16-sign.example/${n}.jpeg`],
  uri: `avatar/${n}`,
  width: 100,
  height: 100,
});

const chat = WebcastChatMessage.fromPartial({
  common: { msgId: 42n, createTime: 1700000000000n },
  content: "hello",
  user: {
    userId: 7n,
    nickname: "Bea",
    avatarThumb: image(1),
    avatarMedium: image(2),
    badges: [
      { displayType: 1, imageBadge: { displayType: 1, image: image(3) } },
      { displayType: 4, combineBadge: { str: "12", icon: image(4) } },
    ],
    followInfo: { followerCount: 3400n },
  },
  emotes: [{ index: 1 }, { index: 2 }],
});
const bytes = WebcastChatMessage.encode(chat).finish();

const lazyDecode = (b: Uint8Array) =>
  decodeLazily(WebcastChatMessage, new LazyRoot(b)) as ReturnType<typeof WebcastChatMessage.decode>;

describe("nested messages decoded on first read", () => {
  it("reads the same values as the eager decoder", () => {
    const lazy = lazyDecode(bytes);
    expect(isLazyMessage(lazy)).toBe(true);
    expect(lazy.content).toBe("hello");
    expect(lazy.user?.nickname).toBe("Bea");
    expect(lazy.user?.avatarThumb?.urlList[0]).toBe(image(1).urlList[0]);
    expect(lazy.user?.badges.map((b) => b.displayType)).toEqual([1, 4]);
    expect(lazy.user?.badges[1]?.combineBadge?.icon?.uri).toBe("avatar/4");
    expect(lazy.user?.avatarLarge).toBeUndefined();
    expect(lazy.atUser).toBeUndefined();
    expect(lazy.mentionUsers).toEqual([]);
    expect(materialize(lazy)).toStrictEqual(WebcastChatMessage.decode(bytes));
  });

  it("decodes a nested message once and keeps it", () => {
    const lazy = lazyDecode(bytes);
    expect(lazy.user).toBe(lazy.user);
    expect(lazy.user!.badges).toBe(lazy.user!.badges);
  });

  it("re-encodes losslessly, read or not, and after a field is replaced", () => {
    expect(WebcastChatMessage.encode(lazyDecode(bytes)).finish()).toEqual(bytes);
    const touched = lazyDecode(bytes);
    void touched.user?.avatarThumb?.urlList;
    expect(WebcastChatMessage.encode(touched).finish()).toEqual(bytes);
    const changed = lazyDecode(bytes);
    changed.user = User.fromPartial({ nickname: "Cy" });
    expect(WebcastChatMessage.decode(WebcastChatMessage.encode(changed).finish()).user?.nickname).toBe("Cy");
  });

  it("gives structuredClone and JSON complete data through materialize", () => {
    const lazy = lazyDecode(bytes);
    // structuredClone sees own properties only: the nested fields are getters on the prototype.
    expect(structuredClone(lazy).user).toBeUndefined();
    const cloned = structuredClone(materialize(lazy));
    expect(cloned).toStrictEqual(WebcastChatMessage.decode(bytes));
    expect(toJsonSafe(lazy)).toEqual(toJsonSafe(WebcastChatMessage.decode(bytes)));
  });

  it("skips and records a nested field that does not decode when it is read, as the eager decoder does", () => {
    // user.followInfo (field 22) holds a varint-only garbage body: a wrong wire type inside FollowInfo.
    const w = new BinaryWriter();
    w.uint32(18).fork(); // user
    w.uint32(26).string("Bea");
    w.uint32(178).fork().uint32(9).fixed64(5n).join(); // followInfo with field 1 as fixed64 (declared varint)
    w.join();
    w.uint32(26).string("text");
    const bad = w.finish();
    const eager = WebcastChatMessage.decode(bad);
    const event = new CommentEvent({ method: "WebcastChatMessage", msgId: 1n, payload: bad });
    expect(event.comment).toBe("text");
    expect(event.user.nickname).toBe("Bea");
    expect(materialize(event.data)).toStrictEqual(eager);
    expect(event.skippedFields.map((f) => `${f.message}.${f.field} ${f.reason}`)).toEqual([
      "FollowInfo.1 wire-type",
    ]);
    const stats = { skippedFields: 0 };
    const counted = new CommentEvent({ method: "WebcastChatMessage", msgId: 1n, payload: bad });
    counted.countSkippedInto(stats);
    expect(stats.skippedFields).toBe(0);
    void counted.user.followInfo;
    expect(stats.skippedFields).toBe(1);
  });

  it("keeps a copy of its payload out of the batch it came in (at most one shared slab), not the batch", () => {
    const batch = new Uint8Array(bytes.length + 1000);
    batch.set(bytes, 500);
    const event = new CommentEvent({
      method: "WebcastChatMessage",
      msgId: 1n,
      payload: batch.subarray(500, 500 + bytes.length),
    });
    expect(event.payload.buffer).not.toBe(batch.buffer);
    expect(event.payload.buffer.byteLength).toBeLessThanOrEqual(slabBytes);
    expect(event.payload).toStrictEqual(bytes);
    expect(event.user.nickname).toBe("Bea");
    expect(event.plainData).toStrictEqual(WebcastChatMessage.decode(bytes));
  });
});
