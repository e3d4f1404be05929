import type { Options } from "tsup";

/**
 * `TIKTOK_LIVE_JS_ONLY=1` (set by `pnpm demo`) builds JavaScript without declarations: the demo
 * only runs the CLI, and the declarations were two thirds of its build's CPU time. Every other
 * build (test, bench, publish) emits them. turbo hashes the variable, so the two builds never
 * share a cache entry.
 */
export const jsOnly: boolean = process.env.TIKTOK_LIVE_JS_ONLY === "1";

/** Build settings shared by every published library package: ESM with declarations and source maps. */
export const libraryBuild: Options = {
  entry: ["src/index.ts"],
  format: ["esm"],
  dts: !jsOnly,
  sourcemap: true,
  clean: true,
  target: "es2022",
  treeshake: true,
  // Deno resolves built-ins only as "node:zlib", never as a bare "zlib".
  removeNodeProtocol: false,
};
