import { expect, test } from "bun:test";
import { TikTokLiveClient } from "../../packages/deno-bun/dist/index.js";
import {
  frameCap,
  frameTooLargeMessage,
  oversizedFrames,
  startOversizedFrameSimulator,
} from "../shared/oversized-frame-process.ts";

// Bun's WebSocket client cannot cap a message's size: the client's own check must end both the same way.
for (const frame of oversizedFrames) {
  test(`Bun: a frame ${frame.title} closes the connection with 1009 naming the limit`, async () => {
    const sim = await startOversizedFrameSimulator(frame.bytes);
    try {
      const client = new TikTokLiveClient(`@${sim.uniqueId}`, {
        baseUrls: sim.baseUrls,
        limits: { maxFrameBytes: frameCap },
        reconnect: { enabled: false },
      });
      const disconnected = client.waitFor("disconnect", { timeout: 30_000 });
      await client.connect();
      const event = await disconnected;
      expect(event.closeCode).toBe(1009);
      expect(event.error?.message).toBe(frameTooLargeMessage);
    } finally {
      sim.stop();
    }
  }, 40_000);
}
