import { test } from "bun:test";
import * as lib from "../../packages/deno-bun/dist/index.js";
import { webClientChecks } from "../shared/web-client-checks.ts";

for (const check of webClientChecks(lib)) {
  test(`Bun: ${check.name}`, check.run, 30_000);
}
