import { expect, test } from "bun:test";
import { zlibGunzip } from "../../packages/deno-bun/dist/index.js";
import { nodeGunzip } from "../../packages/node/dist/index.js";
import { checkGunzip } from "../shared/gunzip-checks.ts";

test("Bun: @tiktok-live/deno-bun's default gunzip runs on Bun's zlib, synchronously, and agrees with gunzipSync", async () => {
  expect(await checkGunzip(zlibGunzip, true)).toBeUndefined();
});

test("Bun: @tiktok-live/node's gunzip agrees with gunzipSync on good and bad members", async () => {
  expect(await checkGunzip(nodeGunzip, true)).toBeUndefined();
});
