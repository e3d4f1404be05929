import { defineConfig } from "tsup";
import { libraryBuild } from "../../tsup.base.js";

// `@tiktok-live/core/zlib-engine` is an entry of its own: only adapters that have node:zlib import it.
export default defineConfig({
  ...libraryBuild,
  entry: { index: "src/index.ts", "zlib-engine": "src/compression/zlib-engine.ts" },
});
