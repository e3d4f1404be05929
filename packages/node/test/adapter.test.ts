import { Agent } from "node:http";
import { gzipSync } from "node:zlib";
import { startSimulator } from "@tiktok-live/testkit";
import { afterEach, describe, expect, it, vi } from "vitest";
import { nodeGunzip, TikTokLiveClient } from "../src/index.js";

describe("nodeGunzip", () => {
  it("inflates a gzip member", () => {
    expect(new TextDecoder().decode(nodeGunzip(gzipSync("hello push frame"), 1024))).toBe("hello push frame");
  });

  it("refuses to inflate past the cap (gzip bomb)", () => {
    const bomb = gzipSync(new Uint8Array(10 * 1024 * 1024)); // ~10 KB on the wire, 10 MB inflated
    expect(bomb.length).toBeLessThan(20_000);
    expect(() => nodeGunzip(bomb, 64 * 1024)).toThrow(RangeError);
  });
});

describe("Node client wiring", () => {
  const originalFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = originalFetch;
  });

  it("sends the Cookie and User-Agent on the WebSocket handshake, through the given agent", async () => {
    const sim = await startSimulator();
    const agent = new Agent({ keepAlive: false });
    const created = vi.spyOn(agent, "createConnection");
    try {
      const client = new TikTokLiveClient(`@${sim.uniqueId}`, {
        ...sim.clientOptions(),
        userAgent: "Mozilla/5.0 (Macintosh) TestAgent/1.0",
        proxy: { agent },
      });
      await client.connect();
      const accepted = sim.push.handshakes.filter((h) => h.accepted);
      expect(accepted).toHaveLength(1);
      expect(accepted[0]?.cookie).toContain(`ttwid=${sim.state.ttwid}`);
      expect(accepted[0]?.cookie).toContain("tt-target-idc=useast1a");
      expect(accepted[0]?.userAgent).toBe("Mozilla/5.0 (Macintosh) TestAgent/1.0");
      expect(created).toHaveBeenCalled();
      await client.disconnect();
    } finally {
      await sim.close();
    }
  });

  it("passes the proxy dispatcher to every fetch", async () => {
    // Shaped like an undici Dispatcher: the client refuses objects fetch could not use.
    const dispatcher = { marker: "proxy-dispatcher", dispatch: () => true };
    const seen: unknown[] = [];
    globalThis.fetch = (async (_input: unknown, init?: RequestInit & { dispatcher?: unknown }) => {
      seen.push(init?.dispatcher);
      return new Response(JSON.stringify({ data: [{ alive: false }] }), { status: 200 });
    }) as typeof fetch;
    const client = new TikTokLiveClient("@someone", { roomId: "7311111111111111111", proxy: { dispatcher } });
    await expect(client.isLive()).resolves.toBe(false);
    expect(seen).toEqual([dispatcher]);
  });
});
