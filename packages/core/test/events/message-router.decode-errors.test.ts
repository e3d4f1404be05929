/**
 * What the router does with payloads that do not match the schema: a message
 * with a mismatched field arrives without that field (and is counted); one that
 * cannot be decoded arrives as a DecodeErrorEvent with method, bytes and error;
 * the messages around it arrive as usual.
 */
import {
  type BaseEvent,
  type BaseProtoMessage,
  type CommentEvent,
  DecodeErrorEvent,
  MessageBatch,
  ProtoMessageFetchResult,
} from "@tiktok-live/proto";
import { describe, expect, it } from "vitest";
import { silentLogger } from "../../src/capabilities.js";
import { DecodeError, type TikTokLiveError } from "../../src/errors/errors.js";
import { MessageDedupe } from "../../src/events/dedupe.js";
import { EventDispatcher } from "../../src/events/dispatcher.js";
import { MessageRouter } from "../../src/events/message-router.js";

const utf8 = new TextEncoder();
const varint = (n: number): number[] => (n < 0x80 ? [n] : [(n & 0x7f) | 0x80, ...varint(n >>> 7)]);
const len = (field: number, body: number[]) => [...varint((field << 3) | 2), ...varint(body.length), ...body];
const text = (field: number, value: string) => len(field, [...utf8.encode(value)]);

let nextId = 500n;
const chat = (payload: number[]): BaseProtoMessage => ({
  method: "WebcastChatMessage",
  payload: new Uint8Array(payload),
  msgId: ++nextId,
  msgType: 0,
  offset: 0n,
  isHistory: false,
});

// WebcastChatMessage: user = 2, content = 3. User: nickname = 3, user_attr = 32. UserAttr: admin_permissions = 5 (a map).
const clean = (content: string) => chat([...len(2, text(3, "Ann")), ...text(3, content)]);
/** The map two levels down is a JSON string, as TikTok sent for WebcastInRoomBannerMessage's map. */
const jsonWhereMap = chat([
  ...len(2, [...text(3, "Bea"), ...len(32, text(5, '{"k":"v"}'))]),
  ...text(3, "with a JSON map"),
]);
/** `user` is a number on the wire. */
const varintWhereMessage = chat([(2 << 3) | 0, 99, ...text(3, "with a numeric user")]);
/** `content` claims 40 bytes, 2 arrive: nothing can be skipped to, the message is lost to decoding. */
const cutShort = chat([...text(3, "x").slice(0, 1), 40, 0x41, 0x42]);

const batchOf = (messages: BaseProtoMessage[]) =>
  MessageBatch.decode(
    ProtoMessageFetchResult.encode({ ...ProtoMessageFetchResult.create(), messages }).finish(),
  );

function setup(...names: string[]) {
  const dispatcher = new EventDispatcher(silentLogger);
  const router = new MessageRouter(dispatcher, new MessageDedupe(64), () => {});
  const seen: BaseEvent[] = [];
  const errors: TikTokLiveError[] = [];
  for (const n of names) dispatcher.on(n, (e: BaseEvent) => seen.push(e));
  dispatcher.on("error", (e: TikTokLiveError) => errors.push(e));
  return { router, seen, errors };
}

describe("MessageRouter with payloads that do not match the schema", () => {
  it("delivers messages with mismatched fields without those fields, counts them, and the others as usual", async () => {
    const t = setup("comment", "decodeError");
    await t.router.prepare();
    t.router.routeBatch(batchOf([clean("first"), jsonWhereMap, varintWhereMessage, clean("last")]));
    const comments = t.seen as CommentEvent[];
    expect(comments.map((e) => e.comment)).toEqual([
      "first",
      "with a JSON map",
      "with a numeric user",
      "last",
    ]);
    expect(comments[1]!.user.nickname).toBe("Bea");
    expect(comments.map((e) => e.skippedFields.map((f) => `${f.message}.${f.field} ${f.reason}`))).toEqual([
      [],
      ["UserAttr.5 content"],
      ["WebcastChatMessage.2 wire-type"],
      [],
    ]);
    expect(t.router.decodeStats).toEqual({ skippedFields: 2, undecodable: 0 });
    expect(t.errors).toEqual([]);
  });

  it("turns a message that cannot be decoded into a DecodeErrorEvent with method, bytes and error", async () => {
    const t = setup("comment", "decodeError");
    await t.router.prepare();
    t.router.routeBatch(batchOf([clean("before"), cutShort, clean("after")]));
    expect(t.seen.map((e) => e.eventName)).toEqual(["comment", "decodeError", "comment"]);
    const bad = t.seen[1] as DecodeErrorEvent;
    expect(bad).toBeInstanceOf(DecodeErrorEvent);
    expect(bad.method).toBe("WebcastChatMessage");
    expect(bad.msgId).toBe(cutShort.msgId);
    expect([...bad.payload]).toEqual([...cutShort.payload]);
    expect(bad.envelope).toBe(false);
    expect(bad.error).toBeInstanceOf(Error);
    expect(bad.toJSON()).toMatchObject({
      event: "decodeError",
      method: "WebcastChatMessage",
      envelope: false,
    });
    expect(t.router.decodeStats).toEqual({ skippedFields: 0, undecodable: 1 });
    expect(t.errors).toEqual([]);
  });

  it("without a decodeError listener, reports the message as a DecodeError to error listeners", async () => {
    const t = setup("comment");
    await t.router.prepare();
    t.router.routeBatch(batchOf([cutShort, clean("after")]));
    expect(t.seen.map((e) => (e as CommentEvent).comment)).toEqual(["after"]);
    expect(t.errors).toHaveLength(1);
    expect(t.errors[0]).toBeInstanceOf(DecodeError);
    expect((t.errors[0] as DecodeError).method).toBe("WebcastChatMessage");
    expect(t.router.decodeStats.undecodable).toBe(1);
  });

  it("a message whose envelope is unreadable arrives as a DecodeErrorEvent holding the envelope's bytes", async () => {
    const t = setup("comment", "decodeError");
    await t.router.prepare();
    const good = ProtoMessageFetchResult.encode({
      ...ProtoMessageFetchResult.create(),
      messages: [clean("ok")],
    }).finish();
    // Method "WebcastChatMessage", then an id whose varint runs past the message's end.
    const envelope = [...text(1, "WebcastChatMessage"), 24, 0xff];
    const bad = [10, envelope.length, ...envelope];
    t.router.routeBatch(MessageBatch.decode(new Uint8Array([...bad, ...good])));
    expect(t.seen.map((e) => e.eventName)).toEqual(["decodeError", "comment"]);
    const event = t.seen[0] as DecodeErrorEvent;
    expect(event.envelope).toBe(true);
    expect(event.method).toBe("WebcastChatMessage");
    expect([...event.payload]).toEqual(envelope);
  });
});
