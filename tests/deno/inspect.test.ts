import * as lib from "../../packages/deno-bun/dist/index.js";
import { inspectChecks } from "../shared/inspect-checks.ts";

for (const check of inspectChecks(lib, (value) => Deno.inspect(value, { depth: Number.POSITIVE_INFINITY }))) {
  Deno.test(`Deno: ${check.name}`, check.run);
}
