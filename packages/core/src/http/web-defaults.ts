/**
 * What a desktop browser on tiktok.com sends, so requests look like the web
 * client's. Values follow TikTok's web app; see docs/protocol notes.
 */
export const defaultUserAgent =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

export interface LocaleSettings {
  language: string;
  browserLanguage: string;
  region: string;
  timezone: string;
}

export const defaultLocale: LocaleSettings = {
  language: "en",
  browserLanguage: "en-GB",
  region: "GB",
  timezone: "Europe/London",
};

/** A fresh 20-digit device id; TikTok's web client makes a new one per request. */
export function randomDeviceId(random: () => number = Math.random): string {
  let id = String(1 + Math.floor(random() * 9));
  for (let i = 1; i < 20; i++) id += String(Math.floor(random() * 10));
  return id;
}

export function webQueryParams(
  userAgent: string,
  locale: LocaleSettings,
  loggedIn: boolean,
): Record<string, string> {
  const slash = userAgent.indexOf("/");
  const isMac = userAgent.includes("Mac");
  return {
    aid: "1988",
    app_name: "tiktok_web",
    channel: "tiktok_web",
    device_platform: "web_pc",
    browser_online: "true",
    cookie_enabled: "true",
    focus_state: "true",
    is_fullscreen: "false",
    is_page_visible: "true",
    data_collection_enabled: "true",
    from_page: "",
    msToken: "",
    user_is_login: String(loggedIn),
    app_language: locale.language,
    webcast_language: locale.language,
    browser_language: locale.browserLanguage,
    region: locale.region,
    priority_region: locale.region,
    tz_name: locale.timezone,
    browser_name: slash > 0 ? userAgent.slice(0, slash) : userAgent,
    browser_version: slash > 0 ? userAgent.slice(slash + 1) : "",
    browser_platform: isMac ? "MacIntel" : "Win32",
    os: isMac ? "mac" : "windows",
    screen_width: "1920",
    screen_height: "1080",
    history_len: String(4 + Math.floor(Math.random() * 11)),
    device_id: randomDeviceId(),
  };
}

export function webHeaders(userAgent: string): Record<string, string> {
  return {
    Accept: "text/html,application/json,application/protobuf",
    "Accept-Language": "en-US,en;q=0.9",
    Referer: "https://www.tiktok.com/",
    Origin: "https://www.tiktok.com",
    "Sec-Fetch-Site": "same-site",
    "Sec-Fetch-Mode": "cors",
    "Sec-Fetch-Dest": "empty",
    "Sec-Fetch-Ua-Mobile": "?0",
    "Cache-Control": "max-age=0",
    "User-Agent": userAgent,
  };
}
