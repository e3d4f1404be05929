// Valid push frames for the fuzzer to mutate, built here from the generated codecs: core's tests
// do not use the simulator (@tiktok-live/testkit), which sits above core in the architecture.
// The mix covers the message kinds a busy stream carries, each with a user or nested fields,
// so mutations hit the lazy decoders of nested messages too.
import type { BaseProtoMessage } from "@tiktok-live/proto";
import {
  CommonMessageData,
  WebcastChatMessage,
  WebcastControlMessage,
  WebcastGiftMessage,
  WebcastLikeMessage,
  WebcastMemberMessage,
  WebcastRoomUserSeqMessage,
  WebcastSocialMessage,
} from "@tiktok-live/proto/codecs";
import { batchFrame } from "../batch-frames.js";

const roomId = 7_311_111_111_111_111_111n;

function message(method: string, n: number, payload: Uint8Array): BaseProtoMessage {
  return { method, payload, msgId: BigInt(n), msgType: 0, offset: 0n, isHistory: false };
}

const common = (method: string, n: number) =>
  CommonMessageData.fromPartial({
    method,
    msgId: BigInt(n),
    roomId,
    createTime: 1_764_000_000_000n + BigInt(n),
  });

const viewer = (n: number) => ({
  userId: 7_200_000_000_000_000_000n + BigInt(n % 200),
  nickname: `Viewer ${n % 200}`,
  uniqueId: `viewer_${n % 200}`,
  avatarThumb: { urlList: [`https://example.invalid/avatar/${n % 200}.webp`] },
  followInfo: { followStatus: BigInt(n % 3) },
});

/** One builder per kind; `n` picks the user and the numbers. */
const builders: Array<(n: number) => BaseProtoMessage> = [
  (n) =>
    message(
      "WebcastLikeMessage",
      n,
      WebcastLikeMessage.encode(
        WebcastLikeMessage.fromPartial({
          common: common("WebcastLikeMessage", n),
          user: viewer(n),
          count: 1 + (n % 15),
          total: BigInt(1000 + n),
        }),
      ).finish(),
    ),
  (n) =>
    message(
      "WebcastMemberMessage",
      n,
      WebcastMemberMessage.encode(
        WebcastMemberMessage.fromPartial({
          common: common("WebcastMemberMessage", n),
          user: viewer(n),
          memberCount: 100 + (n % 500),
          action: 1,
        }),
      ).finish(),
    ),
  (n) =>
    message(
      "WebcastChatMessage",
      n,
      WebcastChatMessage.encode(
        WebcastChatMessage.fromPartial({
          common: common("WebcastChatMessage", n),
          user: viewer(n),
          content: `message number ${n}`,
        }),
      ).finish(),
    ),
  (n) =>
    message(
      "WebcastRoomUserSeqMessage",
      n,
      WebcastRoomUserSeqMessage.encode(
        WebcastRoomUserSeqMessage.fromPartial({
          common: common("WebcastRoomUserSeqMessage", n),
          total: BigInt(500 + n),
          totalUser: BigInt(1500 + n),
        }),
      ).finish(),
    ),
  (n) =>
    message(
      "WebcastGiftMessage",
      n,
      WebcastGiftMessage.encode(
        WebcastGiftMessage.fromPartial({
          common: common("WebcastGiftMessage", n),
          user: viewer(n),
          giftId: 5655n,
          repeatCount: 1 + (n % 5),
          repeatEnd: n % 5 === 4 ? 1 : 0,
          groupId: BigInt(n),
          gift: { id: 5655n, name: "Rose", diamondCount: 1, type: 1, combo: true },
        }),
      ).finish(),
    ),
  (n) =>
    message(
      "WebcastSocialMessage",
      n,
      WebcastSocialMessage.encode(
        WebcastSocialMessage.fromPartial({
          common: common("WebcastSocialMessage", n),
          user: viewer(n),
          action: n % 2 === 0 ? 1n : 3n,
        }),
      ).finish(),
    ),
  (n) =>
    message(
      "WebcastControlMessage",
      n,
      WebcastControlMessage.encode(
        WebcastControlMessage.fromPartial({ common: common("WebcastControlMessage", n), action: 2 }),
      ).finish(),
    ),
  // A method no codec knows: it must surface as `unknown`, not as an error.
  (n) => message("WebcastFutureFeatureMessage", n, new Uint8Array([8, n % 128])),
];

/** Message `n` of a stream that cycles through every kind. */
export function validMessage(n: number): BaseProtoMessage {
  return builders[n % builders.length]!(n);
}

/** `count` frames of one to six messages each; every fifth frame is sent uncompressed. */
export function validFrames(count: number): Uint8Array[] {
  return Array.from({ length: count }, (_, i) =>
    batchFrame(
      Array.from({ length: 1 + (i % 6) }, (_, j) => validMessage(i * 7 + j)),
      BigInt(i + 1),
      BigInt(i + 1),
      { cursor: `c${i}`, internalExt: `ext${i}`, plain: i % 5 === 0 },
    ),
  );
}
