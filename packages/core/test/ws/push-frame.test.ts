/// <reference types="node" />
import { gunzipSync, gzipSync } from "node:zlib";
import {
  type BaseProtoMessage,
  HeartBeatMessage,
  ProtoMessageFetchResult,
  WebcastImEnterRoomMessage,
  WebcastPushFrame,
} from "@tiktok-live/proto";
import { WebcastChatMessage } from "@tiktok-live/proto/codecs";
import { describe, expect, it, vi } from "vitest";
import type { Gunzip } from "../../src/capabilities.js";
import { DecodeError } from "../../src/errors/errors.js";
import { readInboundFrame } from "../../src/ws/frame-reader.js";
import {
  defaultFrameLimits,
  encodeAck,
  encodeEnterRoom,
  encodeHeartbeat,
  type FrameLimits,
} from "../../src/ws/push-frame.js";

/** readInboundFrame as a promise, so a throw and a rejection read alike. */
const decodeInboundFrame = async (...args: Parameters<typeof readInboundFrame>) => readInboundFrame(...args);

/** Node's zlib, stopping at the limit the way the Node adapter does. */
const gunzip: Gunzip = (data, max) => new Uint8Array(gunzipSync(data, { maxOutputLength: max }));

const chat: BaseProtoMessage = {
  method: "WebcastChatMessage",
  payload: WebcastChatMessage.encode(WebcastChatMessage.fromPartial({ content: "hello" })).finish(),
  msgId: 7400000000000000123n,
  msgType: 0,
  offset: 0n,
  isHistory: false,
};

function batchBytes(extra: Partial<ProtoMessageFetchResult> = {}): Uint8Array {
  return ProtoMessageFetchResult.encode(
    ProtoMessageFetchResult.fromPartial({
      messages: [chat],
      cursor: "cursor-7",
      internalExt: "internal_src:dim|wss_push_room_id:1",
      needAck: true,
      ...extra,
    }),
  ).finish();
}

function frameBytes(payload: Uint8Array, headers: Record<string, string>, payloadType = "msg"): Uint8Array {
  return WebcastPushFrame.encode(
    WebcastPushFrame.fromPartial({
      logId: 4242n,
      seqId: 7n,
      headers,
      payloadEncoding: "pb",
      payloadType,
      payload,
    }),
  ).finish();
}

const gz = (bytes: Uint8Array) => new Uint8Array(gzipSync(bytes));

async function decodeError(promise: Promise<unknown>): Promise<DecodeError> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(DecodeError);
    return e as DecodeError;
  }
  throw new Error("expected a DecodeError, but decoding succeeded");
}

/** decodeInboundFrame with the whole batch decoded, as the generated decoder gives it. */
async function decodeToResult(...args: Parameters<typeof decodeInboundFrame>) {
  const { frame, batch } = await decodeInboundFrame(...args);
  return { frame, result: batch?.toResult() };
}

