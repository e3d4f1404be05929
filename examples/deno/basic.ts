// The Python TikTokLive README example, in TypeScript on Deno.
// Run: deno run -A examples/deno/basic.ts @username
// Against the simulator: TIKTOK_BASE_URL=<simulator web URL> deno run -A examples/deno/basic.ts @simulated_host
import { CommentEvent, ConnectEvent, TikTokLiveClient } from "@tiktok-live/deno-bun";

const base = Deno.env.get("TIKTOK_BASE_URL");
const client = new TikTokLiveClient(Deno.args[0] ?? "@username", {
  ...(base ? { baseUrls: { web: base, webcast: `${base}/webcast`, signServer: `${base}/sign` } } : {}),
});

client.on(ConnectEvent, (event) => {
  console.log(`Connected to @${event.uniqueId} (Room ID: ${client.roomId})`);
});

client.on(CommentEvent, async (event) => {
  console.log(`${event.user.nickname} -> ${event.comment}`);
});

await client.run();
