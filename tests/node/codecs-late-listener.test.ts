/**
 * A listener added while connected, for events whose codecs are not loaded
 * (room.proto: nothing else needs them). Routing pauses until they load; the
 * whole event sequence must come out exactly as with every listener up front.
 * Its own file: codecs loaded by another test would hide the pause.
 */
import { codecDomains, TikTokLiveClient } from "@tiktok-live/node";
import { expect, it } from "vitest";
import { compare, observe, suiteClientOptions } from "../shared/e2e-suite.js";
import { startSimulatorProcess } from "../shared/simulator-process.js";

it("Node: a listener added while connected gets its events in order once their codecs load", async () => {
  const room = codecDomains.get("room")!;
  expect(room.isLoaded).toBe(false);
  const sim = await startSimulatorProcess("e2e");
  try {
    const client = new TikTokLiveClient(`@${sim.uniqueId}`, {
      baseUrls: sim.baseUrls,
      ...suiteClientOptions,
    });
    let loadedAtConnect: boolean | undefined;
    client.on("connect", () => {
      loadedAtConnect = room.isLoaded;
    });
    const seen = observe(client, { subscribeViewersOnConnect: true });
    await client.run();
    expect(loadedAtConnect).toBe(false);
    expect(compare(seen)).toBeUndefined();
    expect(room.isLoaded).toBe(true);
  } finally {
    sim.stop();
  }
});
