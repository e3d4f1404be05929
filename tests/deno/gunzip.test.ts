import { zlibGunzip } from "../../packages/deno-bun/dist/index.js";
import { nodeGunzip } from "../../packages/node/dist/index.js";
import { checkGunzip } from "../shared/gunzip-checks.ts";

async function expectAgreement(gunzip: typeof zlibGunzip): Promise<void> {
  const difference = await checkGunzip(gunzip, true);
  if (difference) throw new Error(difference);
}

Deno.test("Deno: @tiktok-live/deno-bun's default gunzip runs on Deno's zlib, synchronously, and agrees with gunzipSync", () =>
  expectAgreement(zlibGunzip));

Deno.test("Deno: @tiktok-live/node's gunzip agrees with gunzipSync on good and bad members", () =>
  expectAgreement(nodeGunzip));
