import { test } from "bun:test";
import * as lib from "../../packages/deno-bun/dist/index.js";
import { proxyChecks } from "../shared/proxy-checks.ts";

for (const check of proxyChecks(lib)) {
  test(`Bun: ${check.name}`, check.run, 30_000);
}
