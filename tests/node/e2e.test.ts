import { TikTokLiveClient } from "@tiktok-live/node";
import { startSimulator } from "@tiktok-live/testkit";
import { expect, it } from "vitest";
import { compare, observe, suiteClientOptions } from "../shared/e2e-suite.js";

it("Node: the e2e scenario produces the exact event sequence, across a dropped connection", async () => {
  const sim = await startSimulator({ scenario: "e2e" });
  try {
    const client = new TikTokLiveClient(`@${sim.uniqueId}`, {
      ...sim.clientOptions(),
      ...suiteClientOptions,
    });
    const seen = observe(client);
    await client.run();
    expect(compare(seen)).toBeUndefined();
    expect(client.state).toBe("ended");
    // Two push connections: the first was dropped, the second resumed from the cursor.
    expect(sim.push.handshakes.filter((h) => h.accepted)).toHaveLength(2);
    expect(sim.state.signRequests[1]?.query.cursor).toMatch(/^sim-\d+$/);
  } finally {
    await sim.close();
  }
});
