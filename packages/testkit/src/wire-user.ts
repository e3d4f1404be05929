import { User } from "@tiktok-live/proto/codecs";
import type { SimUser } from "./fixtures.js";

/**
 * A simulated user as push messages carry one: ids, names, three avatar sizes,
 * follow info, badges (with the combined badge TikTok draws next to names and
 * the badge image list), the avatar border and the fan club.
 */

export function avatar(u: SimUser, size: number) {
  const base = `https://p16-sign-va.tiktokcdn.com/tos-maliva-avt-0068/${u.userId}~c5_${size}x${size}`;
  return {
    urlList: [`${base}.webp`, `${base}.jpeg`],
    uri: `${size}x${size}/tos-maliva-avt-0068/${u.userId}`,
    width: size,
    height: size,
  };
}

const gradeImage = (level: number) => ({
  urlList: [`https://p16-webcast.tiktokcdn.com/img/grade_${level}.png`],
  uri: `webcast-va/grade_${level}`,
  width: 64,
  height: 32,
});

/**
 * The combined badge TikTok draws for a gifter level: the icon, the level as text,
 * padding, font and background colours. Also used by the benchmark's realistic corpus.
 */
export function gifterCombineBadge(level: number, icon: { urlList: string[]; uri: string }) {
  return {
    displayType: 4,
    icon,
    str: String(level),
    text: { key: "webcast_gifter_level", defaultPattern: "{0:string}", pieces: [String(level)] },
    padding: { useSpecific: true, middlePadding: 2, badgeWidth: 32, leftPadding: 4, rightPadding: 4 },
    fontStyle: { fontSize: 10, fontWidth: 500, fontColor: "#FFFFFF", borderColor: "#00000033" },
    background: { backgroundColorCode: "#7A5CFF", borderColorCode: "#5B3FE0" },
    backgroundDarkMode: { backgroundColorCode: "#5B3FE0", borderColorCode: "#3D23B5" },
    publicScreenShowStyle: 1,
    personalCardShowStyle: 1,
  };
}

/** The gifter-level badge, drawn by TikTok as a combined badge: icon, level text, padding and background. */
function gifterBadge(level: number) {
  return {
    displayType: 1,
    badgeScene: 8,
    display: true,
    imageBadge: { displayType: 1, image: gradeImage(level) },
    combineBadge: gifterCombineBadge(level, gradeImage(level)),
    logExtra: { dataVersion: "1", privilegeId: "7138381747292542756", level: String(level) },
  };
}

export function toUser(u: SimUser): User {
  return User.fromPartial({
    userId: u.userId,
    nickname: u.nickname,
    uniqueId: u.uniqueId,
    idStr: String(u.userId),
    secUid: `MS4wLjABAAAA${u.uniqueId}`,
    avatarThumb: avatar(u, 100),
    avatarMedium: avatar(u, 720),
    avatarLarge: avatar(u, 1080),
    followInfo: { followingCount: 120n, followerCount: 3400n, followStatus: BigInt(u.followStatus ?? 0) },
    isFollower: (u.followStatus ?? 0) > 0,
    badgeImageList: u.gifterLevel ? [gradeImage(u.gifterLevel)] : [],
    // Video stats, including the share, series and variety-show counts only TikTokLiveSharp declares.
    authorStats: {
      videoTotalCount: 42n,
      videoTotalPlayCount: 125_000n,
      videoTotalShareCount: 310n,
      videoTotalSeriesCount: 2n,
      varietyShowPlayCount: 0n,
      videoTotalFavoriteCount: 5_600n,
    },
    ...(u.gifterLevel
      ? {
          payGrade: {
            level: u.gifterLevel,
            currentGradeIcon: gradeImage(u.gifterLevel),
            profileDialogBg1002: {
              urlList: [`https://p16-webcast.tiktokcdn.com/img/grade_bg_${u.gifterLevel}.png`],
            },
          },
        }
      : {}),
    ...(u.gifterLevel && u.gifterLevel >= 10
      ? {
          border: {
            icon: { urlList: [`https://p16-webcast.tiktokcdn.com/img/border_${u.gifterLevel}.png`] },
            level: BigInt(u.gifterLevel),
            source: "gifter_level",
            avatarBackgroundColor: "#FFE9A8",
            avatarBackgroundBorderColor: "#F5C542",
          },
        }
      : {}),
    badges: [
      ...(u.gifterLevel ? [gifterBadge(u.gifterLevel)] : []),
      ...(u.moderator
        ? [
            {
              displayType: 3,
              badgeScene: 1,
              display: true,
              stringBadge: { displayType: 3, str: "Moderator" },
            },
          ]
        : []),
      ...(u.superFan ? [{ displayType: 1, badgeScene: 4, display: true }] : []),
    ],
    ...(u.fanClub
      ? { fansClub: { data: { clubName: u.fanClub.name, level: u.fanClub.level, userFansClubStatus: 1 } } }
      : {}),
  });
}
