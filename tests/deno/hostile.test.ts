import { TikTokLiveClient, type TikTokLiveClientOptions } from "../../packages/deno-bun/dist/index.js";
import { hostileChecks, type MakeClient } from "../shared/hostile-suite.ts";

const make: MakeClient = (uniqueId, options) =>
  new TikTokLiveClient(uniqueId, options as TikTokLiveClientOptions);

for (const [name, check] of Object.entries(hostileChecks)) {
  Deno.test(`Deno: hostile server, ${name}`, async () => {
    const problem = await check(make);
    if (problem) throw new Error(problem);
  });
}
