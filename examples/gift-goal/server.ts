// Gift goal bar: a progress bar toward a diamond goal, for an OBS "Browser Source".
// node:http serves index.html and pushes the running total to it with Server-Sent
// Events, like the live-overlay example next to this one.
// Run: GOAL=5000 npx tsx examples/gift-goal/server.ts @username   then open http://127.0.0.1:8081/
// Against the simulator: TIKTOK_BASE_URL=<its web base URL> npx tsx examples/gift-goal/server.ts @simulated_host
// GOAL is in diamonds (default 1000); PORT=… picks another port (0: any free one; the URL is printed).
import { readFileSync } from "node:fs";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { GiftEvent, TikTokLiveClient } from "@tiktok-live/node";

const goal = Number(process.env.GOAL ?? 1000);
const base = process.env.TIKTOK_BASE_URL;
const client = new TikTokLiveClient(process.argv[2] ?? "@username", {
  // Only for the simulator or a proxy: the real TikTok hosts are the default.
  ...(base ? { baseUrls: { web: base, webcast: `${base}/webcast`, signServer: `${base}/sign` } } : {}),
});

// The total lives here, not in the page: OBS reloads a Browser Source whenever the
// scene is shown again, and a reloaded page must not start back at zero.
let diamonds = 0;
const pages = new Set<ServerResponse>();
const progress = () => `event: progress\ndata: ${JSON.stringify({ diamonds, goal })}\n\n`;

client.on(GiftEvent, (e) => {
  // A streak of 5 Roses arrives as 5 messages (repeatCount 1 … 5); only the last one,
  // where streaking is false, is counted, once. e.diamonds is gift.diamondCount ×
  // repeatCount (at least 1: a gift sent outside a streak may carry repeatCount 0).
  if (e.streaking) return;
  diamonds += e.diamonds;
  for (const res of pages) res.write(progress());
});

const page = readFileSync(new URL("./index.html", import.meta.url));
const server = createServer((req, res) => {
  if (req.url === "/events") {
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store" });
    res.write(progress()); // the current total at once, so the bar never shows a stale zero
    pages.add(res);
    req.on("close", () => pages.delete(res));
  } else if (req.url === "/" || req.url === "/index.html") {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page);
  } else {
    res.writeHead(404).end();
  }
});

// Idle connections can be cut by proxies; a comment every 15 s keeps them open.
setInterval(() => {
  for (const res of pages) res.write(": ping\n\n");
}, 15_000).unref();

server.listen(Number(process.env.PORT ?? 8081), "127.0.0.1", () => {
  console.log(`Gift goal on http://127.0.0.1:${(server.address() as AddressInfo).port}/ (goal: ${goal} 💎)`);
});

// Counting starts now, not when a page opens: gifts sent while OBS shows another scene still count.
client.run().then(
  () => console.log(`The LIVE has ended at ${diamonds} / ${goal} 💎; Ctrl-C to stop the server`),
  (error: Error) => {
    console.error(`Could not connect: ${error.message}`);
    process.exitCode = 1;
    server.close();
  },
);

// Ctrl-C: leave the room politely, end the open streams, then exit.
process.once("SIGINT", async () => {
  await client.disconnect();
  for (const res of pages) res.end();
  server.close(() => process.exit(0));
});
