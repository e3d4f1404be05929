import { expect, test } from "bun:test";
import { nodeGunzip } from "../../packages/node/dist/index.js";
import { checkNodeGunzip } from "../shared/node-gunzip-checks.ts";

test("Bun: @tiktok-live/node's gunzip agrees with gunzipSync on good and bad members", () => {
  expect(checkNodeGunzip(nodeGunzip)).toBeUndefined();
});
