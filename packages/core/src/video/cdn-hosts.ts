/** Domains TikTok serves live video from; only these may see the session cookies. */
export const tiktokVideoDomains: readonly string[] = [
  "tiktok.com",
  "tiktokcdn.com",
  "tiktokcdn-us.com",
  "tiktokcdn-eu.com",
  "tiktokv.com",
  "tiktokv.us",
  "tiktokv.eu",
];

/**
 * Whether a stream URL may get the cookies: https on a TikTok domain. The
 * URL comes from room info, which a hostile server (or a compromised proxy)
 * can fill with any host.
 */
export function mayReceiveCookies(url: URL): boolean {
  if (url.protocol !== "https:") return false;
  const host = url.hostname.toLowerCase();
  return tiktokVideoDomains.some((d) => host === d || host.endsWith(`.${d}`));
}
