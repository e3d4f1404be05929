import { test } from "bun:test";
import * as lib from "../../packages/deno-bun/dist/index.js";
import { inspectChecks } from "../shared/inspect-checks.ts";

for (const check of inspectChecks(lib, (value) => Bun.inspect(value, { depth: 20 }))) {
  test(`Bun: ${check.name}`, check.run);
}
