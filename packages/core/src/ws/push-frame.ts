import {
  HeartBeatMessage,
  ProtoMessageFetchResult,
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
  /** Present for `msg` frames: the batch of push messages. */
  result?: ProtoMessageFetchResult;
}

/**
 * Wire bytes → frame → (gunzip) → batch. Every failure becomes a DecodeError
 * that names the stage and the byte count, so one bad frame never takes the
 * connection down.
 */
export async function decodeInboundFrame(
  bytes: Uint8Array,
  gunzip: Gunzip,
  limits: FrameLimits,
): Promise<InboundFrame> {
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
  let body = frame.payload;
  if (gzipped) {
    try {
      body = await gunzip(frame.payload, limits.maxDecompressedBytes);
    } catch (cause) {
      throw new DecodeError(
        `Could not decompress push frame payload (${frame.payload.length} bytes)`,
        "ProtoMessageFetchResult",
        frame.payload.length,
        { cause },
      );
    }
  }
  try {
    return { frame, result: ProtoMessageFetchResult.decode(body) };
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

/** The ack TikTok expects for a batch with `needAck`: the batch's internal ext, echoed under the frame's log id. */
export function encodeAck(logId: bigint, internalExt: string): Uint8Array {
  return WebcastPushFrame.encode(
    WebcastPushFrame.fromPartial({
      logId,
      payloadEncoding: "pb",
      payloadType: "ack",
      payload: textEncoder.encode(internalExt || "-"),
    }),
  ).finish();
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
