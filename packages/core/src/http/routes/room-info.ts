import { AgeRestrictedError, InvalidResponseError } from "../../errors/errors.js";
import { joinUrl } from "../base-urls.js";
import type { RouteContext } from "./room-id.js";

interface WebcastJson<T> {
  status_code?: number;
  data?: T;
}

/** Room details as TikTok returns them (JSON, snake_case). Fields beyond these are kept as-is. */
export interface RoomInfo {
  id_str?: string;
  status?: number;
  title?: string;
  user_count?: number;
  owner?: { id_str?: string; nickname?: string; display_id?: string };
  stats?: { total_user?: number; like_count?: number };
  [key: string]: unknown;
}

export async function fetchRoomInfo(ctx: RouteContext, roomId: string): Promise<RoomInfo> {
  const body = await ctx.http.json<WebcastJson<RoomInfo>>({
    url: joinUrl(ctx.baseUrls.webcast, "room/info/"),
    params: { ...ctx.params, room_id: roomId },
    withCookies: true,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  const data = body.data;
  if (!data || typeof data !== "object") throw new InvalidResponseError("room/info returned no data");
  // An 18+ room without a session answers with a prompt instead of the room.
  if ("prompts" in data || Object.keys(data).length <= 1) throw new AgeRestrictedError();
  return data;
}

interface CheckAlive {
  data?: Array<{ alive?: boolean; room_id_str?: string }>;
}

/** Whether a room is broadcasting now, via the batch `check_alive` route. */
export async function fetchIsLive(ctx: RouteContext, roomId: string): Promise<boolean> {
  const body = await ctx.http.json<CheckAlive>({
    url: joinUrl(ctx.baseUrls.webcast, "room/check_alive/"),
    params: { ...ctx.params, room_ids: roomId, room_id: roomId },
    withCookies: true,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  const entry = body.data?.[0];
  if (!entry || typeof entry.alive !== "boolean")
    throw new InvalidResponseError("room/check_alive returned no status");
  return entry.alive;
}

/** A gift as listed by `gift/list` (JSON, snake_case). */
export interface GiftInfo {
  id: number;
  name: string;
  diamond_count: number;
  type?: number;
  image?: { url_list?: string[] };
  [key: string]: unknown;
}

/** The gifts of a room, or TikTok's general list when no room is given. */
export async function fetchGiftList(ctx: RouteContext, roomId?: string): Promise<GiftInfo[]> {
  const body = await ctx.http.json<WebcastJson<{ gifts?: GiftInfo[] }>>({
    url: joinUrl(ctx.baseUrls.webcast, "gift/list/"),
    params: { ...ctx.params, ...(roomId ? { room_id: roomId } : {}) },
    withCookies: true,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  const gifts = body.data?.gifts;
  if (!Array.isArray(gifts)) throw new InvalidResponseError("gift/list returned no gift array");
  return gifts;
}
