/// <reference types="node" />
/**
 * The gunzip's output-reuse offer on the frame path: a batch's bytes are handed
 * back (and written over by the next frame) only when the router says nothing
 * kept a view into them. Events copy their payload, so they survive it.
 */
import { Gunzip } from "node:zlib";
import { type BaseEvent, type CommentEvent, MessageBatch, type UnknownEvent } from "@tiktok-live/proto";
import { describe, expect, it } from "vitest";
import { silentLogger } from "../../src/capabilities.js";
import { type OutputReuse, outputReuse } from "../../src/compression/output-reuse.js";
import { reusableZlibGunzip } from "../../src/compression/zlib-engine.js";
import { MessageDedupe } from "../../src/events/dedupe.js";
import { EventDispatcher } from "../../src/events/dispatcher.js";
import { MessageRouter, type RawMessage } from "../../src/events/message-router.js";
import { PushConnection } from "../../src/ws/push-connection.js";
import { batchFrame, chatMessage } from "../batch-frames.js";
import { fakeSocket } from "../fake-socket.js";

const engine = reusableZlibGunzip(() => new Gunzip())!;
const offer = (engine as unknown as { [outputReuse]: OutputReuse })[outputReuse];

/** The engine, with its offer counting what is handed back. */
function countingGunzip() {
  const released: Uint8Array[] = [];
  const gunzip = Object.assign((data: Uint8Array, max: number) => engine(data, max), {
    [outputReuse]: {
      inflate: (data: Uint8Array, max: number) => offer.inflate(data, max),
      release: (body: Uint8Array) => {
        released.push(body);
        offer.release(body);
      },
    } satisfies OutputReuse,
  });
  return { gunzip, released };
}

const frame = (n: number, count = 2) =>
  batchFrame(
    Array.from({ length: count }, (_, k) => chatMessage(n * 10 + k)),
    BigInt(100 + n),
    BigInt(n),
    { cursor: `c${n}`, internalExt: `ext${n}` },
  );

async function setup() {
  const { gunzip, released } = countingGunzip();
  const dispatcher = new EventDispatcher(silentLogger);
  const router = new MessageRouter(dispatcher, new MessageDedupe(64), () => {});
  const socket = fakeSocket([]);
  const connection = new PushConnection({
    createSocket: () => socket,
    gunzip,
    limits: { maxFrameBytes: 1 << 20, maxDecompressedBytes: 1 << 22 },
    roomId: 1n,
    heartbeatIntervalMs: 60_000,
    silenceTimeoutMs: 60_000,
    logger: silentLogger,
    sink: router,
    onClose: () => {},
  });
  const open = connection.open({ url: "ws://test", headers: {} });
  socket.onopen?.({});
  await open;
  const deliver = (bytes: Uint8Array) => socket.onmessage?.({ data: bytes });
  return { dispatcher, router, released, deliver, connection };
}

describe("output reuse on the frame path", () => {
  it("hands each batch's bytes back after routing; kept events still read their own copy", async () => {
    const t = await setup();
    const kept: CommentEvent[] = [];
    t.dispatcher.on("comment", (e: CommentEvent) => kept.push(e));
    for (let n = 1; n <= 3; n++) t.deliver(frame(n));
    expect(t.released).toHaveLength(3);
    // Every frame after the first was inflated over the buffer handed back before it.
    expect(new Set(t.released.map((b) => b.buffer)).size).toBe(1);
    expect(kept.map((e) => e.content)).toEqual([
      "message 10",
      "message 11",
      "message 20",
      "message 21",
      "message 30",
      "message 31",
    ]);
    expect(kept.map((e) => e.user.nickname)).toEqual([
      "viewer10",
      "viewer11",
      "viewer20",
      "viewer21",
      "viewer30",
      "viewer31",
    ]);
    t.connection.close();
  });

  it("keeps the bytes of a batch whose raw messages went out, and the raw payloads stay intact", async () => {
    const t = await setup();
    const raw: RawMessage[] = [];
    t.router.onRawMessage((m) => raw.push(m));
    t.deliver(frame(1));
    t.deliver(frame(2));
    expect(t.released).toHaveLength(0);
    expect(raw.map((m) => [...m.payload])).toEqual([10, 11, 20, 21].map((n) => [...chatMessage(n).payload]));
    t.connection.close();
  });

  it("keeps the bytes when websocketResponse or unknown-event listeners get views into them", async () => {
    const t = await setup();
    const responses: BaseEvent[] = [];
    t.dispatcher.on("websocketResponse", (e: BaseEvent) => responses.push(e));
    t.deliver(frame(1));
    expect(t.released).toHaveLength(0);

    const u = await setup();
    const unknowns: UnknownEvent[] = [];
    u.dispatcher.on("unknown", (e: UnknownEvent) => unknowns.push(e));
    const odd = { ...chatMessage(1), method: "WebcastBrandNewThingMessage", payload: new Uint8Array([8, 7]) };
    u.deliver(batchFrame([odd], 1n, 1n, { cursor: "c", internalExt: "e" }));
    u.deliver(frame(2));
    expect(unknowns.map((e) => [...e.payload])).toEqual([[8, 7]]);
    expect(u.released).toHaveLength(1); // the second frame only
    t.connection.close();
    u.connection.close();
  });

  it("keeps the bytes of a batch with an undecodable message (its DecodeErrorEvent holds the payload)", async () => {
    const t = await setup();
    t.dispatcher.on("comment", () => {});
    const errors: BaseEvent[] = [];
    t.dispatcher.on("decodeError", (e: BaseEvent) => errors.push(e));
    const bad = { ...chatMessage(5), payload: new Uint8Array([0x0a, 0x7f]) };
    t.deliver(batchFrame([bad], 1n, 1n, { cursor: "c", internalExt: "e" }));
    expect(errors).toHaveLength(1);
    expect(t.released).toHaveLength(0);
    t.connection.close();
  });

  it("keeps the bytes of a batch routed while a handler routes another one", async () => {
    const t = await setup();
    let nested = false;
    t.dispatcher.on("comment", () => {
      if (nested) return;
      nested = true;
      t.router.routeBatch(MessageBatch.decode(new Uint8Array()));
    });
    t.deliver(frame(1));
    expect(t.released).toHaveLength(0);
    t.deliver(frame(2));
    expect(t.released).toHaveLength(1);
    t.connection.close();
  });
});
