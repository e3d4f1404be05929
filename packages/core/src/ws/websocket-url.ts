import type { ProtoMessageFetchResult } from "@tiktok-live/proto";
import type { LocaleSettings } from "../http/web-defaults.js";

export interface PushUrlInput {
  initial: ProtoMessageFetchResult;
  roomId: string;
  userAgent: string;
  locale: LocaleSettings;
  heartbeatIntervalMs: number;
}

/**
 * The push URL as TikTok's web client builds it: the signed push server, its
 * route params, then the client's own params, then a second `version_code`
 * that TikTok's client appends on purpose.
 */
export function buildPushUrl(input: PushUrlInput): string {
  const { initial, roomId, userAgent, locale } = input;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(initial.routeParams)) if (v !== "") params.append(k, v);
  const slash = userAgent.indexOf("/");
  const client: Record<string, string> = {
    aid: "1988",
    app_name: "tiktok_web",
    device_platform: "web",
    identity: "audience",
    live_id: "12",
    sup_ws_ds_opt: "1",
    update_version_code: "2.0.0",
    version_code: "180800",
    client_enter: "1",
    did_rule: "3",
    resp_content_type: "protobuf",
    history_comment_count: "6",
    app_language: locale.language,
    webcast_language: locale.language,
    browser_language: locale.browserLanguage,
    browser_name: slash > 0 ? userAgent.slice(0, slash) : userAgent,
    browser_version: slash > 0 ? userAgent.slice(slash + 1) : "",
    browser_platform: userAgent.includes("Mac") ? "MacIntel" : "Win32",
    tz_name: locale.timezone,
    screen_width: "1920",
    screen_height: "1080",
    last_rtt: String(100 + Math.floor(Math.random() * 100)),
    room_id: roomId,
    compress: "gzip",
    heartbeat_duration: String(input.heartbeatIntervalMs),
    ws_direct: "0",
    cursor: initial.cursor,
    internal_ext: initial.internalExt,
  };
  for (const [k, v] of Object.entries(client)) if (!params.has(k)) params.append(k, v);
  const base = initial.pushServer.includes("?") ? `${initial.pushServer}&` : `${initial.pushServer}?`;
  return `${base}${params.toString()}&version_code=270000`;
}
