import type { Options } from "tsup";

/** Build settings shared by every published library package: ESM with declarations and source maps. */
export const libraryBuild: Options = {
  entry: ["src/index.ts"],
  format: ["esm"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "es2022",
  treeshake: true,
  // Deno resolves built-ins only as "node:zlib", never as a bare "zlib".
  removeNodeProtocol: false,
};
