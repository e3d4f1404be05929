// The Python TikTokLive README example, in TypeScript on Node.
// Run: npx tsx examples/node/basic.ts @username
// Against the simulator: start `tiktok-live simulate --scenario showcase`, then
// TIKTOK_BASE_URL=<its web base URL> npx tsx examples/node/basic.ts @simulated_host
import { CommentEvent, ConnectEvent, TikTokLiveClient } from "@tiktok-live/node";

const base = process.env.TIKTOK_BASE_URL;
const client = new TikTokLiveClient(process.argv[2] ?? "@username", {
  // Only for the simulator or a proxy: the real TikTok hosts are the default.
  ...(base ? { baseUrls: { web: base, webcast: `${base}/webcast`, signServer: `${base}/sign` } } : {}),
});

client.on(ConnectEvent, (event) => {
  console.log(`Connected to @${event.uniqueId} (Room ID: ${client.roomId})`);
});

async function onComment(event: CommentEvent): Promise<void> {
  console.log(`${event.user.nickname} -> ${event.comment}`);
}
client.on(CommentEvent, onComment);

await client.run();
