/**
 * `@tiktok-live/core/bytes`: byte helpers core shares with the runtime adapters. Not part of
 * what adapters show their users, so kept out of core's main entry.
 * @module
 */
export { concatChunks } from "./concat-chunks.js";
