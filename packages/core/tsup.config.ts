import { defineConfig } from "tsup";
import { libraryBuild } from "../../tsup.base.js";

// `@tiktok-live/core/zlib-engine` is an entry of its own: only adapters that have node:zlib import it.
// `@tiktok-live/core/user-api` is what the adapters re-export to their users;
// `@tiktok-live/core/bytes` holds byte helpers the adapters share with core.
export default defineConfig({
  ...libraryBuild,
  entry: {
    index: "src/index.ts",
    "user-api": "src/user-api.ts",
    bytes: "src/bytes/index.ts",
    "zlib-engine": "src/compression/zlib-engine.ts",
  },
});
