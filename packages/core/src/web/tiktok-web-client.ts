import type { FetchLike } from "../capabilities.js";
import { normalizeUniqueId, resolveOptions } from "../client/options.js";
import { UserOfflineError } from "../errors/errors.js";
import type { BaseUrls } from "../http/base-urls.js";
import type { ResponseSizeLimits } from "../http/body-reader.js";
import { CookieJar } from "../http/cookie-jar.js";
import { HttpClient } from "../http/http-client.js";
import { fetchAliveRooms } from "../http/routes/check-alive.js";
import { type RouteContext, resolveRoomId } from "../http/routes/room-id.js";
import { fetchGiftList, fetchRoomInfo, type GiftInfo, type RoomInfo } from "../http/routes/room-info.js";
import { fetchUserDetail, type TikTokUserProfile } from "../http/routes/user-detail.js";
import { type LocaleSettings, webHeaders, webQueryParams } from "../http/web-defaults.js";
import { fetchUniqueIdByUserId, normalizeUserId } from "./unique-id-by-user-id.js";

export interface TikTokWebClientOptions {
  /** `sessionid` cookie of a logged-in account (18+ rooms). Sent to TikTok hosts only. */
  sessionId?: string;
  ttTargetIdc?: string;
  cookies?: Record<string, string>;
  /** Replace TikTok's hosts, e.g. with the simulator's. */
  baseUrls?: Partial<BaseUrls>;
  fetch?: FetchLike;
  userAgent?: string;
  locale?: Partial<LocaleSettings>;
  requestTimeoutMs?: number;
  maxResponseBytes?: Partial<ResponseSizeLimits>;
}

export interface WebCallOptions {
  signal?: AbortSignal;
}

/** Room ids resolved at once by a batch `fetchIsLive`: TikTok rate-limits bursts of page loads. */
const resolveConcurrency = 4;

/** Builds the route context of one call; the live client hands in its own. */
export type RouteContextSource = (signal?: AbortSignal) => RouteContext;

/**
 * TikTok's web API without a live connection: room ids, room info, live
 * status (one user or many), the gift list and user profiles.
 *
 * @example
 * const web = new TikTokWebClient();
 * const live = await web.fetchIsLive(["@a", "@b"]); // { a: true, b: false }
 */
export class TikTokWebClient {
  readonly #routes: RouteContextSource;

  /** `context` is for the live client (`client.web`), which shares its session and cookies. */
  constructor(options: TikTokWebClientOptions = {}, context?: RouteContextSource) {
    this.#routes = context ?? standaloneRoutes(options);
  }

  /** The user's current room id; UserOfflineError when not live, UserNotFoundError when unknown. */
  fetchRoomId(uniqueId: string, options: WebCallOptions = {}): Promise<string> {
    return resolveRoomId(this.#routes(options.signal), normalizeUniqueId(uniqueId));
  }

  /** Room details (title, viewers, owner, stream URLs) by user (must be live) or by room id. */
  async fetchRoomInfo(target: string | { roomId: string }, options: WebCallOptions = {}): Promise<RoomInfo> {
    const ctx = this.#routes(options.signal);
    const roomId =
      typeof target === "string" ? await resolveRoomId(ctx, normalizeUniqueId(target)) : target.roomId;
    return fetchRoomInfo(ctx, roomId);
  }

  /**
   * Whether one user is live, or for many users a record of who is (keys
   * without the `@`): room ids are resolved first, then all rooms are checked
   * in as few `check_alive` requests as TikTok allows.
   */
  fetchIsLive(uniqueId: string, options?: WebCallOptions): Promise<boolean>;
  fetchIsLive(uniqueIds: readonly string[], options?: WebCallOptions): Promise<Record<string, boolean>>;
  async fetchIsLive(
    who: string | readonly string[],
    options: WebCallOptions = {},
  ): Promise<boolean | Record<string, boolean>> {
    const ids = (typeof who === "string" ? [who] : who).map(normalizeUniqueId);
    const ctx = this.#routes(options.signal);
    const roomOf = new Map<string, string | undefined>();
    let next = 0;
    const worker = async () => {
      while (next < ids.length) {
        const id = ids[next++]!;
        if (roomOf.has(id)) continue;
        roomOf.set(id, undefined);
        try {
          roomOf.set(id, await resolveRoomId(ctx, id));
        } catch (error) {
          // Offline is an answer here; not-found and transport failures are not.
          if (!(error instanceof UserOfflineError)) throw error;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(resolveConcurrency, ids.length) }, worker));
    const rooms = [...new Set([...roomOf.values()].filter((r): r is string => r !== undefined))];
    const alive = rooms.length > 0 ? await fetchAliveRooms(ctx, rooms) : new Map<string, boolean>();
    const result: Record<string, boolean> = {};
    for (const id of ids) {
      const room = roomOf.get(id);
      result[id] = room !== undefined && alive.get(room) === true;
    }
    return typeof who === "string" ? result[ids[0]!]! : result;
  }

  /** TikTok's gift list (names, diamond counts, images), without joining a room. */
  fetchGiftList(options: WebCallOptions & { roomId?: string } = {}): Promise<GiftInfo[]> {
    return fetchGiftList(this.#routes(options.signal), options.roomId);
  }

  /**
   * The username of a numeric user id (TikTok's `user.id`, a string or a
   * bigint), for connecting by user id: every live route takes the username.
   * UserNotFoundError when no user has that id.
   *
   * @example
   * const uniqueId = await web.fetchUniqueId("6900000000000000001");
   * const client = new TikTokLiveClient(uniqueId);
   */
  fetchUniqueId(userId: string | bigint, options: WebCallOptions = {}): Promise<string> {
    return fetchUniqueIdByUserId(this.#routes(options.signal), normalizeUserId(userId));
  }

  /** A user's profile and follower counts. */
  fetchUser(uniqueId: string, options: WebCallOptions = {}): Promise<TikTokUserProfile> {
    return fetchUserDetail(this.#routes(options.signal), normalizeUniqueId(uniqueId));
  }
}

function standaloneRoutes(options: TikTokWebClientOptions): RouteContextSource {
  // The live client's checks and defaults, so both accept the same values; the
  // placeholder username is never sent anywhere.
  const { resolved, secrets } = resolveOptions("web", options);
  const jar = new CookieJar();
  jar.set("tt-target-idc", resolved.ttTargetIdc);
  for (const [k, v] of Object.entries(secrets.cookies)) jar.set(k, v);
  if (secrets.sessionId) {
    for (const name of ["sessionid", "sessionid_ss", "sid_tt"]) jar.set(name, secrets.sessionId);
  }
  const http = new HttpClient({
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    cookies: jar,
    headers: webHeaders(resolved.userAgent),
    timeoutMs: resolved.requestTimeoutMs,
    responseLimits: resolved.maxResponseBytes,
  });
  return (signal) => ({
    http,
    baseUrls: resolved.baseUrls,
    params: webQueryParams(resolved.userAgent, resolved.locale, secrets.sessionId !== undefined),
    ...(signal ? { signal } : {}),
  });
}
