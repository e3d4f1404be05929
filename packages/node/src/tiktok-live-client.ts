import type { Agent } from "node:http";
import {
  TikTokLiveClient as CoreClient,
  type FetchLike,
  type TikTokLiveClientOptions,
} from "@tiktok-live/core";
import { nodeGunzip } from "./gunzip.js";
import { nodeWebSocketFactory } from "./websocket.js";

export interface NodeClientOptions extends TikTokLiveClientOptions {
  /**
   * Proxy settings. `dispatcher` is an undici Dispatcher (e.g. `new ProxyAgent(url)`)
   * for HTTP; `agent` is an http.Agent for the WebSocket.
   */
  proxy?: { dispatcher?: unknown; agent?: Agent };
}

function fetchWithDispatcher(dispatcher: unknown): FetchLike {
  return (input, init) => fetch(input, { ...init, dispatcher } as RequestInit);
}

/**
 * The TikTok LIVE client for Node.js, with Node's WebSocket, zlib and fetch.
 *
 * @example
 * const client = new TikTokLiveClient("@user");
 * client.on(CommentEvent, (e) => console.log(`${e.user.nickname}: ${e.comment}`));
 * await client.run();
 */
export class TikTokLiveClient extends CoreClient {
  constructor(uniqueId: string, options: NodeClientOptions = {}) {
    const { proxy, ...rest } = options ?? {};
    super(uniqueId, rest, {
      fetch: rest.fetch ?? (proxy?.dispatcher ? fetchWithDispatcher(proxy.dispatcher) : globalThis.fetch),
      webSocketFactory:
        rest.webSocketFactory ?? nodeWebSocketFactory(proxy?.agent ? { agent: proxy.agent } : {}),
      gunzip: rest.gunzip ?? nodeGunzip,
    });
  }
}
