import { nodeGunzip } from "../../packages/node/dist/index.js";
import { checkNodeGunzip } from "../shared/node-gunzip-checks.ts";

Deno.test("Deno: @tiktok-live/node's gunzip agrees with gunzipSync on good and bad members", () => {
  const difference = checkNodeGunzip(nodeGunzip);
  if (difference) throw new Error(difference);
});
