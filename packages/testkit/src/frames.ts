import { gzipSync } from "node:zlib";
import { type BaseProtoMessage, ProtoMessageFetchResult, WebcastPushFrame } from "@tiktok-live/proto";

export interface BatchOptions {
  cursor: string;
  internalExt: string;
  needAck?: boolean;
  /** Send the payload uncompressed (and say so in the header). */
  plain?: boolean;
  now?: bigint;
}

/** Wraps messages the way TikTok's push server does: a gzip-compressed fetch result inside a "msg" push frame. */
export function encodeBatchFrame(
  messages: BaseProtoMessage[],
  logId: bigint,
  seqId: bigint,
  options: BatchOptions,
): Uint8Array {
  const result = ProtoMessageFetchResult.encode(
    ProtoMessageFetchResult.fromPartial({
      messages,
      cursor: options.cursor,
      internalExt: options.internalExt,
      needAck: options.needAck ?? true,
      now: options.now ?? BigInt(Date.now()),
      fetchInterval: 0n,
      fetchType: 1,
    }),
  ).finish();
  return WebcastPushFrame.encode(
    WebcastPushFrame.fromPartial({
      seqId,
      logId,
      service: 88n,
      method: 8n,
      headers: { compress_type: options.plain ? "none" : "gzip", im_now: String(Date.now()) },
      payloadEncoding: "pb",
      payloadType: "msg",
      payload: options.plain ? result : new Uint8Array(gzipSync(result)),
    }),
  ).finish();
}

/** A control frame the server sends back (e.g. the heartbeat echo or the enter-room answer). */
export function encodeServiceFrame(payloadType: string, logId: bigint): Uint8Array {
  return WebcastPushFrame.encode(
    WebcastPushFrame.fromPartial({ logId, payloadEncoding: "pb", payloadType }),
  ).finish();
}
