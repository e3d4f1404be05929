import type { Agent } from "node:http";
import { createRequire } from "node:module";
import { type FetchLike, InvalidOptionError } from "@tiktok-live/core";

/**
 * A proxy URL (`"http://user:pass@host:8080"`), or agents you built:
 * `dispatcher`, an undici Dispatcher such as `new ProxyAgent(url)`, for HTTP,
 * and `agent`, an `http.Agent` such as `new HttpsProxyAgent(url)`, for the WebSocket.
 */
export type NodeProxyOption = string | URL | { dispatcher?: unknown; agent?: Agent };

export interface ProxyCapabilities {
  fetch?: FetchLike;
  agent?: Agent;
}

type Load = (name: string) => unknown;

const requireFromHere: Load = (name) => createRequire(import.meta.url)(name);

/**
 * Turns the `proxy` option into a fetch and a WebSocket agent. A URL string
 * needs the optional peers `undici` (its ProxyAgent for fetch) and
 * `https-proxy-agent` (for the WebSocket); without them, or with anything
 * else it cannot use, it throws rather than let traffic go around the proxy.
 */
export function proxyCapabilities(proxy: unknown, load: Load = requireFromHere): ProxyCapabilities {
  if (proxy === undefined) return {};
  if (typeof proxy === "string" || proxy instanceof URL) return fromUrl(String(proxy), load);
  if (proxy === null || typeof proxy !== "object" || Array.isArray(proxy))
    throw new InvalidOptionError("proxy must be a proxy URL string or { dispatcher, agent }");
  const unknown = Object.keys(proxy).filter((k) => k !== "dispatcher" && k !== "agent");
  if (unknown.length > 0)
    throw new InvalidOptionError(
      `proxy: unknown key ${unknown.map((k) => `"${k}"`).join(", ")}; use a proxy URL string or { dispatcher, agent }`,
    );
  const { dispatcher, agent } = proxy as { dispatcher?: unknown; agent?: unknown };
  if (dispatcher !== undefined && typeof (dispatcher as { dispatch?: unknown })?.dispatch !== "function")
    throw new InvalidOptionError("proxy.dispatcher must be an undici Dispatcher, e.g. new ProxyAgent(url)");
  if (agent !== undefined && (agent === null || typeof agent !== "object"))
    throw new InvalidOptionError("proxy.agent must be an http.Agent, e.g. new HttpsProxyAgent(url)");
  if (dispatcher === undefined && agent === undefined)
    throw new InvalidOptionError("proxy must have a dispatcher (HTTP), an agent (WebSocket) or both");
  return {
    ...(dispatcher !== undefined ? { fetch: fetchWithDispatcher(dispatcher) } : {}),
    ...(agent !== undefined ? { agent: agent as Agent } : {}),
  };
}

function fromUrl(value: string, load: Load): ProxyCapabilities {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidOptionError("proxy is not a valid URL (expected e.g. http://host:8080)");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new InvalidOptionError(
      `proxy: ${url.protocol} proxies are not built in; pass { dispatcher, agent } made for it`,
    );
  }
  const ProxyAgent = exportOf(load, "undici", "ProxyAgent");
  const HttpsProxyAgent = exportOf(load, "https-proxy-agent", "HttpsProxyAgent");
  return {
    fetch: fetchWithDispatcher(new ProxyAgent(url.href)),
    agent: new HttpsProxyAgent(url.href) as Agent,
  };
}

function exportOf(load: Load, pkg: string, name: string): new (url: string) => unknown {
  let mod: unknown;
  try {
    mod = load(pkg);
  } catch (cause) {
    throw new InvalidOptionError(
      `proxy as a URL needs the package "${pkg}" (npm install undici https-proxy-agent), or pass { dispatcher, agent }: ${(cause as Error)?.message ?? cause}`,
    );
  }
  const ctor = (mod as Record<string, unknown> | undefined)?.[name];
  if (typeof ctor !== "function")
    throw new InvalidOptionError(`proxy: the installed "${pkg}" has no ${name} export`);
  return ctor as new (
    url: string,
  ) => unknown;
}

function fetchWithDispatcher(dispatcher: unknown): FetchLike {
  return (input, init) => fetch(input, { ...init, dispatcher } as RequestInit);
}
