/**
 * Public API of @tiktok-live/deno-bun, listed by name: what users need from core (events,
 * errors, options, pool, web client; the list is core's user-api.ts, written once for both
 * adapters), then the client for Deno and Bun and its runtime pieces. Core's adapter-writing
 * internals are not re-exported. etc/api/deno-bun.api.md records this surface.
 * @module
 */

export * from "@tiktok-live/core/user-api";
export { webGunzip } from "./gunzip.js";
export type { DenoBunProxyOption, ProxyRuntime, ProxyTransport } from "./proxy.js";
export { detectRuntime, ProxyNotSupportedError, proxyTransport } from "./proxy.js";
export type { DenoBunClientOptions } from "./tiktok-live-client.js";
export { TikTokLiveClient } from "./tiktok-live-client.js";
export { webWebSocketFactory } from "./websocket.js";
export { zlibGunzip } from "./zlib-gunzip.js";