describe("readInboundFrame", () => {
  it("decodes a gzip msg frame into its batch", async () => {
    const { frame, result } = await decodeToResult(
      frameBytes(gz(batchBytes()), { compress_type: "gzip" }),
      gunzip,
      defaultFrameLimits,
    );
    expect(frame.logId).toBe(4242n);
    expect(frame.payloadType).toBe("msg");
    expect(result).toBeDefined();
    expect(result!.cursor).toBe("cursor-7");
    expect(result!.internalExt).toBe("internal_src:dim|wss_push_room_id:1");
    expect(result!.needAck).toBe(true);
    expect(result!.messages).toHaveLength(1);
    expect(result!.messages[0]!.method).toBe("WebcastChatMessage");
    expect(result!.messages[0]!.msgId).toBe(7400000000000000123n);
    expect(WebcastChatMessage.decode(result!.messages[0]!.payload).content).toBe("hello");
  });

  it("with compress_type none, uses the payload as is and never calls gunzip", async () => {
    const spy = vi.fn(gunzip);
    const { result } = await decodeToResult(
      frameBytes(batchBytes(), { compress_type: "none" }),
      spy,
      defaultFrameLimits,
    );
    expect(spy).not.toHaveBeenCalled();
    expect(result!.cursor).toBe("cursor-7");
  });

  it("without a compress_type header, sniffs the gzip magic bytes", async () => {
    const spy = vi.fn(gunzip);
    const { result } = await decodeToResult(frameBytes(gz(batchBytes()), {}), spy, defaultFrameLimits);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(result!.messages[0]!.msgId).toBe(7400000000000000123n);
  });

  it("without a header and without gzip magic, decodes the payload as plain", async () => {
    const spy = vi.fn(gunzip);
    const { result } = await decodeToResult(frameBytes(batchBytes(), {}), spy, defaultFrameLimits);
    expect(spy).not.toHaveBeenCalled();
    expect(result!.cursor).toBe("cursor-7");
  });

  it("accepts an async gunzip", async () => {
    const asyncGunzip: Gunzip = async (d, max) => gunzip(d, max);
    const { result } = await decodeToResult(
      frameBytes(gz(batchBytes()), { compress_type: "gzip" }),
      asyncGunzip,
      defaultFrameLimits,
    );
    expect(result!.cursor).toBe("cursor-7");
  });

  it("a frame over maxFrameBytes is a DecodeError naming WebcastPushFrame and the size, before any decoding", async () => {
    const bytes = frameBytes(gz(batchBytes()), { compress_type: "gzip" });
    const spy = vi.fn(gunzip);
    const limits: FrameLimits = { maxFrameBytes: bytes.length - 1, maxDecompressedBytes: 1 << 20 };
    const error = await decodeError(decodeInboundFrame(bytes, spy, limits));
    expect(error.method).toBe("WebcastPushFrame");
    expect(error.byteLength).toBe(bytes.length);
    expect(error.code).toBe("DECODE");
    expect(error.message).toBe(
      `Push frame of ${bytes.length} bytes exceeds the ${bytes.length - 1}-byte limit`,
    );
    expect(spy).not.toHaveBeenCalled();
    // Exactly at the limit is fine.
    const ok = await decodeInboundFrame(bytes, gunzip, { ...limits, maxFrameBytes: bytes.length });
    expect(ok.batch!.cursor).toBe("cursor-7");
  });

  it("a payload that inflates past maxDecompressedBytes is a DecodeError (gzip bomb)", async () => {
    // 1 MB of zeros compresses to about 1 KB.
    const bomb = gz(new Uint8Array(1 << 20));
    const bytes = frameBytes(bomb, { compress_type: "gzip" });
    const error = await decodeError(
      decodeInboundFrame(bytes, gunzip, { maxFrameBytes: 1 << 20, maxDecompressedBytes: 64 * 1024 }),
    );
    expect(error.method).toBe("ProtoMessageFetchResult");
    expect(error.byteLength).toBe(bomb.length);
    expect(error.message).toBe(`Could not decompress push frame payload (${bomb.length} bytes)`);
    expect(error.cause).toBeInstanceOf(RangeError);
  });

  it("passes the decompression limit to gunzip", async () => {
    const spy = vi.fn(gunzip);
    await decodeInboundFrame(frameBytes(gz(batchBytes()), { compress_type: "gzip" }), spy, {
      maxFrameBytes: 10_000,
      maxDecompressedBytes: 12_345,
    });
    expect(spy).toHaveBeenCalledWith(expect.any(Uint8Array), 12_345);
  });

  it("a gzip header on a payload that is not gzip is a DecodeError", async () => {
    const payload = batchBytes();
    const error = await decodeError(
      decodeInboundFrame(frameBytes(payload, { compress_type: "gzip" }), gunzip, defaultFrameLimits),
    );
    expect(error.method).toBe("ProtoMessageFetchResult");
    expect(error.byteLength).toBe(payload.length);
  });

  it("garbage bytes are a DecodeError naming WebcastPushFrame", async () => {
    const garbage = new Uint8Array([0xff, 0xff, 0xff, 0x0f, 0x01, 0x02]);
    const error = await decodeError(decodeInboundFrame(garbage, gunzip, defaultFrameLimits));
    expect(error.method).toBe("WebcastPushFrame");
    expect(error.byteLength).toBe(6);
    expect(error.message).toBe("Malformed push frame (6 bytes)");
    expect(error.cause).toBeDefined();
  });

  it("a msg frame whose batch does not decode is a DecodeError naming ProtoMessageFetchResult", async () => {
    const body = new Uint8Array([0x0a, 0xff, 0x01]);
    const error = await decodeError(
      decodeInboundFrame(frameBytes(body, { compress_type: "none" }), gunzip, defaultFrameLimits),
    );
    expect(error.method).toBe("ProtoMessageFetchResult");
    expect(error.byteLength).toBe(3);
    expect(error.message).toBe("Malformed message batch (3 bytes)");
  });

  it("random bytes never escape as anything but a DecodeError", async () => {
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    let decodeErrors = 0;
    for (let i = 0; i < 300; i++) {
      const bytes = new Uint8Array(1 + Math.floor(rand() * 64));
      for (let j = 0; j < bytes.length; j++) bytes[j] = Math.floor(rand() * 256);
      try {
        const out = await decodeInboundFrame(bytes, gunzip, defaultFrameLimits);
        // Whatever decodes by chance is a non-msg frame or a plain batch; it must not throw later.
        expect(out.frame).toBeDefined();
      } catch (e) {
        expect(e).toBeInstanceOf(DecodeError);
        decodeErrors++;
      }
    }
    expect(decodeErrors).toBeGreaterThan(100);
  });

  it.each(["hb", "im_enter_room_resp", "ack", ""])(
    "a %j frame returns the frame and no result",
    async (type) => {
      const spy = vi.fn(gunzip);
      const out = await decodeInboundFrame(
        frameBytes(gz(batchBytes()), { compress_type: "gzip" }, type),
        spy,
        defaultFrameLimits,
      );
      expect(out.frame.payloadType).toBe(type);
      expect(out.frame.logId).toBe(4242n);
      expect(out.batch).toBeUndefined();
      expect(spy).not.toHaveBeenCalled();
    },
  );
});

