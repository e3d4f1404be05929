import { InvalidResponseError } from "../../errors/errors.js";
import { joinUrl } from "../base-urls.js";
import type { RouteContext } from "./room-id.js";

interface CheckAliveBody {
  data?: Array<{ alive?: boolean; room_id?: number; room_id_str?: string }>;
}

/** Room ids per `check_alive` request: keeps the URL short enough for any proxy. */
export const checkAliveBatchSize = 50;

/**
 * Which of these rooms are broadcasting, via `check_alive?room_ids=a,b,…`
 * (one request per {@link checkAliveBatchSize} rooms). A room TikTok leaves
 * out of its answer is reported as not live.
 */
export async function fetchAliveRooms(
  ctx: RouteContext,
  roomIds: readonly string[],
): Promise<Map<string, boolean>> {
  const result = new Map<string, boolean>();
  for (let i = 0; i < roomIds.length; i += checkAliveBatchSize) {
    const chunk = roomIds.slice(i, i + checkAliveBatchSize);
    const body = await ctx.http.json<CheckAliveBody>({
      url: joinUrl(ctx.baseUrls.webcast, "room/check_alive/"),
      params: { ...ctx.params, room_ids: chunk.join(",") },
      withCookies: true,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
    if (!Array.isArray(body.data)) throw new InvalidResponseError("room/check_alive returned no data array");
    for (const entry of body.data) {
      const id = entry.room_id_str ?? (entry.room_id !== undefined ? String(entry.room_id) : undefined);
      if (id && typeof entry.alive === "boolean") result.set(id, entry.alive);
    }
    for (const id of chunk) if (!result.has(id)) result.set(id, false);
  }
  return result;
}
