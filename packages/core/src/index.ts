/**
 * Public API of @tiktok-live/core, listed by name. Everything not listed here is
 * internal and may change in any release. What adapters re-export to users is the
 * list in user-api.ts; the names below are for writing an adapter (and the client
 * an adapter wraps). etc/api/core.api.md records this surface; `pnpm api:update` rewrites it.
 * @module
 */

// For writing a runtime adapter: what the client needs from the runtime, and the client it wraps.
export type { ClientCapabilities } from "./capabilities.js";
export { silentLogger } from "./capabilities.js";
export { normalizeUniqueId } from "./client/options.js";
export { TikTokLiveClient } from "./client/tiktok-live-client.js";
// The message-id dedupe, measured by packages/benchmarks against alternatives.
export { MessageDedupe } from "./events/dedupe.js";
// What users need: events, errors, options, the pool and the web client, by name.
export * from "./user-api.js";
