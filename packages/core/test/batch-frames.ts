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

/** A gzipped `msg` frame carrying `messages`, asking for an ack. */
export function batchFrame(
  messages: BaseProtoMessage[],
  logId: bigint,
  seqId: bigint,
  options: { cursor: string; internalExt: string },
): Uint8Array {
  const result = ProtoMessageFetchResult.encode(
    ProtoMessageFetchResult.fromPartial({ messages, ...options, needAck: true, fetchType: 1 }),
  ).finish();
  return WebcastPushFrame.encode(
    WebcastPushFrame.fromPartial({
      seqId,
      logId,
      headers: { compress_type: "gzip" },
      payloadEncoding: "pb",
      payloadType: "msg",
      payload: new Uint8Array(gzipSync(result)),
    }),
  ).finish();
}
