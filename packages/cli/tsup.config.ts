import { defineConfig } from "tsup";
import { jsOnly } from "../../tsup.base.js";

export default defineConfig({
  // cli.ts is the `tiktok-live` bin (its `#!/usr/bin/env node` line is kept by esbuild);
  // index.ts is the typed programmatic entry (`main`, the commands).
  entry: ["src/cli.ts", "src/index.ts"],
  format: ["esm"],
  dts: jsOnly ? false : { entry: "src/index.ts" },
  sourcemap: true,
  clean: true,
  target: "es2022",
});
