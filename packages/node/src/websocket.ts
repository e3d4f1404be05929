import type { Agent } from "node:http";
import type { SocketLike, WebSocketFactory } from "@tiktok-live/core";

export interface NodeSocketOptions {
  /** An `http.Agent` for the WebSocket, e.g. from `https-proxy-agent`, to go through a proxy. */
  agent?: Agent;
}

type NodeWebSocket = new (url: string, protocols: string[] | undefined, options: object) => SocketLike;

/** `ws` costs ~40 ms and ~1.4 MiB to import, so it loads with the first connection, not the package. */
let loading: Promise<NodeWebSocket> | undefined;

function loadWebSocket(): Promise<NodeWebSocket> {
  loading ??= import("isows").then(
    (m) => m.WebSocket as unknown as NodeWebSocket,
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/**
 * WebSocket via isows, which is `ws` on Node: unlike the global WebSocket it
 * sends the Cookie and User-Agent headers TikTok's push server checks.
 */
export function nodeWebSocketFactory(options: NodeSocketOptions = {}): WebSocketFactory {
  return async (request) => {
    const WebSocket = await loadWebSocket();
    return new WebSocket(request.url, request.protocols, {
      headers: request.headers,
      ...(options.agent ? { agent: options.agent } : {}),
      // TikTok never answers pings and sends large batches.
      perMessageDeflate: false,
      // The client's own frame cap (limits.maxFrameBytes): ws stops reading a bigger frame at once
      // instead of buffering up to its default 100 MiB, and every oversized frame ends the same way.
      maxPayload: request.maxMessageBytes ?? 16 * 1024 * 1024,
    });
  };
}
