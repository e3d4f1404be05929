// Live overlay: a web page showing chat and gifts as they happen, for an OBS
// "Browser Source". No framework, no build step: node:http serves index.html and
// pushes events to it with Server-Sent Events (one long HTTP response, text lines).
// Run: npx tsx examples/live-overlay/server.ts @username   then open http://127.0.0.1:8080/
// Against the simulator: TIKTOK_BASE_URL=<its web base URL> npx tsx examples/live-overlay/server.ts @simulated_host
// PORT=… picks another port (0: any free one; the URL is printed).
import { readFileSync } from "node:fs";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { CommentEvent, GiftEvent, LiveEndEvent, TikTokLiveClient } from "@tiktok-live/node";

const base = process.env.TIKTOK_BASE_URL;
const client = new TikTokLiveClient(process.argv[2] ?? "@username", {
  // Only for the simulator or a proxy: the real TikTok hosts are the default.
  ...(base ? { baseUrls: { web: base, webcast: `${base}/webcast`, signServer: `${base}/sign` } } : {}),
});

const page = readFileSync(new URL("./index.html", import.meta.url));
const browsers = new Set<ServerResponse>();

/** One SSE message to every open page: `event:` picks the page's listener, `data:` is one JSON line. */
function broadcast(type: string, data: unknown): void {
  for (const res of browsers) res.write(`event: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
}

client.on(CommentEvent, (e) => broadcast("chat", { user: e.user.nickname, text: e.comment }));
client.on(GiftEvent, (e) => {
  // Show a streak once, when it ends, with its final count (not ×1, ×2, ×3 …).
  if (!e.streaking) broadcast("gift", { user: e.user.nickname, gift: e.gift.name, count: e.repeatCount });
});
client.on(LiveEndEvent, () => broadcast("end", {}));

// Connect to TikTok when the first page opens, not at start-up: until then there
// is nobody to show events to, and the server can be started before going live.
let started = false; // once run() has been called, until it fails
function connectOnce(): void {
  if (started) return;
  started = true;
  client.run().catch((error: Error) => {
    console.error(`Could not connect: ${error.message}`);
    broadcast("status", { text: `Not connected: ${error.message}` });
    started = false; // the next page (re)load tries again
  });
}

const server = createServer((req, res) => {
  if (req.url === "/events") {
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store" });
    res.write(": connected\n\n"); // a comment line: sends the headers now, so the page sees the stream open
    browsers.add(res);
    req.on("close", () => browsers.delete(res));
    connectOnce();
  } else if (req.url === "/" || req.url === "/index.html") {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page);
  } else {
    res.writeHead(404).end();
  }
});

// Idle connections can be cut by proxies; a comment every 15 s keeps them open.
setInterval(() => {
  for (const res of browsers) res.write(": ping\n\n");
}, 15_000).unref();

server.listen(Number(process.env.PORT ?? 8080), "127.0.0.1", () => {
  console.log(`Overlay on http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
});

// Ctrl-C: leave the room politely, end the open streams, then exit.
process.once("SIGINT", async () => {
  await client.disconnect();
  for (const res of browsers) res.end();
  server.close(() => process.exit(0));
});
