// One runtime's decode + dispatch passes over the corpus, run as a child under Node (tsx), Deno or Bun.
// Web APIs and node:fs only, so the same file runs on all three; prints its figures as one JSON line.
import { readFileSync } from "node:fs";
import type { EventClass, TikTokLiveClientOptions } from "@tiktok-live/core";
import { drive, median, nextTurn } from "./harness.js";
import { busyStreamListeners } from "./listeners.js";
import { connectLoopback } from "./loopback-socket.js";

export interface RuntimePassArgs {
  corpusPath: string;
  frameCount: number;
  uniqueId: string;
  clientOptions: TikTokLiveClientOptions;
  rounds: number;
  /** "web": Deno and Bun with `webGunzip` (a DecompressionStream per frame) instead of their default. */
  gunzip: "default" | "web";
}

export interface RuntimePassFigures {
  runtime: string;
  version: string;
  adapter: string;
  gunzip: string;
  /**
   * Whether the adapter's default gunzip answered synchronously here (the reused zlib engine, not its
   * fallback). The passes are calibrated with it, also in the webGunzip runs.
   */
  syncGunzip: boolean;
  frames: number;
  /** Median wall time of a pass with one listener per event type, and with a comment listener only. */
  fullMs: number;
  commentsMs: number;
  samples: number;
}

type Adapter = typeof import("@tiktok-live/deno-bun");

const runtime = "Deno" in globalThis ? "deno" : "Bun" in globalThis ? "bun" : "node";
const version =
  runtime === "deno"
    ? (globalThis as unknown as { Deno: { version: { deno: string } } }).Deno.version.deno
    : runtime === "bun"
      ? (globalThis as unknown as { Bun: { version: string } }).Bun.version
      : process.versions.node;
// Each runtime with the adapter its users install.
const adapterName = runtime === "node" ? "@tiktok-live/node" : "@tiktok-live/deno-bun";
const adapter = (
  runtime === "node" ? await import("@tiktok-live/node") : await import("@tiktok-live/deno-bun")
) as Adapter;

const argv =
  runtime === "deno" ? (globalThis as unknown as { Deno: { args: string[] } }).Deno.args : process.argv;
const args = JSON.parse(argv.at(-1)!) as RuntimePassArgs;

/** The recording's frames (line 1 is its header), decoded from base64 without Buffer. */
function readFrames(path: string, count: number): ArrayBuffer[] {
  const lines = readFileSync(path, "utf8")
    .trim()
    .split("\n")
    .slice(1, count + 1);
  return lines.map((line) => {
    const text = atob((JSON.parse(line) as { frame: string }).frame);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return bytes.buffer;
  });
}

const frames = readFrames(args.corpusPath, args.frameCount);
const all = busyStreamListeners(adapter);
const modes = { full: all, comments: [adapter.CommentEvent] };

function connected(listeners: EventClass[], gunzip = args.gunzip) {
  return connectLoopback(
    (webSocketFactory) =>
      new adapter.TikTokLiveClient(`@${args.uniqueId}`, {
        ...args.clientOptions,
        ...(gunzip === "web" ? { gunzip: adapter.webGunzip } : {}),
        webSocketFactory,
      }),
    listeners,
  );
}

/**
 * Events after each frame, with the default gunzip: synchronous, so a frame's
 * events are all out once the turn ends. The counts depend only on the frames
 * and listeners, so they hold for the async gunzip too.
 */
async function calibrate(listeners: EventClass[]): Promise<number[]> {
  if (!syncGunzip) throw new Error(`${runtime}: the default gunzip is not synchronous; cannot calibrate`);
  const feed = await connected(listeners, "default");
  const expected: number[] = [];
  for (const frame of frames) {
    feed.deliver(frame);
    await nextTurn();
    expected.push(feed.counter.count);
  }
  await feed.client.disconnect();
  return expected;
}

/** Whether the client's default gunzip answers synchronously here (the reused zlib engine, not a fallback). */
async function defaultGunzipIsSync(): Promise<boolean> {
  const gunzip = runtime === "node" ? (await import("@tiktok-live/node")).nodeGunzip : adapter.zlibGunzip;
  const gzipped = new Blob([new Uint8Array(64)]).stream().pipeThrough(new CompressionStream("gzip"));
  const member = new Uint8Array(await new Response(gzipped).arrayBuffer());
  return !(gunzip(member, 1024) instanceof Promise);
}

const syncGunzip = await defaultGunzipIsSync();

const expected = { full: await calibrate(modes.full), comments: await calibrate(modes.comments) };
const times: Record<keyof typeof modes, number[]> = { full: [], comments: [] };
for (let round = 0; round <= args.rounds; round++) {
  // Round 0 warms up; the order alternates so neither mode always runs first.
  const order = round % 2 ? (["comments", "full"] as const) : (["full", "comments"] as const);
  for (const mode of order) {
    const feed = await connected(modes[mode]);
    const t0 = performance.now();
    await drive(feed, frames, expected[mode], 1);
    const ms = performance.now() - t0;
    await feed.client.disconnect();
    if (round > 0) times[mode].push(ms);
  }
}
const figures: RuntimePassFigures = {
  runtime,
  version,
  adapter: adapterName,
  gunzip:
    args.gunzip === "web"
      ? "webGunzip (DecompressionStream)"
      : runtime === "node"
        ? "nodeGunzip"
        : "zlibGunzip",
  syncGunzip,
  frames: frames.length,
  fullMs: median(times.full),
  commentsMs: median(times.comments),
  samples: times.full.length,
};
console.log(JSON.stringify(figures));
process.exit(0);
