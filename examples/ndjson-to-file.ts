// NDJSON to a file: every event the client emits, one JSON object per line, for
// jq, a database import or your own replay tooling.
// Run: npx tsx examples/ndjson-to-file.ts @username [events.ndjson]
// Against the simulator: start `tiktok-live simulate --scenario showcase`, then
// TIKTOK_BASE_URL=<its web base URL> npx tsx examples/ndjson-to-file.ts @simulated_host out.ndjson

import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { type BaseEvent, protoEventClasses, TikTokLiveClient } from "@tiktok-live/node";

const path = process.argv[3] ?? "events.ndjson";
const base = process.env.TIKTOK_BASE_URL;
const client = new TikTokLiveClient(process.argv[2] ?? "@username", {
  // Only for the simulator or a proxy: the real TikTok hosts are the default.
  ...(base ? { baseUrls: { web: base, webcast: `${base}/webcast`, signServer: `${base}/sign` } } : {}),
});

const file = createWriteStream(path, { flags: "w" });
let count = 0;
// toJSON() makes this safe: 64-bit ids (msgId, userId, roomId) become decimal
// strings instead of being rounded, and bytes become base64.
const write = (event: BaseEvent) => {
  file.write(`${JSON.stringify(event)}\n`);
  count++;
};

// The client only decodes messages someone listens to, so "every event" means
// subscribing to each name: the lifecycle events plus every TikTok message class
// (which includes the derived ones: follow, share, liveEnd, …). `websocketResponse`
// is left out on purpose: it repeats each batch's messages as metadata.
for (const name of ["connect", "disconnect", "reconnecting", "unknown"] as const) client.on(name, write);
for (const eventClass of protoEventClasses) client.on(eventClass, write);
client.on("error", (error) => console.error(`warning: ${error.message}`)); // a bad message is skipped, not fatal

process.once("SIGINT", () => void client.disconnect()); // Ctrl-C still closes the file properly

await client.run(); // resolves when the stream ends or after disconnect()

// Wait for the last lines to reach the disk before reporting.
file.end();
await once(file, "finish");
console.log(`Wrote ${count} events to ${path}`);
