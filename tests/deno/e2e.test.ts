import { codecDomains, TikTokLiveClient } from "../../packages/deno-bun/dist/index.js";
import { compare, observe, suiteClientOptions, suiteModes } from "../shared/e2e-suite.ts";
import { startSimulatorProcess } from "../shared/simulator-process.ts";

// The late mode runs first: its listener's codecs must not be loaded yet.
for (const mode of suiteModes) {
  Deno.test(`Deno: the e2e scenario produces the exact event sequence, across a dropped connection (${mode.title})`, async () => {
    if (mode.subscribeViewersOnConnect && codecDomains.get("room")!.isLoaded) {
      throw new Error("room codecs are loaded before the late listener exists");
    }
    const sim = await startSimulatorProcess("e2e");
    try {
      const client = new TikTokLiveClient(`@${sim.uniqueId}`, {
        baseUrls: sim.baseUrls,
        ...suiteClientOptions,
      });
      const seen = observe(client, mode);
      await client.run();
      const difference = compare(seen);
      if (difference) throw new Error(difference);
      if (client.state !== "ended") throw new Error(`state is ${client.state}, expected ended`);
    } finally {
      sim.stop();
    }
  });
}
