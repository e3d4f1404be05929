import { TikTokLiveClient, UntrustedHostError } from "../../packages/deno-bun/dist/index.js";
import {
  frameCap,
  frameTooLargeMessage,
  oversizedFrames,
  startHostileSimulator,
} from "../shared/hostile-simulator-process.ts";

// Deno's WebSocket cannot cap a message's size: the client's own check must end both the same way.
for (const frame of oversizedFrames) {
  Deno.test(`Deno: a frame ${frame.title} closes the connection with 1009 naming the limit`, async () => {
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
      if (event.closeCode !== 1009 || event.error?.message !== frameTooLargeMessage) {
        throw new Error(`expected a close 1009 naming the limit, got ${JSON.stringify(event)}`);
      }
    } finally {
      sim.stop();
    }
  });
}

Deno.test("Deno: a push server on a host nobody configured is refused before any handshake (row 1)", async () => {
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
    if (!(error instanceof UntrustedHostError) || error.host !== sim.foreignHost) {
      throw new Error(`expected UntrustedHostError for ${sim.foreignHost}, got ${String(error)}`);
    }
  } finally {
    sim.stop();
  }
});
