import {
  BlockedError,
  InvalidResponseError,
  UserNotFoundError,
  UserOfflineError,
} from "../../errors/errors.js";
import { type BaseUrls, joinUrl } from "../base-urls.js";
import type { HttpClient } from "../http-client.js";

/** TikTok's live status value for "not live". */
export const offlineStatus = 4;

export interface RouteContext {
  http: HttpClient;
  baseUrls: BaseUrls;
  params: Record<string, string>;
  signal?: AbortSignal;
}

const sigiState = /<script id="SIGI_STATE" type="application\/json">([\s\S]*?)<\/script>/;

interface SigiState {
  LiveRoom?: {
    liveRoomUserInfo?: { user?: { roomId?: string; status?: number }; liveRoom?: { status?: number } };
  };
}

/** Room id from the profile's live page, where the web app embeds its state as JSON. */
export async function fetchRoomIdFromHtml(ctx: RouteContext, uniqueId: string): Promise<string> {
  const url = joinUrl(ctx.baseUrls.web, `@${encodeURIComponent(uniqueId)}/live`);
  const { text } = await ctx.http.text({
    url,
    withCookies: true,
    kind: "page",
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  const match = sigiState.exec(text);
  if (!match)
    throw new BlockedError("The live page has no SIGI_STATE data: TikTok served a captcha or block page");
  let state: SigiState;
  try {
    state = JSON.parse(match[1]!) as SigiState;
  } catch (cause) {
    throw new BlockedError("The live page's SIGI_STATE is not valid JSON", { cause });
  }
  const info = state.LiveRoom?.liveRoomUserInfo;
  if (!info?.user) throw new UserNotFoundError(uniqueId);
  const status = info.user.status ?? info.liveRoom?.status;
  if (status === offlineStatus) throw new UserOfflineError(uniqueId);
  const roomId = info.user.roomId;
  // A live user whose page lacks the id is a page problem, not an answer: let the API try.
  if (!roomId || !/^\d+$/.test(roomId)) throw new InvalidResponseError("The live page has no room id");
  return roomId;
}

interface ApiLiveRoom {
  statusCode?: number;
  message?: string;
  data?: { user?: { roomId?: string; status?: number }; liveRoom?: { status?: number } };
}

/** Room id from the web app's JSON API, the fallback when the page cannot be read. */
export async function fetchRoomIdFromApi(ctx: RouteContext, uniqueId: string): Promise<string> {
  const url = joinUrl(ctx.baseUrls.web, "api-live/user/room/");
  const body = await ctx.http.json<ApiLiveRoom>({
    url,
    params: { ...ctx.params, uniqueId, sourceType: "54" },
    withCookies: true,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  if (body.message === "user_not_found") throw new UserNotFoundError(uniqueId);
  if (body.statusCode !== undefined && body.statusCode !== 0) {
    throw new InvalidResponseError(
      `api-live/user/room answered statusCode ${body.statusCode}${body.message ? ` (${body.message})` : ""}`,
    );
  }
  const roomId = body.data?.user?.roomId;
  if (body.data?.liveRoom?.status === offlineStatus) throw new UserOfflineError(uniqueId);
  if (!roomId || !/^\d+$/.test(roomId)) throw new UserOfflineError(uniqueId);
  return roomId;
}

/**
 * The page first, then the API. "Offline" from the page is an answer, not a
 * failure, so it is not retried through the API; anything else (a captcha,
 * bad JSON, a page without LiveRoom) is, and the API has the last word.
 */
export async function resolveRoomId(ctx: RouteContext, uniqueId: string): Promise<string> {
  try {
    return await fetchRoomIdFromHtml(ctx, uniqueId);
  } catch (htmlError) {
    if (htmlError instanceof UserOfflineError || ctx.signal?.aborted) throw htmlError;
    try {
      return await fetchRoomIdFromApi(ctx, uniqueId);
    } catch (apiError) {
      if (apiError instanceof Error && apiError.cause === undefined) {
        Object.defineProperty(apiError, "cause", { value: htmlError, enumerable: false, configurable: true });
      }
      throw apiError;
    }
  }
}
