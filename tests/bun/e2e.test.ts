import { expect, test } from "bun:test";
import { codecDomains, TikTokLiveClient } from "../../packages/deno-bun/dist/index.js";
import { compare, observe, suiteClientOptions, suiteModes } from "../shared/e2e-suite.ts";
import { startSimulatorProcess } from "../shared/simulator-process.ts";

// The late mode runs first: its listener's codecs must not be loaded yet.
for (const mode of suiteModes) {
  test(`Bun: the e2e scenario produces the exact event sequence, across a dropped connection (${mode.title})`, async () => {
    if (mode.subscribeViewersOnConnect) expect(codecDomains.get("room")!.isLoaded).toBe(false);
    const sim = await startSimulatorProcess("e2e");
    try {
      const client = new TikTokLiveClient(`@${sim.uniqueId}`, {
        baseUrls: sim.baseUrls,
        ...suiteClientOptions,
      });
      const seen = observe(client, mode);
      await client.run();
      expect(compare(seen)).toBeUndefined();
      expect(client.state).toBe("ended");
    } finally {
      sim.stop();
    }
  }, 30_000);
}
