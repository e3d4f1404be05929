import { defineConfig } from "vitest/config";

// One run for every package's unit tests and the Node end-to-end suite.
// Deno and Bun suites run under their own runtimes (see package.json `test:deno` / `test:bun`).
export default defineConfig({
  test: {
    include: [
      "packages/*/src/**/*.test.ts",
      "packages/*/test/**/*.test.ts",
      "tools/*/test/**/*.test.ts",
      "tests/node/**/*.test.ts",
    ],
    exclude: ["**/node_modules/**", "**/dist/**"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: "threads",
    coverage: {
      provider: "v8",
      include: ["packages/*/src/**/*.ts", "tools/*/src/**/*.ts"],
      exclude: [
        "packages/proto/src/gen/**",
        "packages/proto/src/events/generated/**",
        "packages/proto/src/*.generated.ts",
        "**/*.test.ts",
      ],
    },
  },
});
