import { Gunzip as GunzipStream, gzipSync } from "node:zlib";
import { eventClassByMethod, WebcastPushFrame } from "@tiktok-live/proto";
import fc from "fast-check";
import { silentLogger } from "../../src/capabilities.js";
import { reusableZlibGunzip } from "../../src/compression/zlib-engine.js";
import { DecodeError, type TikTokLiveError } from "../../src/errors/errors.js";
import { MessageDedupe } from "../../src/events/dedupe.js";
import { EventDispatcher } from "../../src/events/dispatcher.js";
import { MessageRouter } from "../../src/events/message-router.js";
import { PushConnection } from "../../src/ws/push-connection.js";
import { batchFrame } from "../batch-frames.js";
import { fakeSocket } from "../fake-socket.js";
import { validFrames } from "./valid-frames.js";

/** The fuzz target: bytes in through the real connection, router and dispatcher, with every event listened to. */
export interface FramePathOutcome {
  errors: TikTokLiveError[];
  events: number;
}

/** The gunzip the Node, Deno and Bun adapters use: one reused zlib engine, fuzzed with the rest of the path. */
const gunzip = reusableZlibGunzip(() => new GunzipStream())!;

const limits = { maxFrameBytes: 1024 * 1024, maxDecompressedBytes: 4 * 1024 * 1024 };

/** Feeds frames to a fresh connection and resolves once all are handled. Never rejects by design. */
export async function runFramePath(frames: Uint8Array[]): Promise<FramePathOutcome> {
  const dispatcher = new EventDispatcher(silentLogger);
  const errors: TikTokLiveError[] = [];
  let events = 0;
  dispatcher.on("error", (e: never) => {
    errors.push(e as TikTokLiveError);
  });
  for (const cls of eventClassByMethod.values()) {
    dispatcher.on(cls.eventName, (e: never) => {
      // Reading a field forces the lazy decode; a bad payload must already have been caught by the router.
      void (e as { data: unknown }).data;
      events++;
    });
  }
  dispatcher.on("unknown", () => {
    events++;
  });
  // Whole batches too: building one reads every message, malformed or not.
  dispatcher.on("websocketResponse", () => {
    events++;
  });
  const router = new MessageRouter(dispatcher, new MessageDedupe(64), () => {});
  const socket = fakeSocket();
  const connection = new PushConnection({
    createSocket: () => socket,
    gunzip,
    limits,
    roomId: 1n,
    heartbeatIntervalMs: 60_000,
    silenceTimeoutMs: 60_000,
    logger: silentLogger,
    sink: router,
    onClose: () => {},
  });
  const opened = connection.open({ url: "ws://fuzz", headers: {} });
  socket.onopen?.({});
  await opened;
  for (const frame of frames) socket.onmessage?.({ data: frame });
  await connection.settled();
  connection.close();
  return { errors, events };
}

/** Every failure must be a DecodeError that names what failed and how many bytes. */
export function checkOutcome(outcome: FramePathOutcome): void {
  for (const error of outcome.errors) {
    if (!(error instanceof DecodeError))
      throw new Error(`expected DecodeError, got ${error.name}: ${error.message}`);
    if (typeof error.method !== "string" || error.method === "")
      throw new Error("DecodeError without a method");
    if (!Number.isInteger(error.byteLength) || error.byteLength < 0)
      throw new Error("DecodeError without a byte count");
  }
}

function varint(n: number): number[] {
  const out: number[] = [];
  let v = n >>> 0;
  while (v > 0x7f) {
    out.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  out.push(v);
  return out;
}

const frameOf = (payload: Uint8Array, compress: string) =>
  WebcastPushFrame.encode(
    WebcastPushFrame.fromPartial({
      payloadType: "msg",
      payloadEncoding: "pb",
      headers: { compress_type: compress },
      payload,
    }),
  ).finish();

// Valid frames to mutate: a small sample of every kind a busy stream carries.
const valid = fc.constantFrom(...validFrames(24));

/** Built once: nesting is quadratic to build, and a handful of depths covers the decoder's recursion. */
const deepFrames = [100, 1000, 5000, 20000].map((depth) => {
  const parts: number[][] = [];
  let length = 2;
  for (let i = 0; i < depth; i++) {
    const prefix = [0x0a, ...varint(length)];
    parts.push(prefix);
    length += prefix.length;
  }
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (let i = parts.length - 1; i >= 0; i--) {
    bytes.set(parts[i]!, offset);
    offset += parts[i]!.length;
  }
  bytes.set([0x0a, 0x00], offset);
  return frameOf(gzipSync(bytes), "gzip");
});

/** Bad-input generators, each a kind of damage the issue lists. */
export const badFrame: fc.Arbitrary<Uint8Array> = fc.oneof(
  // random bytes
  fc.uint8Array({ maxLength: 2048 }),
  // truncated valid frames
  valid.chain((f) => fc.integer({ min: 0, max: f.length - 1 }).map((n) => f.slice(0, n))),
  // bit flips in valid frames
  fc
    .tuple(valid, fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 7 }))
    .map(([f, positions, bit]) => {
      const copy = f.slice();
      for (const p of positions) copy[p % copy.length]! ^= 1 << bit;
      return copy;
    }),
  // wrong compression flags: plain bytes said to be gzip, gzip said to be plain
  fc.uint8Array({ maxLength: 512 }).map((b) => frameOf(b, "gzip")),
  valid.map((f) => frameOf(gzipSync(WebcastPushFrame.decode(f).payload), "none")),
  // absurd length prefixes: a length-delimited field claiming gigabytes
  fc.integer({ min: 1, max: 0x7fffffff }).map((len) => new Uint8Array([0x42, ...varint(len), 1, 2, 3])),
  // deep nesting: a message field nested thousands of times
  fc.constantFrom(...deepFrames),
  // a gzip bomb
  fc.constant(frameOf(gzipSync(new Uint8Array(64 * 1024 * 1024)), "gzip")),
  // valid envelopes around wrong payloads for their method
  fc
    .tuple(
      fc.constantFrom(...eventClassByMethod.keys(), "WebcastNotAThing"),
      fc.uint8Array({ maxLength: 256 }),
    )
    .map(([method, payload]) =>
      batchFrame([{ method, payload, msgId: 1n, msgType: 0, offset: 0n, isHistory: false }], 1n, 1n, {
        cursor: "c",
        internalExt: "e",
      }),
    ),
);

/** The property: any mix of bad and valid frames is handled without a throw, a rejection or a hang. */
export const framePathProperty = fc.asyncProperty(
  fc.array(fc.oneof(badFrame, valid), { minLength: 1, maxLength: 6 }),
  async (frames) => {
    checkOutcome(await runFramePath(frames));
  },
);
