// Public API of @tiktok-live/deno-bun: everything from core, with a ready client for Deno and Bun.
export * from "@tiktok-live/core";
export { webGunzip } from "./gunzip.js";
export type { DenoBunProxyOption, ProxyRuntime, ProxyTransport } from "./proxy.js";
export { detectRuntime, ProxyNotSupportedError, proxyTransport } from "./proxy.js";
export type { DenoBunClientOptions } from "./tiktok-live-client.js";
export { TikTokLiveClient } from "./tiktok-live-client.js";
export { webWebSocketFactory } from "./websocket.js";
export { zlibGunzip } from "./zlib-gunzip.js";
