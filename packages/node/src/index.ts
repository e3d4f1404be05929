/**
 * Public API of @tiktok-live/node, listed by name: what users need from core (events,
 * errors, options, pool, web client; the list is core's user-api.ts, written once for both
 * adapters), then the client for Node and its runtime pieces. Core's adapter-writing
 * internals are not re-exported. etc/api/node.api.md records this surface.
 * @module
 */

export * from "@tiktok-live/core/user-api";
export { nodeGunzip } from "./gunzip.js";
export type { NodeProxyOption } from "./proxy.js";
export type { NodeClientOptions } from "./tiktok-live-client.js";
export { TikTokLiveClient } from "./tiktok-live-client.js";
export type { NodeSocketOptions } from "./websocket.js";
export { nodeWebSocketFactory } from "./websocket.js";
