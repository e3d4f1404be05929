import { BlockedError, InvalidOptionError, UserNotFoundError } from "../errors/errors.js";
import { joinUrl } from "../http/base-urls.js";
import type { RouteContext } from "../http/routes/room-id.js";

/**
 * TikTok's profile page answers a numeric user id in place of the username
 * (`tiktok.com/@6900000000000000001`) and embeds the web app's state, the
 * `webapp.user-detail` scope with the user's `uniqueId`, in a JSON script.
 * That is the one public route from a user id to a username; every live route
 * then takes the username.
 */
const rehydrationData =
  /<script id="__UNIVERSAL_DATA_FOR_REHYDRATION__" type="application\/json">([\s\S]*?)<\/script>/;

interface RehydrationData {
  __DEFAULT_SCOPE__?: {
    "webapp.user-detail"?: { statusCode?: number; userInfo?: { user?: { id?: string; uniqueId?: string } } };
  };
}

/** A numeric user id as a decimal string, or InvalidOptionError. */
export function normalizeUserId(userId: string | bigint): string {
  const id = typeof userId === "bigint" ? userId.toString() : typeof userId === "string" ? userId.trim() : "";
  if (!/^\d{1,20}$/.test(id) || /^0+$/.test(id))
    throw new InvalidOptionError(
      `userId must be TikTok's numeric user id, as a string or a bigint (got ${typeof userId === "string" ? `"${userId}"` : typeof userId})`,
    );
  return id;
}

/** The username of a numeric user id, from the profile page. */
export async function fetchUniqueIdByUserId(ctx: RouteContext, userId: string): Promise<string> {
  const { text } = await ctx.http.text({
    url: joinUrl(ctx.baseUrls.web, `@${userId}`),
    withCookies: true,
    kind: "page",
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  const match = rehydrationData.exec(text);
  if (!match)
    throw new BlockedError(
      "The profile page has no __UNIVERSAL_DATA_FOR_REHYDRATION__ data: TikTok served a captcha or block page",
    );
  let data: RehydrationData;
  try {
    data = JSON.parse(match[1]!) as RehydrationData;
  } catch (cause) {
    throw new BlockedError("The profile page's rehydration data is not valid JSON", { cause });
  }
  const user = data.__DEFAULT_SCOPE__?.["webapp.user-detail"]?.userInfo?.user;
  const uniqueId = user?.uniqueId;
  // The page of an unknown id has no user, or one with another id (TikTok may redirect).
  if (!uniqueId || (user.id !== undefined && user.id !== userId)) throw new UserNotFoundError(userId);
  return uniqueId;
}
