/**
 * Disconnecting while the Node adapter is still creating its `ws` socket (the adapter loads
 * `ws` on first use, so its factory is asynchronous; a pool removing a room does the same)
 * must not crash the process: `ws` reports closing a socket that is still connecting as an
 * error event, an uncaught exception when nothing listens for it.
 */
import { nodeWebSocketFactory, TikTokLiveClient, type WebSocketFactory } from "@tiktok-live/node";
import { startSimulator } from "@tiktok-live/testkit";
import { describe, expect, it } from "vitest";

describe("disconnect while the WebSocket is being created", () => {
  it("closes the new socket without an uncaught error", async () => {
    const sim = await startSimulator({ scenario: "e2e" });
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on("uncaughtException", onUncaught);
    try {
      const real = nodeWebSocketFactory();
      let factoryCalled!: () => void;
      const called = new Promise<void>((resolve) => (factoryCalled = resolve));
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      // The real factory, held until the test has disconnected the client.
      const held: WebSocketFactory = async (request) => {
        factoryCalled();
        await released;
        return real(request);
      };
      const client = new TikTokLiveClient(`@${sim.uniqueId}`, {
        ...sim.clientOptions(),
        webSocketFactory: held,
      });
      const connecting = client.connect().catch((error: unknown) => error);
      await called;
      const stopped = client.disconnect();
      release();
      await stopped;
      await connecting;
      // ws emits the aborted handshake's error on the next tick.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(uncaught).toEqual([]);
      expect(client.state).toBe("disconnected");
    } finally {
      process.off("uncaughtException", onUncaught);
      await sim.close();
    }
  });
});
