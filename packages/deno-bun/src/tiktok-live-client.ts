import { TikTokLiveClient as CoreClient, type TikTokLiveClientOptions } from "@tiktok-live/core";
import { webWebSocketFactory } from "./websocket.js";
import { zlibGunzip } from "./zlib-gunzip.js";

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
  constructor(uniqueId: string, options: TikTokLiveClientOptions = {}) {
    super(uniqueId, options, {
      fetch: options?.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      webSocketFactory: options?.webSocketFactory ?? webWebSocketFactory,
      gunzip: options?.gunzip ?? zlibGunzip,
    });
  }
}
