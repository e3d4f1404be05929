import { UntrustedHostError } from "../errors/errors.js";

/**
 * Domains TikTok serves its webcast push from: `webcast*-ws-*.tiktok.com`
 * (also `*.us.tiktok.com`) for the web, `webcast*-ws-*.tiktokv.com` for the apps.
 */
export const tiktokPushDomains: readonly string[] = ["tiktok.com", "tiktokv.com"];

/** Where the push handshake (which carries the session cookies) may go. */
export interface PushHostPolicy {
  /** `wss:` hosts under these domains are TikTok's. */
  domains: readonly string[];
  /** Hosts the user named (`host:port`, or `*.domain` for any subdomain): allowed over `wss:`. */
  secureHosts: readonly string[];
  /** Hosts the user named with `http:`/`ws:` (the simulator on loopback): allowed over `ws:` too. */
  plainHosts: readonly string[];
}

/**
 * Checks the push server the sign server named before the session goes there.
 * Returns the parsed URL; throws UntrustedHostError naming the host and why.
 */
export function checkPushServer(pushServer: string, policy: PushHostPolicy): URL {
  let url: URL;
  try {
    url = new URL(pushServer);
  } catch {
    throw refuse("(unparsable)", `"${pushServer.slice(0, 100)}" is not a URL`);
  }
  const host = hostWithPort(url);
  if (url.protocol !== "wss:" && url.protocol !== "ws:")
    throw refuse(host, `its scheme is ${url.protocol}, not wss:`);
  if (url.username || url.password) throw refuse(host, "the URL carries credentials");
  if (matches(url, policy.plainHosts)) return url;
  if (url.protocol !== "wss:")
    throw refuse(host, "it is plain ws:, which would send the session cookies unencrypted");
  if (matches(url, policy.secureHosts)) return url;
  const name = url.hostname.toLowerCase();
  if (policy.domains.some((d) => name === d || name.endsWith(`.${d}`))) return url;
  throw refuse(
    host,
    `it is not on a TikTok push domain (${policy.domains.join(", ")}) nor a host you configured (baseUrls.web, baseUrls.webcast or trustedPushHosts)`,
  );
}

function refuse(host: string, reason: string): UntrustedHostError {
  return new UntrustedHostError(
    `Refused the push server ${host} named by the sign server: ${reason}. The session cookies go only to TikTok's hosts`,
    host,
    reason,
  );
}

function hostWithPort(url: URL): string {
  return url.port ? `${url.hostname}:${url.port}` : url.hostname;
}

/** `host` matches on hostname and port (443 for wss:, 80 for ws: when none is given); `*.d` matches subdomains of d. */
function matches(url: URL, hosts: readonly string[]): boolean {
  const name = url.hostname.toLowerCase();
  const port = url.port || (url.protocol === "wss:" ? "443" : "80");
  return hosts.some((entry) => {
    const [h, p] = splitHost(entry.toLowerCase());
    if (p !== undefined && p !== port) return false;
    if (p === undefined && port !== (url.protocol === "wss:" ? "443" : "80")) return false;
    return h.startsWith("*.") ? name.endsWith(h.slice(1)) : name === h;
  });
}

function splitHost(entry: string): [string, string | undefined] {
  // IPv6 literals keep their brackets, as URL.hostname does.
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(entry);
  return m ? [m[1]!, m[2]] : [entry, undefined];
}

/** `host:port` of a configured base URL, as the push policy stores it. */
export function baseUrlHost(base: string): { host: string; plain: boolean } {
  const url = new URL(base);
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  return { host: `${url.hostname.toLowerCase()}:${port}`, plain: url.protocol === "http:" };
}
