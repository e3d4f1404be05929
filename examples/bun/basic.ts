// The Python TikTokLive README example, in TypeScript on Bun.
// Run: bun examples/bun/basic.ts @username
// Against the simulator: TIKTOK_BASE_URL=<simulator web URL> bun examples/bun/basic.ts @simulated_host
import { CommentEvent, ConnectEvent, TikTokLiveClient } from "@tiktok-live/deno-bun";

const base = Bun.env.TIKTOK_BASE_URL;
const client = new TikTokLiveClient(Bun.argv[2] ?? "@username", {
  ...(base ? { baseUrls: { web: base, webcast: `${base}/webcast`, signServer: `${base}/sign` } } : {}),
});

client.on(ConnectEvent, (event) => {
  console.log(`Connected to @${event.uniqueId} (Room ID: ${client.roomId})`);
});

client.on(CommentEvent, async (event) => {
  console.log(`${event.user.nickname} -> ${event.comment}`);
});

await client.run();
