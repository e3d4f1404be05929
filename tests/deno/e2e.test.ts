import { TikTokLiveClient } from "../../packages/deno-bun/dist/index.js";
import { compare, observe, suiteClientOptions } from "../shared/e2e-suite.ts";
import { startSimulatorProcess } from "../shared/simulator-process.ts";

Deno.test("Deno: the e2e scenario produces the exact event sequence, across a dropped connection", async () => {
  const sim = await startSimulatorProcess("e2e");
  try {
    const client = new TikTokLiveClient(`@${sim.uniqueId}`, {
      baseUrls: sim.baseUrls,
      ...suiteClientOptions,
    });
    const seen = observe(client);
    await client.run();
    const difference = compare(seen);
    if (difference) throw new Error(difference);
    if (client.state !== "ended") throw new Error(`state is ${client.state}, expected ended`);
  } finally {
    sim.stop();
  }
});
