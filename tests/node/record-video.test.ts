import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  flvStreamUrls,
  InvalidResponseError,
  TikTokLiveClient,
  TimeoutError,
  UserOfflineError,
} from "@tiktok-live/node";
import { type Simulator, simulatedFlv, startSimulator } from "@tiktok-live/testkit";
import { afterEach, describe, expect, it } from "vitest";

let sim: Simulator | undefined;
let server: Server | undefined;
let dir: string | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
  server?.closeAllConnections();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

function memorySink(): {
  stream: WritableStream<Uint8Array>;
  bytes: () => Uint8Array;
  closed: () => boolean;
} {
  const chunks: Uint8Array[] = [];
  let closed = false;
  const stream = new WritableStream<Uint8Array>({
    write: (c) => {
      chunks.push(c.slice());
    },
    close: () => {
      closed = true;
    },
  });
  return { stream, bytes: () => new Uint8Array(Buffer.concat(chunks)), closed: () => closed };
}

describe("client.recordVideo against the simulator", () => {
  it("writes the whole FLV stream of the chosen quality to a file and reports its size", async () => {
    sim = await startSimulator();
    dir = await mkdtemp(join(tmpdir(), "tiktok-live-rec-"));
    const file = join(dir, "live.flv");
    const client = new TikTokLiveClient(sim.uniqueId, sim.clientOptions());
    const progress: number[] = [];
    const result = await client.recordVideo(file, {
      quality: "hd",
      onProgress: (p) => progress.push(p.bytes),
    });
    const expected = simulatedFlv("HD1");
    expect(result).toMatchObject({ quality: "hd", stoppedBy: "live-end", bytes: expected.length });
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    expect(new Uint8Array(await readFile(file))).toEqual(expected);
    expect(progress.at(-1)).toBe(expected.length);
    expect(progress.length).toBeGreaterThan(1);
  });

  it("writes into a WritableStream, and sends no cookies to a stream host that is not TikTok's", async () => {
    sim = await startSimulator();
    const client = new TikTokLiveClient(sim.uniqueId, {
      ...sim.clientOptions(),
      sessionId: "secret-session",
    });
    const sink = memorySink();
    const result = await client.recordVideo(sink.stream, { quality: "sd" });
    expect(result.quality).toBe("sd");
    expect(sink.bytes()).toEqual(simulatedFlv("SD1"));
    expect(sink.closed()).toBe(true);
    const streamRequests = sim.state.requests.filter((r) => r.path.startsWith("/stream/"));
    expect(streamRequests).toHaveLength(1);
    expect(streamRequests[0]!.cookie).toBe("");
    // The API on the same loopback host did get the session (it is a configured base URL).
    expect(sim.state.requests.find((r) => r.path === "/webcast/room/info/")!.cookie).toContain("sessionid=");
  });

  it("stops when the signal aborts and reports what it wrote", async () => {
    sim = await startSimulator();
    const client = new TikTokLiveClient(sim.uniqueId, sim.clientOptions());
    const controller = new AbortController();
    const sink = memorySink();
    const result = await client.recordVideo(sink.stream, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.bytes >= 64) controller.abort();
      },
    });
    expect(result.stoppedBy).toBe("abort");
    expect(result.bytes).toBeLessThan(simulatedFlv("FULL_HD1").length);
    expect(sink.bytes().length).toBe(result.bytes);
  });

  it("ends at once with UserOfflineError when the room is not live", async () => {
    sim = await startSimulator();
    sim.state.status = 4;
    const client = new TikTokLiveClient(sim.uniqueId, { ...sim.clientOptions(), roomId: sim.roomId });
    await expect(client.recordVideo(memorySink().stream)).rejects.toBeInstanceOf(UserOfflineError);
  });
});

/** A room-info host whose stream URL points at `stream` on the same server. */
async function hostileStreamServer(
  stream: (res: import("node:http").ServerResponse) => void,
): Promise<string> {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname === "/webcast/room/info/") {
      const origin = `http://${req.headers.host}`;
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(
        JSON.stringify({
          data: { id_str: "1", status: 2, stream_url: { flv_pull_url: { HD1: `${origin}/v.flv` } } },
        }),
      );
      return;
    }
    stream(res);
  });
  await new Promise<void>((r) => server!.listen(0, "127.0.0.1", () => r()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("client.recordVideo against a hostile stream host", () => {
  it("ends a stalled stream with a TimeoutError", async () => {
    const root = await hostileStreamServer((res) => {
      res.writeHead(200, { "Content-Type": "video/x-flv" });
      res.write(simulatedFlv("HD1").subarray(0, 20)); // then nothing, connection held open
    });
    const client = new TikTokLiveClient("someone", {
      baseUrls: { web: root, webcast: `${root}/webcast` },
      roomId: "1",
    });
    const sink = memorySink();
    const error = await client.recordVideo(sink.stream, { stallTimeoutMs: 200 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(sink.bytes().length).toBe(20);
  });

  it("refuses a body that is not FLV (an error page) without writing it", async () => {
    const root = await hostileStreamServer((res) => {
      res.writeHead(200, { "Content-Type": "text/html" });
      res.end("<html>blocked</html>");
    });
    const client = new TikTokLiveClient("someone", {
      baseUrls: { web: root, webcast: `${root}/webcast` },
      roomId: "1",
    });
    const sink = memorySink();
    await expect(client.recordVideo(sink.stream)).rejects.toBeInstanceOf(InvalidResponseError);
    expect(sink.bytes().length).toBe(0);
  });
});

describe("flvStreamUrls", () => {
  it("reads the pull data (with origin) before flv_pull_url and ignores what is not an http URL", () => {
    const urls = flvStreamUrls({
      stream_url: {
        flv_pull_url: { FULL_HD1: "https://pull-f5.tiktokcdn.com/a_uhd.flv", SD1: "javascript:alert(1)" },
        live_core_sdk_data: {
          pull_data: {
            stream_data: JSON.stringify({
              data: {
                origin: { main: { flv: "https://pull-f5.tiktokcdn.com/a.flv" } },
                hd: { main: { flv: 5 } },
              },
            }),
          },
        },
      },
    });
    expect([...urls]).toEqual([
      ["origin", "https://pull-f5.tiktokcdn.com/a.flv"],
      ["uhd", "https://pull-f5.tiktokcdn.com/a_uhd.flv"],
    ]);
  });
});