describe("outbound frames", () => {
  it("encodeAck echoes the log id with the internal ext as payload", () => {
    const frame = WebcastPushFrame.decode(encodeAck(987654321987654321n, "internal_src:dim|first_req_ms:1"));
    expect(frame.payloadType).toBe("ack");
    expect(frame.payloadEncoding).toBe("pb");
    expect(frame.logId).toBe(987654321987654321n);
    expect(new TextDecoder().decode(frame.payload)).toBe("internal_src:dim|first_req_ms:1");
  });

  it('encodeAck sends "-" when there is no internal ext', () => {
    const frame = WebcastPushFrame.decode(encodeAck(5n, ""));
    expect(frame.logId).toBe(5n);
    expect(new TextDecoder().decode(frame.payload)).toBe("-");
  });

  it("encodeHeartbeat carries room id and sequence number", () => {
    const frame = WebcastPushFrame.decode(encodeHeartbeat(7311111111111111111n, 3n));
    expect(frame.payloadType).toBe("hb");
    expect(frame.payloadEncoding).toBe("pb");
    const hb = HeartBeatMessage.decode(frame.payload);
    expect(hb.roomId).toBe(7311111111111111111n);
    expect(hb.sendPacketSeqId).toBe(3n);
  });

  it("encodeEnterRoom carries room id, live id 12, audience identity, cursor and filter_welcome_msg 0", () => {
    const frame = WebcastPushFrame.decode(encodeEnterRoom(7311111111111111111n, "sim-42"));
    expect(frame.payloadType).toBe("im_enter_room");
    expect(frame.payloadEncoding).toBe("pb");
    const enter = WebcastImEnterRoomMessage.decode(frame.payload);
    expect(enter.roomId).toBe(7311111111111111111n);
    expect(enter.liveId).toBe(12n);
    expect(enter.identity).toBe("audience");
    expect(enter.cursor).toBe("sim-42");
    expect(enter.filterWelcomeMsg).toBe("0");
  });

  it("encodeEnterRoom defaults to an empty cursor", () => {
    const enter = WebcastImEnterRoomMessage.decode(WebcastPushFrame.decode(encodeEnterRoom(1n)).payload);
    expect(enter.cursor).toBe("");
    expect(enter.roomId).toBe(1n);
  });
});

describe("encodeAck bytes", () => {
  it.each([
    [0n, ""],
    [1n, "-"],
    [127n, "a"],
    [128n, "internal_src:dim|wss_push_room_id:7311111111111111111|wss_push_did:1|first_req_ms:1"],
    [2n ** 32n - 1n, "x".repeat(127)],
    [2n ** 32n, "y".repeat(128)],
    [987654321987654321n, "é ü 中文 😀"],
    [2n ** 63n, "z".repeat(20_000)],
    [2n ** 64n - 1n, "internal_src:sim|cursor:42"],
  ])("logId %s: the same bytes as the generated encoder", (logId, ext) => {
    const expected = WebcastPushFrame.encode(
      WebcastPushFrame.fromPartial({
        logId,
        payloadEncoding: "pb",
        payloadType: "ack",
        payload: new TextEncoder().encode(ext || "-"),
      }),
    ).finish();
    expect(encodeAck(logId, ext)).toEqual(expected);
  });

  it("returns a fresh array each time", () => {
    const a = encodeAck(5n, "first");
    const b = encodeAck(6n, "second");
    expect(new TextDecoder().decode(WebcastPushFrame.decode(a).payload)).toBe("first");
    expect(WebcastPushFrame.decode(b).logId).toBe(6n);
  });

  it("rejects a log id outside uint64", () => {
    expect(() => encodeAck(-1n, "")).toThrow(RangeError);
    expect(() => encodeAck(2n ** 64n, "")).toThrow(RangeError);
  });
});
