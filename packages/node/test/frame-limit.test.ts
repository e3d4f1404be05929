/**
 * Issue 14 row 10: a frame over `limits.maxFrameBytes` ends the connection
 * the same way whatever its size. Before, a frame under `ws`'s fixed 16 MiB
 * was a DecodeError on a live connection and a bigger one a close; now the
 * socket's cap is the client's limit and both are a close 1009.
 */
import { startSimulator } from "@tiktok-live/testkit";
import { describe, expect, it } from "vitest";
import { type DisconnectEvent, TikTokLiveClient, WebSocketClosedError } from "../src/index.js";

const limit = 64 * 1024;

async function disconnectAfterFrame(size: number): Promise<{ event: DisconnectEvent; decodeErrors: number }> {
  const sim = await startSimulator();
  try {
    const client = new TikTokLiveClient(`@${sim.uniqueId}`, {
      ...sim.clientOptions(),
      limits: { maxFrameBytes: limit },
      reconnect: { enabled: false },
    });
    let decodeErrors = 0;
    client.on("error", (e) => {
      if (e.code === "DECODE") decodeErrors++;
    });
    const disconnected = client.waitFor("disconnect");
    await client.connect();
    await sim.waitForClient();
    sim.sendRaw(new Uint8Array(size).fill(7));
    const event = await disconnected;
    return { event, decodeErrors };
  } finally {
    await sim.close();
  }
}

describe("oversized frames (row 10)", () => {
  it.each([
    ["just over the limit (under ws's old 16 MiB cap)", limit + 1],
    ["over 16 MiB", 17 * 1024 * 1024],
  ])("%s: one close 1009 naming limits.maxFrameBytes", async (_label, size) => {
    const { event, decodeErrors } = await disconnectAfterFrame(size);
    expect(event.reason).toBe("connection-lost");
    expect(event.closeCode).toBe(1009);
    expect(event.error).toBeInstanceOf(WebSocketClosedError);
    expect((event.error as WebSocketClosedError).closeCode).toBe(1009);
    expect(event.error?.message).toBe(
      `The push connection closed (code 1009): a frame was larger than limits.maxFrameBytes (${limit} bytes)`,
    );
    expect(decodeErrors).toBe(0);
  });

  it("a frame exactly at the limit is accepted (decoded, not a close)", async () => {
    const sim = await startSimulator();
    try {
      const client = new TikTokLiveClient(`@${sim.uniqueId}`, {
        ...sim.clientOptions(),
        limits: { maxFrameBytes: limit },
        reconnect: { enabled: false },
      });
      const decodeError = new Promise<{ code: string }>((resolve) => client.on("error", resolve));
      await client.connect();
      await sim.waitForClient();
      sim.sendRaw(new Uint8Array(limit).fill(7));
      // Garbage of the right size is a DecodeError on a connection that stays up.
      expect((await decodeError).code).toBe("DECODE");
      expect(client.state).toBe("connected");
      await client.disconnect();
    } finally {
      await sim.close();
    }
  });
});
