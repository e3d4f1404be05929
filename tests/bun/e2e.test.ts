import { expect, test } from "bun:test";
import { TikTokLiveClient } from "../../packages/deno-bun/dist/index.js";
import { compare, observe, suiteClientOptions } from "../shared/e2e-suite.ts";
import { startSimulatorProcess } from "../shared/simulator-process.ts";

test("Bun: the e2e scenario produces the exact event sequence, across a dropped connection", async () => {
  const sim = await startSimulatorProcess("e2e");
  try {
    const client = new TikTokLiveClient(`@${sim.uniqueId}`, {
      baseUrls: sim.baseUrls,
      ...suiteClientOptions,
    });
    const seen = observe(client);
    await client.run();
    expect(compare(seen)).toBeUndefined();
    expect(client.state).toBe("ended");
  } finally {
    sim.stop();
  }
}, 30_000);
