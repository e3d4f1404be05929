import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));

// One run for every package's unit tests and the Node end-to-end suite.
// Deno and Bun suites run under their own runtimes (see package.json `test:deno` / `test:bun`).
export default defineConfig({
  // Tests run against the sources, so coverage counts them; the pack test checks the built packages.
  resolve: {
    alias: {
      "@tiktok-live/proto/codecs": fileURLToPath(new URL("./packages/proto/src/codecs.ts", import.meta.url)),
      "@tiktok-live/proto": src("proto"),
      "@tiktok-live/core/bytes": fileURLToPath(
        new URL("./packages/core/src/bytes/index.ts", import.meta.url),
      ),
      "@tiktok-live/core/user-api": fileURLToPath(
        new URL("./packages/core/src/user-api.ts", import.meta.url),
      ),
      "@tiktok-live/core/zlib-engine": fileURLToPath(
        new URL("./packages/core/src/compression/zlib-engine.ts", import.meta.url),
      ),
      "@tiktok-live/core": src("core"),
      "@tiktok-live/node": src("node"),
      "@tiktok-live/deno-bun": src("deno-bun"),
      "@tiktok-live/testkit": src("testkit"),
      "@tiktok-live/nats": src("nats"),
    },
  },
  test: {
    include: ["packages/*/test/**/*.test.ts", "tools/*/test/**/*.test.ts", "tests/node/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/dist/**"],
    // Lazily decoded messages compare by their plain form (nested messages are getters).
    setupFiles: ["tests/shared/lazy-equality.ts"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: "threads",
    coverage: {
      provider: "v8",
      include: ["packages/*/src/**/*.ts", "tools/*/src/**/*.ts"],
      // The benchmarks are measured by `pnpm bench`, not tested line by line.
      exclude: ["packages/benchmarks/**", "packages/proto/src/gen/**", "**/*.test.ts"],
    },
  },
});
