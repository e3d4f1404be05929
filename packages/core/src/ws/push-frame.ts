// Outbound frames (enter-room, heartbeat, ack) and the frame size limits; inbound frames are read in frame-reader.ts.
import { HeartBeatMessage, WebcastImEnterRoomMessage, WebcastPushFrame } from "@tiktok-live/proto";

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
