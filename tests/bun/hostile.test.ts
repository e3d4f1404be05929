import { expect, test } from "bun:test";
import { TikTokLiveClient, type TikTokLiveClientOptions } from "../../packages/deno-bun/dist/index.js";
import { hostileChecks, type MakeClient } from "../shared/hostile-suite.ts";

const make: MakeClient = (uniqueId, options) =>
  new TikTokLiveClient(uniqueId, options as TikTokLiveClientOptions);

for (const [name, check] of Object.entries(hostileChecks)) {
  test(`Bun: hostile server, ${name}`, async () => {
    expect(await check(make)).toBeUndefined();
  }, 30_000);
}
