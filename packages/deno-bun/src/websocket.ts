import type { SocketLike, WebSocketFactory } from "@tiktok-live/core";

/**
 * The runtime's own WebSocket. Bun accepts `{ headers }` as the second argument,
 * so the Cookie and User-Agent reach TikTok; Deno takes the same object and
 * applies the headers it supports.
 */
export const webWebSocketFactory: WebSocketFactory = (request) => {
  const Ctor = globalThis.WebSocket as unknown as new (url: string, options: object) => SocketLike;
  return new Ctor(request.url, {
    headers: request.headers,
    ...(request.protocols ? { protocols: request.protocols } : {}),
  });
};
