import { expect, test } from "bun:test";
import { TikTokLiveClient, UntrustedHostError } from "../../packages/deno-bun/dist/index.js";
import {
  frameCap,
  frameTooLargeMessage,
  oversizedFrames,
  startHostileSimulator,
} from "../shared/hostile-simulator-process.ts";

// Bun's WebSocket client cannot cap a message's size: the client's own check must end both the same way.
for (const frame of oversizedFrames) {
  test(`Bun: a frame ${frame.title} closes the connection with 1009 naming the limit`, async () => {
    const sim = await startHostileSimulator("oversized-frame", frame.bytes);
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

test("Bun: a push server on a host nobody configured is refused before any handshake (row 1)", async () => {
  const sim = await startHostileSimulator("foreign-push");
  try {
    const client = new TikTokLiveClient(`@${sim.uniqueId}`, {
      baseUrls: sim.baseUrls,
      sessionId: "c0ffee0123456789",
      reconnect: { enabled: false },
    });
    const error = await client.connect().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UntrustedHostError);
    expect((error as UntrustedHostError).host).toBe(sim.foreignHost!);
  } finally {
    sim.stop();
  }
});
