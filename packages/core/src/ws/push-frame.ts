import {
  HeartBeatMessage,
  MessageBatch,
  WebcastImEnterRoomMessage,
  WebcastPushFrame,
} from "@tiktok-live/proto";
import type { Gunzip } from "../capabilities.js";
import { DecodeError } from "../errors/errors.js";

/** The first bytes of every gzip member: magic 1f 8b and method 08 (deflate). */
function looksGzipped(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0x1f && bytes[1] === 0x8b && bytes[2] === 0x08;
}

export interface FrameLimits {
  /** Largest accepted frame on the wire. */
  maxFrameBytes: number;
  /** Largest accepted payload after decompression. */
  maxDecompressedBytes: number;
}

export const defaultFrameLimits: FrameLimits = {
  maxFrameBytes: 8 * 1024 * 1024,
  maxDecompressedBytes: 32 * 1024 * 1024,
};

export interface InboundFrame {
  frame: WebcastPushFrame;
  /** Present for `msg` frames: the batch of push messages, each decoded when asked for. */
  batch?: MessageBatch;
}

/**
 * Wire bytes → frame → (gunzip) → batch. Every failure becomes a DecodeError
 * that names the stage and the byte count, so one bad frame never takes the
 * connection down. The frame comes back synchronously unless `gunzip` returns
 * a promise. Throws (or rejects) only DecodeErrors.
 */
export function readInboundFrame(
  bytes: Uint8Array,
  gunzip: Gunzip,
  limits: FrameLimits,
): InboundFrame | Promise<InboundFrame> {
  if (bytes.length > limits.maxFrameBytes) {
    throw new DecodeError(
      `Push frame of ${bytes.length} bytes exceeds the ${limits.maxFrameBytes}-byte limit`,
      "WebcastPushFrame",
      bytes.length,
    );
  }
  let frame: WebcastPushFrame;
  try {
    frame = WebcastPushFrame.decode(bytes);
  } catch (cause) {
    throw new DecodeError(`Malformed push frame (${bytes.length} bytes)`, "WebcastPushFrame", bytes.length, {
      cause,
    });
  }
  if (frame.payloadType !== "msg") return { frame };

  const compress = frame.headers.compress_type;
  // Trust the header, but sniff too: some servers omit it on gzip payloads.
  const gzipped = compress === "gzip" || (compress !== "none" && looksGzipped(frame.payload));
  if (!gzipped) return { frame, batch: decodeBatch(frame.payload) };
  let body: Uint8Array | Promise<Uint8Array>;
  try {
    body = gunzip(frame.payload, limits.maxDecompressedBytes);
  } catch (cause) {
    throw gunzipFailed(frame, cause);
  }
  if (isPromiseLike(body)) {
    return Promise.resolve(body).then(
      (out) => ({ frame, batch: decodeBatch(out) }),
      (cause) => {
        throw gunzipFailed(frame, cause);
      },
    );
  }
  return { frame, batch: decodeBatch(body) };
}

/** Whether a capability answered with a promise (or any thenable) rather than a value. */
export function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}

function gunzipFailed(frame: WebcastPushFrame, cause: unknown): DecodeError {
  return new DecodeError(
    `Could not decompress push frame payload (${frame.payload.length} bytes)`,
    "ProtoMessageFetchResult",
    frame.payload.length,
    { cause },
  );
}

function decodeBatch(body: Uint8Array): MessageBatch {
  try {
    return MessageBatch.decode(body);
  } catch (cause) {
    throw new DecodeError(
      `Malformed message batch (${body.length} bytes)`,
      "ProtoMessageFetchResult",
      body.length,
      { cause },
    );
  }
}

const textEncoder = new TextEncoder();

/** Field tags and fixed fields of an ack frame, in field order (see `WebcastPushFrame.encode`). */
const logIdTag = 2 << 3; // field 2, varint
const ackFields = [(6 << 3) | 2, 2, 0x70, 0x62, (7 << 3) | 2, 3, 0x61, 0x63, 0x6b]; // payloadEncoding "pb", payloadType "ack"
const payloadTag = (8 << 3) | 2;
const maxUint64 = 0xffffffffffffffffn;
const u64 = new BigUint64Array(1);
const u64Halves = new Uint32Array(u64.buffer);
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
let ackScratch = new Uint8Array(256);

/** Writes an unsigned varint from its low and high 32 bits; returns the next position. */
function writeVarint64(out: Uint8Array, pos: number, lo: number, hi: number): number {
  while (hi !== 0 || lo > 0x7f) {
    out[pos++] = (lo & 0x7f) | 0x80;
    lo = ((lo >>> 7) | (hi << 25)) >>> 0;
    hi >>>= 7;
  }
  out[pos++] = lo;
  return pos;
}

/**
 * The ack TikTok expects for a batch with `needAck`: the batch's internal ext, echoed under the frame's log id.
 * Written straight into bytes, one allocation per ack (the same bytes `WebcastPushFrame.encode` gives).
 */
export function encodeAck(logId: bigint, internalExt: string): Uint8Array {
  if (logId < 0n || logId > maxUint64) {
    throw new RangeError(`The log id ${logId} does not fit a uint64`);
  }
  const text = internalExt || "-";
  // UTF-8 takes at most 3 bytes per UTF-16 unit; tags and varints at most 25 bytes.
  const room = 25 + ackFields.length + text.length * 3;
  if (ackScratch.length < room) ackScratch = new Uint8Array(room * 2);
  const out = ackScratch;
  let pos = 0;
  if (logId !== 0n) {
    u64[0] = logId;
    out[pos++] = logIdTag;
    pos = littleEndian
      ? writeVarint64(out, pos, u64Halves[0]!, u64Halves[1]!)
      : writeVarint64(out, pos, u64Halves[1]!, u64Halves[0]!);
  }
  for (const b of ackFields) out[pos++] = b;
  out[pos++] = payloadTag;
  // The payload's length comes before it: write the text after a 5-byte gap, then move it if its varint is shorter.
  const { written } = textEncoder.encodeInto(text, out.subarray(pos + 5));
  const start = writeVarint64(out, pos, written, 0);
  if (start !== pos + 5) out.copyWithin(start, pos + 5, pos + 5 + written);
  return out.slice(0, start + written);
}

export function encodeHeartbeat(roomId: bigint, seq: bigint): Uint8Array {
  return WebcastPushFrame.encode(
    WebcastPushFrame.fromPartial({
      payloadEncoding: "pb",
      payloadType: "hb",
      payload: HeartBeatMessage.encode({ roomId, sendPacketSeqId: seq }).finish(),
    }),
  ).finish();
}

export function encodeEnterRoom(roomId: bigint, cursor = ""): Uint8Array {
  return WebcastPushFrame.encode(
    WebcastPushFrame.fromPartial({
      payloadEncoding: "pb",
      payloadType: "im_enter_room",
      payload: WebcastImEnterRoomMessage.encode(
        WebcastImEnterRoomMessage.fromPartial({
          roomId,
          liveId: 12n,
          identity: "audience",
          cursor,
          filterWelcomeMsg: "0",
        }),
      ).finish(),
    }),
  ).finish();
}
