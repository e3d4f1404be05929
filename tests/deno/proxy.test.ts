import * as lib from "../../packages/deno-bun/dist/index.js";
import { proxyChecks } from "../shared/proxy-checks.ts";

for (const check of proxyChecks(lib)) {
  // The proxy's Deno.HttpClient lives as long as the client and keeps its pooled connections.
  Deno.test({ name: `Deno: ${check.name}`, fn: check.run, sanitizeResources: false, sanitizeOps: false });
}
