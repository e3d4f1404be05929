// Push frames for core's tests, built from the generated codecs: core's tests do not use the
// simulator (@tiktok-live/testkit), which sits above core in the architecture.
import { gzipSync } from "node:zlib";
import { type BaseProtoMessage, ProtoMessageFetchResult, WebcastPushFrame } from "@tiktok-live/proto";
import { WebcastChatMessage } from "@tiktok-live/proto/codecs";

/** A chat message with id `n`, as it sits in a batch. */
export function chatMessage(n: number): BaseProtoMessage {
  const payload = WebcastChatMessage.encode(
    WebcastChatMessage.fromPartial({ content: `message ${n}`, user: { nickname: `viewer${n}` } }),
  ).finish();
  return {
    method: "WebcastChatMessage",
    payload,
    msgId: BigInt(n),
    msgType: 0,
    offset: 0n,
    isHistory: false,
  };
}

/** A `msg` frame carrying `messages`, asking for an ack; gzipped unless `plain` (and the header says which). */
export function batchFrame(
  messages: BaseProtoMessage[],
  logId: bigint,
  seqId: bigint,
  options: { cursor: string; internalExt: string; plain?: boolean },
): Uint8Array {
  const { cursor, internalExt, plain = false } = options;
  const result = ProtoMessageFetchResult.encode(
    ProtoMessageFetchResult.fromPartial({ messages, cursor, internalExt, needAck: true, fetchType: 1 }),
  ).finish();
  return WebcastPushFrame.encode(
    WebcastPushFrame.fromPartial({
      seqId,
      logId,
      headers: { compress_type: plain ? "none" : "gzip" },
      payloadEncoding: "pb",
      payloadType: "msg",
      payload: plain ? result : new Uint8Array(gzipSync(result)),
    }),
  ).finish();
}
