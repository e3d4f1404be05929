/**
 * `onRawMessage`: every message as received, deduplicated and in order, before
 * its event, and without an event object for messages no listener wants.
 */
import {
  type BaseEvent,
  type BaseProtoMessage,
  MessageBatch,
  ProtoMessageFetchResult,
} from "@tiktok-live/proto";
import { WebcastChatMessage, WebcastSocialMessage } from "@tiktok-live/proto/codecs";
import { describe, expect, it } from "vitest";
import { silentLogger } from "../../src/capabilities.js";
import { HandlerError, type TikTokLiveError } from "../../src/errors/errors.js";
import { MessageDedupe } from "../../src/events/dedupe.js";
import { EventDispatcher } from "../../src/events/dispatcher.js";
import { MessageRouter, type RawMessage } from "../../src/events/message-router.js";

let nextId = 5_000n;
const wrap = (method: string, payload: Uint8Array, msgId = ++nextId): BaseProtoMessage => ({
  method,
  payload,
  msgId,
  msgType: 0,
  offset: 0n,
  isHistory: false,
});
const chat = (content: string, msgId?: bigint) =>
  wrap(
    "WebcastChatMessage",
    WebcastChatMessage.encode(WebcastChatMessage.fromPartial({ content })).finish(),
    msgId,
  );
const follow = () =>
  wrap(
    "WebcastSocialMessage",
    WebcastSocialMessage.encode(
      WebcastSocialMessage.fromPartial({
        common: { displayText: { key: "pm_mt_guidance_viewer_follow", defaultPattern: "" } },
        action: 1n,
      }),
    ).finish(),
  );
const batch = (...messages: BaseProtoMessage[]) =>
  MessageBatch.decode(
    ProtoMessageFetchResult.encode({ ...ProtoMessageFetchResult.create(), messages }).finish(),
  );

function setup() {
  const dispatcher = new EventDispatcher(silentLogger);
  const router = new MessageRouter(dispatcher, new MessageDedupe(16), () => {});
  const log: string[] = [];
  const raw: RawMessage[] = [];
  router.onRawMessage((m) => {
    raw.push(m);
    log.push(`raw:${m.method}`);
  });
  const errors: TikTokLiveError[] = [];
  dispatcher.on("error", (e: TikTokLiveError) => errors.push(e));
  return { dispatcher, router, log, raw, errors };
}

describe("MessageRouter.onRawMessage", () => {
  it("hands over method, id and payload bytes of every message, unknown ones too, once each", () => {
    const t = setup();
    const first = chat("hello", 42n);
    t.router.routeBatch(batch(first, wrap("WebcastNewThing", new Uint8Array([8, 1])), chat("again", 42n)));
    expect(t.raw.map((m) => m.method)).toEqual(["WebcastChatMessage", "WebcastNewThing"]);
    expect(t.raw[0]!.msgId).toBe(42n);
    expect([...t.raw[0]!.payload]).toEqual([...first.payload]);
    expect(WebcastChatMessage.decode(t.raw[0]!.payload).content).toBe("hello");
  });

  it("comes before the message's own event and the events derived from it", () => {
    const t = setup();
    for (const name of ["comment", "social", "follow"])
      t.dispatcher.on(name, (e: BaseEvent) => t.log.push(`event:${e.eventName}`));
    t.router.routeBatch(batch(chat("hi"), follow()));
    expect(t.log).toEqual([
      "raw:WebcastChatMessage",
      "event:comment",
      "raw:WebcastSocialMessage",
      "event:social",
      "event:follow",
    ]);
  });

  it("builds no event for a message only the raw listener wants", () => {
    const t = setup();
    const built: BaseEvent[] = [];
    // A follow listener makes the router read social messages; comments stay raw only.
    t.dispatcher.on("follow", (e: BaseEvent) => built.push(e));
    t.router.routeBatch(batch(chat("hi"), chat("there")));
    expect(t.raw).toHaveLength(2);
    expect(built).toEqual([]);
    expect(t.router.decodeStats).toEqual({ skippedFields: 0, undecodable: 0 });
  });

  it("a listener that throws is reported as a HandlerError; the next message still comes", () => {
    const t = setup();
    let calls = 0;
    const off = t.router.onRawMessage(() => {
      calls++;
      throw new Error("boom");
    });
    t.router.routeBatch(batch(chat("a"), chat("b")));
    expect(calls).toBe(2);
    expect(t.errors.map((e) => e instanceof HandlerError)).toEqual([true, true]);
    off();
    t.router.routeBatch(batch(chat("c")));
    expect(calls).toBe(2);
    expect(t.raw).toHaveLength(3);
  });
});
