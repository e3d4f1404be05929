import type { BaseProtoMessage } from "@tiktok-live/proto";
import * as codecs from "@tiktok-live/proto/codecs";
import { gifterCombineBadge } from "@tiktok-live/testkit";
import { seeded } from "./seeded-random.js";

/**
 * Turns the light corpus's messages into messages the size TikTok sends: every
 * user gets what a real one carries (three avatar sizes with several signed URLs
 * each, badges with images and privilege data, follow info, fan club, user
 * attributes), gifts get their gift struct, viewer counts their top viewers.
 * Everything is built with the generated codecs from the reconciled schema, so
 * the bytes are what a real decoder meets.
 *
 * Sizes are the averages measured on recorded payloads (issue 18); each message
 * draws its own target around its method's average and grows by one badge at a
 * time until it reaches it, so the per-method averages land near the table.
 */
export const realisticSizes: Readonly<Record<string, number>> = {
  WebcastChatMessage: 2700,
  WebcastGiftMessage: 5600,
  WebcastMemberMessage: 4100,
  WebcastSocialMessage: 3200,
  WebcastLikeMessage: 2100,
  WebcastRoomUserSeqMessage: 2800,
};

type Random = () => number;

interface Codec {
  decode(bytes: Uint8Array): unknown;
  encode(message: unknown): { finish(): Uint8Array };
  fromPartial(object: unknown): unknown;
}

const hex = (r: Random, n: number) => {
  let s = "";
  for (let i = 0; i < n; i++) s += "0123456789abcdef"[Math.floor(r() * 16)];
  return s;
};
const b64 = (r: Random, n: number) => {
  const abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  let s = "";
  for (let i = 0; i < n; i++) s += abc[Math.floor(r() * abc.length)];
  return s;
};

const hosts = ["p16-sign-va.tiktokcdn.com", "p19-sign.tiktokcdn-us.com", "p77-sign-va.tiktokcdn.com"];

/** One image as TikTok sends it: the same picture behind `urls` signed CDN addresses. */
function signedImage(r: Random, path: string, size: number, urls: number): codecs.Image {
  const key = hex(r, 32);
  const urlList: string[] = [];
  for (let k = 0; k < urls; k++) {
    const ext = k % 2 === 0 ? "webp" : "jpeg";
    urlList.push(
      `https://${hosts[k % hosts.length]}/${path}/${key}~tplv-tiktokx-cropcenter:${size}:${size}.${ext}` +
        `?dr=14579&refresh_token=${hex(r, 8)}&x-expires=${1767225600 + Math.floor(r() * 86400)}` +
        `&x-signature=${b64(r, 28)}%3D&t=4d5b0474&ps=13740610&shp=a5d48078&shcp=fdd36af4&idc=maliva`,
    );
  }
  return codecs.Image.fromPartial({
    urlList,
    uri: `${path}/${key}`,
    width: size,
    height: size,
    avgColor: "#C8BEB4",
  });
}

function webcastImage(r: Random, name: string): codecs.Image {
  const url = (host: string) => `https://${host}/obj/webcast-va/${name}_${hex(r, 16)}.png~tplv-obj.image`;
  return codecs.Image.fromPartial({
    urlList: [url("p16-webcast.tiktokcdn.com"), url("p19-webcast.tiktokcdn.com")],
    uri: `webcast-va/${name}`,
    width: 48,
    height: 48,
    isAnimated: false,
  });
}

/** A badge with its image and privilege data (gifter level, fan club, subscriber, moderator…). */
function badge(r: Random, k: number): codecs.BadgeStruct {
  const level = 1 + Math.floor(r() * 50);
  const kind = k % 3;
  return codecs.BadgeStruct.fromPartial({
    displayType: kind === 2 ? 4 : 1,
    badgeScene: [8, 10, 4][kind],
    display: true,
    position: 1 + k,
    logExtra: {
      dataVersion: "2",
      privilegeId: String(7_100_000_000_000_000_000n + BigInt(Math.floor(r() * 1e9))),
      privilegeVersion: "0",
      privilegeOrderId: String(Math.floor(r() * 1e12)),
      level: String(level),
      startTime: BigInt(1_760_000_000 + Math.floor(r() * 1e6)),
      endTime: BigInt(1_790_000_000 + Math.floor(r() * 1e6)),
    },
    ...(kind === 2
      ? {
          combineBadge: gifterCombineBadge(level, webcastImage(r, `grade_badge_${level}`)),
        }
      : {
          imageBadge: {
            displayType: 1,
            image: webcastImage(r, kind === 0 ? `fans_${level}` : `sub_${level}`),
          },
        }),
  });
}

