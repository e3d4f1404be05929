import { InvalidResponseError, UserNotFoundError } from "../../errors/errors.js";
import { joinUrl } from "../base-urls.js";
import type { RouteContext } from "./room-id.js";

/** A TikTok profile, from the web app's `api/user/detail` (camelCase as TikTok sends it). */
export interface TikTokUserProfile {
  /** Numeric user id as a decimal string (it passes 2^53). */
  id: string;
  uniqueId: string;
  nickname: string;
  secUid?: string;
  signature?: string;
  verified?: boolean;
  privateAccount?: boolean;
  avatarThumb?: string;
  avatarMedium?: string;
  avatarLarger?: string;
  /** The user's current or last room id, when TikTok includes it. */
  roomId?: string;
  stats: {
    followerCount: number;
    followingCount: number;
    /** Likes received. */
    heartCount: number;
    videoCount: number;
    /** Likes given. */
    diggCount: number;
  };
}

interface UserDetailBody {
  statusCode?: number;
  status_code?: number;
  statusMsg?: string;
  userInfo?: {
    user?: Record<string, unknown>;
    stats?: Record<string, unknown>;
  };
}

/** TikTok's "user does not exist" status for this route. */
const userNotExist = 10202;

function str(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function count(value: unknown): number {
  const n = typeof value === "string" ? Number(value) : value;
  return typeof n === "number" && Number.isFinite(n) && n >= 0 ? n : 0;
}

/** Profile and follower counts of `uniqueId`, without connecting to a room. */
export async function fetchUserDetail(ctx: RouteContext, uniqueId: string): Promise<TikTokUserProfile> {
  const body = await ctx.http.json<UserDetailBody>({
    url: joinUrl(ctx.baseUrls.web, "api/user/detail/"),
    params: { ...ctx.params, uniqueId },
    withCookies: true,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  const status = body.statusCode ?? body.status_code ?? 0;
  if (status === userNotExist) throw new UserNotFoundError(uniqueId);
  if (status !== 0)
    throw new InvalidResponseError(
      `api/user/detail answered statusCode ${status}${body.statusMsg ? ` (${body.statusMsg})` : ""}`,
    );
  const user = body.userInfo?.user;
  const id = str(user?.id);
  if (!user || !id || !/^\d+$/.test(id)) throw new UserNotFoundError(uniqueId);
  const stats = body.userInfo?.stats ?? {};
  const profile: TikTokUserProfile = {
    id,
    uniqueId: str(user.uniqueId) ?? uniqueId,
    nickname: str(user.nickname) ?? "",
    stats: {
      followerCount: count(stats.followerCount),
      followingCount: count(stats.followingCount),
      heartCount: count(stats.heartCount ?? stats.heart),
      videoCount: count(stats.videoCount),
      diggCount: count(stats.diggCount),
    },
  };
  for (const key of ["secUid", "signature", "avatarThumb", "avatarMedium", "avatarLarger"] as const) {
    const v = str(user[key]);
    if (v !== undefined) profile[key] = v;
  }
  if (typeof user.verified === "boolean") profile.verified = user.verified;
  if (typeof user.privateAccount === "boolean") profile.privateAccount = user.privateAccount;
  const roomId = str(user.roomId);
  if (roomId && /^\d+$/.test(roomId)) profile.roomId = roomId;
  return profile;
}
