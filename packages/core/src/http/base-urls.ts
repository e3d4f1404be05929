/**
 * Every host the client talks to. The real TikTok endpoints and the simulator
 * (or a proxy) differ only here.
 */
export interface BaseUrls {
  /** The web app: profile pages and `api-live`. */
  web: string;
  /** The Webcast API root (room info, gift list, check_alive). */
  webcast: string;
  /** The sign server that returns a signed WebSocket URL. */
  signServer: string;
}

export const tiktokBaseUrls: BaseUrls = {
  web: "https://www.tiktok.com",
  webcast: "https://webcast.tiktok.com/webcast",
  signServer: "https://tiktok.eulerstream.com",
};

/** Joins a base and a path without doubling or dropping slashes. */
export function joinUrl(base: string, path: string): URL {
  return new URL(path.replace(/^\//, ""), base.endsWith("/") ? base : `${base}/`);
}
