import { TikTokLiveClient as CoreClient, type TikTokLiveClientOptions } from "@tiktok-live/core";
import { type DenoBunProxyOption, proxyTransport } from "./proxy.js";
import { webWebSocketFactory } from "./websocket.js";
import { zlibGunzip } from "./zlib-gunzip.js";

export interface DenoBunClientOptions extends TikTokLiveClientOptions {
  /**
   * A proxy for every request and the WebSocket, e.g.
   * `"http://user:password@proxy.example:8080"`: on Deno through a
   * `Deno.createHttpClient` proxy (Deno 2.6+, also `socks5://`), on Bun through
   * the `proxy` option of fetch and WebSocket (Bun 1.3.6+). Elsewhere, or on
   * older versions whose WebSocket would ignore it, the constructor throws
   * ProxyNotSupportedError.
   */
  proxy?: DenoBunProxyOption;
}

/**
 * The TikTok LIVE client for Deno and Bun, on the runtime's WebSocket, fetch
 * and built-in zlib.
 *
 * @example
 * const client = new TikTokLiveClient("@user");
 * client.on(CommentEvent, (e) => console.log(`${e.user.nickname}: ${e.comment}`));
 * await client.run();
 */
export class TikTokLiveClient extends CoreClient {
  constructor(uniqueId: string, options: DenoBunClientOptions = {}) {
    const { proxy, ...rest } = options ?? {};
    const viaProxy = proxy === undefined ? undefined : proxyTransport(proxy);
    super(uniqueId, rest, {
      fetch: rest.fetch ?? viaProxy?.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      webSocketFactory: rest.webSocketFactory ?? viaProxy?.webSocketFactory ?? webWebSocketFactory,
      gunzip: rest.gunzip ?? zlibGunzip,
    });
  }
}
