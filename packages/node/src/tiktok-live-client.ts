import {
  TikTokLiveClient as CoreClient,
  type RecordVideoOptions,
  type TikTokLiveClientOptions,
  type VideoRecording,
} from "@tiktok-live/core";
import { nodeGunzip } from "./gunzip.js";
import { type NodeProxyOption, proxyCapabilities } from "./proxy.js";
import { recordToFile } from "./record-to-file.js";
import { nodeWebSocketFactory } from "./websocket.js";

export interface NodeClientOptions extends TikTokLiveClientOptions {
  /**
   * A proxy for every request and the WebSocket: a URL such as
   * `"http://user:password@proxy.example:8080"` (needs the packages `undici`
   * and `https-proxy-agent`), or `{ dispatcher, agent }`: an undici Dispatcher
   * (e.g. `new ProxyAgent(url)`) for HTTP and an `http.Agent` for the WebSocket.
   */
  proxy?: NodeProxyOption;
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
    const viaProxy = proxyCapabilities(proxy);
    super(uniqueId, rest, {
      fetch: rest.fetch ?? viaProxy.fetch ?? globalThis.fetch,
      webSocketFactory:
        rest.webSocketFactory ?? nodeWebSocketFactory(viaProxy.agent ? { agent: viaProxy.agent } : {}),
      gunzip: rest.gunzip ?? nodeGunzip,
    });
  }

  /** Records the room's video into a file (replaced if it exists) or a WritableStream; see the core client. */
  override recordVideo(
    target: string | WritableStream<Uint8Array>,
    options: RecordVideoOptions = {},
  ): Promise<VideoRecording> {
    if (typeof target !== "string") return super.recordVideo(target, options);
    return recordToFile(target, (stream) => super.recordVideo(stream, options));
  }
}
