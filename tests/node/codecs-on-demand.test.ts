/**
 * The Node client in a process that never imports the testkit or the codecs
 * entry (the simulator runs in a child process), so codecs load on demand as
 * they do for users. Deno and Bun run the same suite this way too.
 */
import { codecDomains, TikTokLiveClient } from "@tiktok-live/node";
import { expect, it } from "vitest";
import { compare, observe, suiteClientOptions } from "../shared/e2e-suite.js";
import { startSimulatorProcess } from "../shared/simulator-process.js";

const loaded = () => [...codecDomains].filter(([, d]) => d.isLoaded).map(([name]) => name);

it("Node, codecs on demand: the e2e scenario gives the same exact event sequence", async () => {
  expect(loaded()).toEqual([]);
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
    // What the listeners and the control messages need, and nothing nobody listened to.
    expect(loaded()).toEqual(expect.arrayContaining(["chat", "common", "gift", "room", "social"]));
    expect(loaded()).not.toContain("commerce");
    expect(loaded()).not.toContain("game");
    expect(loaded()).not.toContain("engagement");
  } finally {
    sim.stop();
  }
});
