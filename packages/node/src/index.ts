// Public API of @tiktok-live/node: everything from core, with a ready client for Node.
export * from "@tiktok-live/core";
export { nodeGunzip } from "./gunzip.js";
export type { NodeProxyOption } from "./proxy.js";
export type { NodeClientOptions } from "./tiktok-live-client.js";
export { TikTokLiveClient } from "./tiktok-live-client.js";
export type { NodeSocketOptions } from "./websocket.js";
export { nodeWebSocketFactory } from "./websocket.js";
