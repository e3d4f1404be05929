import {
  type FetchLike,
  InvalidOptionError,
  type SocketLike,
  TikTokLiveError,
  type WebSocketFactory,
} from "@tiktok-live/core";

/** A proxy URL: `"http://user:password@proxy.example:8080"` (Deno also takes `socks5://`). */
export type DenoBunProxyOption = string | URL;

/**
 * The runtime cannot send the WebSocket (or any request) through a proxy.
 * Thrown by the constructor, before anything connects: traffic that would go
 * around the proxy is never sent.
 */
export class ProxyNotSupportedError extends TikTokLiveError {
  override readonly name: string = "ProxyNotSupportedError";
  constructor(
    /** The runtime and version, e.g. `"Deno 2.4.0"`. */
    readonly runtime: string,
    message: string,
  ) {
    super("PROXY_NOT_SUPPORTED", message);
  }
}

/** What the client needs to go through the proxy: a fetch and a WebSocket factory. */
export interface ProxyTransport {
  fetch: FetchLike;
  webSocketFactory: WebSocketFactory;
}

interface DenoHttpClient {
  close(): void;
}
interface DenoLike {
  version: { deno: string };
  createHttpClient?: (options: {
    proxy: { url: string; basicAuth?: { username: string; password: string } };
  }) => DenoHttpClient;
}
interface BunLike {
  version: string;
}

/** The runtime this code runs on, as far as proxies are concerned. */
export type ProxyRuntime =
  | { name: "deno"; version: string; deno: DenoLike }
  | { name: "bun"; version: string }
  | { name: "other"; version: string };

export function detectRuntime(): ProxyRuntime {
  const g = globalThis as { Deno?: DenoLike; Bun?: BunLike };
  if (g.Bun?.version) return { name: "bun", version: g.Bun.version };
  if (g.Deno?.version?.deno) return { name: "deno", version: g.Deno.version.deno, deno: g.Deno };
  return { name: "other", version: "" };
}

// The first releases whose WebSocket takes a proxy: Deno's `client` option
// (denoland/deno#30692, after 2.5) and Bun's `proxy` option (oven-sh/bun#25614,
// after 1.3.5). Older ones ignore the option and would connect directly.
const minimumWebSocketProxy = { deno: [2, 6, 0], bun: [1, 3, 6] } as const;

function atLeast(version: string, minimum: readonly number[]): boolean {
  const parts = version.split(/[.+-]/).map((p) => Number.parseInt(p, 10));
  for (let i = 0; i < minimum.length; i++) {
    const have = parts[i] ?? 0;
    if (Number.isNaN(have)) return false;
    if (have !== minimum[i]) return have > minimum[i]!;
  }
  return true;
}

const alternative =
  "run on Node.js (@tiktok-live/node takes the same proxy option), or pass your own fetch and webSocketFactory";

function parseProxyUrl(proxy: unknown, schemes: readonly string[]): URL {
  if (typeof proxy !== "string" && !(proxy instanceof URL))
    throw new InvalidOptionError('proxy must be a proxy URL, e.g. "http://user:password@proxy.example:8080"');
  let url: URL;
  try {
    url = new URL(String(proxy));
  } catch {
    throw new InvalidOptionError("proxy is not a valid URL (expected e.g. http://host:8080)");
  }
  if (!schemes.includes(url.protocol))
    throw new InvalidOptionError(
      `proxy: ${url.protocol} proxies are not supported here; use ${schemes.map((s) => `${s}//`).join(", ")}`,
    );
  return url;
}

/**
 * Turns the `proxy` option into a fetch and a WebSocket factory that go
 * through it, with the runtime's own means: a `Deno.HttpClient` with a proxy
 * on Deno (for fetch and, as `client`, for the WebSocket), the `proxy` option
 * of fetch and WebSocket on Bun. Anywhere else, or on a version whose
 * WebSocket would ignore the proxy, it throws ProxyNotSupportedError.
 */
export function proxyTransport(proxy: unknown, runtime: ProxyRuntime = detectRuntime()): ProxyTransport {
  switch (runtime.name) {
    case "deno":
      return denoTransport(proxy, runtime);
    case "bun":
      return bunTransport(proxy, runtime.version);
    default:
      throw new ProxyNotSupportedError(
        "this runtime",
        `proxy works on Deno and Bun with this package; this runtime is neither: ${alternative}`,
      );
  }
}

function denoTransport(proxy: unknown, runtime: { version: string; deno: DenoLike }): ProxyTransport {
  const url = parseProxyUrl(proxy, ["http:", "https:", "socks5:", "socks5h:"]);
  const name = `Deno ${runtime.version}`;
  const create = runtime.deno.createHttpClient;
  if (typeof create !== "function")
    throw new ProxyNotSupportedError(
      name,
      `proxy needs Deno.createHttpClient, which ${name} lacks: ${alternative}`,
    );
  if (!atLeast(runtime.version, minimumWebSocketProxy.deno))
    throw new ProxyNotSupportedError(
      name,
      `${name}'s WebSocket cannot use a proxy (Deno 2.6 and later can): upgrade Deno, or ${alternative}`,
    );
  // Credentials go in basicAuth; the URL Deno gets has none.
  const basicAuth = url.username
    ? { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) }
    : undefined;
  const bare = new URL(url.href);
  bare.username = "";
  bare.password = "";
  // One HttpClient for the client's life: it holds the proxy connections.
  const client = create.call(runtime.deno, {
    proxy: { url: bare.href, ...(basicAuth ? { basicAuth } : {}) },
  });
  return {
    fetch: (input, init) => globalThis.fetch(input, { ...init, client } as RequestInit),
    webSocketFactory: (request) => openWebSocket(request, { client }),
  };
}

function bunTransport(proxy: unknown, version: string): ProxyTransport {
  const url = parseProxyUrl(proxy, ["http:", "https:"]);
  const name = `Bun ${version}`;
  if (!atLeast(version, minimumWebSocketProxy.bun))
    throw new ProxyNotSupportedError(
      name,
      `${name}'s WebSocket cannot use a proxy (Bun 1.3.6 and later can): upgrade Bun, or ${alternative}`,
    );
  // Bun takes credentials in the URL and sends them as Proxy-Authorization.
  const href = url.href;
  return {
    fetch: (input, init) => globalThis.fetch(input, { ...init, proxy: href } as RequestInit),
    webSocketFactory: (request) => openWebSocket(request, { proxy: href }),
  };
}

function openWebSocket(request: Parameters<WebSocketFactory>[0], extra: object): SocketLike {
  const Ctor = globalThis.WebSocket as unknown as new (url: string, options: object) => SocketLike;
  return new Ctor(request.url, {
    headers: request.headers,
    ...(request.protocols ? { protocols: request.protocols } : {}),
    ...extra,
  });
}
