import type { Agent } from "node:http";
import type { SocketLike, WebSocketFactory } from "@tiktok-live/core";
import { WebSocket } from "isows";

export interface NodeSocketOptions {
  /** An `http.Agent` for the WebSocket, e.g. from `https-proxy-agent`, to go through a proxy. */
  agent?: Agent;
}

/**
 * WebSocket via isows, which is `ws` on Node: unlike the global WebSocket it
 * sends the Cookie and User-Agent headers TikTok's push server checks.
 */
export function nodeWebSocketFactory(options: NodeSocketOptions = {}): WebSocketFactory {
  return (request) => {
    const Ctor = WebSocket as unknown as new (
      url: string,
      protocols: string[] | undefined,
      opts: object,
    ) => SocketLike;
    return new Ctor(request.url, request.protocols, {
      headers: request.headers,
      ...(options.agent ? { agent: options.agent } : {}),
      // TikTok never answers pings and sends large batches.
      perMessageDeflate: false,
      maxPayload: 16 * 1024 * 1024,
    });
  };
}