/**
 * A user as push messages carry one; `badges` badges. `brief`: the lighter user of
 * a top-viewer list (one avatar size, no fan club).
 */
export function realisticUser(
  r: Random,
  base: codecs.User | undefined,
  badges: number,
  brief = false,
): codecs.User {
  const userId = base?.userId || 7_200_000_000_000_000_000n + BigInt(Math.floor(r() * 1e12));
  const uniqueId = base?.uniqueId || `user${hex(r, 8)}`;
  const avatarPath = "tos-maliva-avt-0068";
  // Only the identity comes from the light message: the simulator's own extras (author stats,
  // pay grade…) would change the sizes whenever the simulator's users change.
  return codecs.User.fromPartial({
    userId,
    nickname: base?.nickname || `Viewer ${hex(r, 4)}`,
    uniqueId,
    idStr: String(userId),
    secUid: `MS4wLjABAAAA${b64(r, 64)}`,
    avatarThumb: signedImage(r, avatarPath, 100, 2),
    ...(brief
      ? {}
      : {
          avatarMedium: signedImage(r, avatarPath, 720, 2),
          avatarLarge: signedImage(r, avatarPath, 1080, 2),
        }),
    followInfo: {
      followingCount: BigInt(Math.floor(r() * 2000)),
      followerCount: BigInt(Math.floor(r() * 50000)),
      followStatus: BigInt(Math.floor(r() * 3)),
      pushStatus: 0n,
    },
    fansClub: brief
      ? undefined
      : {
          data: {
            clubName: `Crew${hex(r, 3)}`,
            level: 1 + Math.floor(r() * 20),
            userFansClubStatus: 1,
            anchorId: 7_000_000_000_000_000_000n + BigInt(Math.floor(r() * 1e9)),
          },
        },
    userAttr: { isMuted: false, isAdmin: false, isSuperAdmin: false, muteDuration: 0n },
    badgeImageList: [webcastImage(r, "grade_badge")],
    badges: Array.from({ length: badges }, (_, k) => badge(r, k)),
    createTime: BigInt(1_600_000_000 + Math.floor(r() * 1e8)),
    modifyTime: BigInt(1_760_000_000 + Math.floor(r() * 1e6)),
  });
}

function realisticGift(r: Random, base: codecs.Gift | undefined): codecs.Gift {
  return codecs.Gift.fromPartial({
    ...base,
    image: webcastImage(r, "gift_image"),
    icon: webcastImage(r, "gift_icon"),
    previewImage: webcastImage(r, "gift_preview"),
    describe: `sent ${base?.name ?? "Rose"}`,
    duration: 1000,
    combo: true,
    isDisplayedOnPanel: true,
    trackerParams: { gift_source: "panel", enter_from: "live_detail", tab_name: "gift" },
  });
}

/** Re-encodes `message` with realistic users (and gift struct / top viewers), grown to its size target. */
export function realisticMessage(message: BaseProtoMessage, r: Random): BaseProtoMessage {
  const average = realisticSizes[message.method];
  if (average === undefined) return message;
  const codec = (codecs as unknown as Record<string, Codec>)[message.method]!;
  const target = average * (0.8 + 0.3 * r());
  const decoded = codec.decode(message.payload) as Record<string, unknown>;
  const seed = Math.floor(r() * 2 ** 31);
  let payload = message.payload;
  for (let badges = 0; badges < 40; badges++) {
    // Same user at every step: only the badge count grows.
    const rs = seeded(seed); // its own generator, so each message's user is the same at every growth step
    const next = { ...decoded };
    if (message.method === "WebcastRoomUserSeqMessage") {
      next.ranks = Array.from({ length: 1 + badges }, (_, k) => ({
        score: BigInt(1000 - k * 100),
        rank: BigInt(k + 1),
        user: realisticUser(rs, undefined, 0, true),
      }));
    } else {
      next.user = realisticUser(rs, decoded.user as codecs.User | undefined, badges);
      if (message.method === "WebcastGiftMessage") {
        next.gift = realisticGift(rs, decoded.gift as codecs.Gift | undefined);
        next.toUser = realisticUser(rs, undefined, 1);
      }
    }
    payload = codec.encode(codec.fromPartial(next)).finish();
    if (payload.length >= target) break;
  }
  return { ...message, payload };
}
