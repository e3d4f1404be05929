/**
 * The router with codecs that are not loaded yet, as in a user's process. This
 * file must not import `@tiktok-live/proto/codecs` (or the testkit, which does):
 * that marks every domain loaded. Payloads are therefore written byte by byte.
 */
import {
  type BaseEvent,
  CommentEvent,
  ControlEvent,
  codecDomains,
  EcBarrageEvent,
  GiftEvent,
  MessageBatch,
  PollEvent,
  ProtoMessageFetchResult,
} from "@tiktok-live/proto";
import { describe, expect, it, vi } from "vitest";
import { silentLogger } from "../../src/capabilities.js";
import { DecodeError, type TikTokLiveError } from "../../src/errors/errors.js";
import { MessageDedupe } from "../../src/events/dedupe.js";
import { EventDispatcher } from "../../src/events/dispatcher.js";
import { MessageRouter } from "../../src/events/message-router.js";

const utf8 = new TextEncoder();
/** A WebcastChatMessage with only `content` (field 3, length-delimited); short ASCII text. */
const chatPayload = (text: string) => new Uint8Array([0x1a, text.length, ...utf8.encode(text)]);

let nextId = 1n;
const batch = (...messages: Array<[method: string, payload: Uint8Array]>) =>
  MessageBatch.decode(
    ProtoMessageFetchResult.encode(
      ProtoMessageFetchResult.fromPartial({
        messages: messages.map(([method, payload]) => ({ method, payload, msgId: nextId++ })),
      }),
    ).finish(),
  );
const chat = (text: string): [string, Uint8Array] => ["WebcastChatMessage", chatPayload(text)];
const unknown = (): [string, Uint8Array] => ["WebcastBrandNewFeatureMessage", new Uint8Array([8, 1])];

function setup() {
  const dispatcher = new EventDispatcher(silentLogger);
  const router = new MessageRouter(dispatcher, new MessageDedupe(64), () => {});
  const seen: string[] = [];
  const errors: TikTokLiveError[] = [];
  dispatcher.on("comment", (e: CommentEvent) => seen.push(`comment:${e.comment}`));
  dispatcher.on("unknown", (e: BaseEvent) => seen.push(`unknown:${e.msgId}`));
  dispatcher.on("error", (e: TikTokLiveError) => errors.push(e));
  return { dispatcher, router, seen, errors };
}

describe("MessageRouter with codecs loaded on demand", () => {
  it("pauses at a message whose codecs are not loaded, then delivers everything in arrival order", async () => {
    const t = setup();
    expect(CommentEvent.codecs.isLoaded).toBe(false);
    const first = batch(unknown(), chat("one"), unknown(), chat("two"));
    const second = batch(chat("three"));
    t.router.routeBatch(first);
    // Waiting batches are read later: their bytes must not be handed back for reuse.
    expect(t.router.keptLastBatch()).toBe(true);
    t.router.routeBatch(second);
    expect(t.router.keptLastBatch()).toBe(true);
    // The unknown message before the pause needs no codecs; the rest waits behind "one".
    expect(t.seen).toEqual([`unknown:${first.message(0).msgId}`]);

    await t.router.idle();
    expect(t.seen).toEqual([
      `unknown:${first.message(0).msgId}`,
      "comment:one",
      `unknown:${first.message(2).msgId}`,
      "comment:two",
      "comment:three",
    ]);
    expect(CommentEvent.codecs.isLoaded).toBe(true);

    // Loaded now: the next batch is delivered synchronously again.
    t.router.routeBatch(batch(chat("four")));
    expect(t.seen.at(-1)).toBe("comment:four");
    expect(t.errors).toEqual([]);
  });

  it("inOrder() runs at once, or after what waits for codecs (so the client's own events keep their place)", async () => {
    const t = setup();
    t.router.inOrder(() => t.seen.push("now"));
    expect(t.seen).toEqual(["now"]);
    // Fresh codecs for this: gift's are not loaded yet.
    t.dispatcher.on(GiftEvent.eventName, () => t.seen.push("gift"));
    expect(GiftEvent.codecs.isLoaded).toBe(false);
    t.router.routeBatch(batch(["WebcastGiftMessage", new Uint8Array()]));
    t.router.inOrder(() => t.seen.push("reconnecting"));
    t.router.routeBatch(batch(chat("after")));
    expect(t.seen).toEqual(["now"]);
    await t.router.idle();
    expect(t.seen).toEqual(["now", "gift", "reconnecting", "comment:after"]);
  });

  it("prepare() loads the codecs of the listened events and of the control messages the client reads", async () => {
    const t = setup();
    t.dispatcher.on(PollEvent.eventName, () => {});
    expect(PollEvent.codecs.isLoaded).toBe(false);
    expect(ControlEvent.codecs.isLoaded).toBe(false);
    await t.router.prepare();
    expect(PollEvent.codecs.isLoaded).toBe(true);
    expect(ControlEvent.codecs.isLoaded).toBe(true);
    // Nobody listens to commerce, room or battle events, so their codecs stay out of memory
    // (control messages have a schema file of their own for this reason).
    expect(codecDomains.get("commerce")?.isLoaded).toBe(false);
    expect(codecDomains.get("room")?.isLoaded).toBe(false);
    expect(codecDomains.get("battle")?.isLoaded).toBe(false);
    expect(EcBarrageEvent.codecs.isLoaded).toBe(false);
  });

  it("reports codecs that fail to load as a DecodeError with the cause, and goes on", async () => {
    const t = setup();
    t.dispatcher.on(EcBarrageEvent.eventName, () => t.seen.push("ecBarrage"));
    const load = vi.spyOn(EcBarrageEvent.codecs, "load").mockRejectedValueOnce(new Error("chunk missing"));
    t.router.routeBatch(batch(["WebcastEcBarrageMessage", new Uint8Array()], chat("after")));
    await t.router.idle();
    expect(t.seen).toEqual(["comment:after"]);
    expect(t.errors).toHaveLength(1);
    expect(t.errors[0]).toBeInstanceOf(DecodeError);
    expect(t.errors[0]!.message).toMatch(/"commerce" codecs for WebcastEcBarrageMessage/);
    expect((t.errors[0]!.cause as Error).message).toBe("chunk missing");
    load.mockRestore();
  });
});
