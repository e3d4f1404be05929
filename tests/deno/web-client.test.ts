import * as lib from "../../packages/deno-bun/dist/index.js";
import { webClientChecks } from "../shared/web-client-checks.ts";

for (const check of webClientChecks(lib)) {
  Deno.test(`Deno: ${check.name}`, check.run);
}
