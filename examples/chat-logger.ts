// Chat logger: prints every comment (and emote) as `[HH:MM:SS] nickname: comment`.
// Run: npx tsx examples/chat-logger.ts @username        (Ctrl-C to stop)
// Against the simulator: start `tiktok-live simulate --scenario showcase`, then
// TIKTOK_BASE_URL=<its web base URL> npx tsx examples/chat-logger.ts @simulated_host
import { CommentEvent, EmoteChatEvent, LiveEndEvent, TikTokLiveClient } from "@tiktok-live/node";

const base = process.env.TIKTOK_BASE_URL;
const client = new TikTokLiveClient(process.argv[2] ?? "@username", {
  // Only for the simulator or a proxy: the real TikTok hosts are the default.
  ...(base ? { baseUrls: { web: base, webcast: `${base}/webcast`, signServer: `${base}/sign` } } : {}),
});

// TikTok's own timestamp (ms since the epoch), not the time we received it: the
// first batch replays recent history, which would otherwise all show "now".
function clock(createTime: bigint): string {
  const date = createTime > 0n ? new Date(Number(createTime)) : new Date();
  return date.toLocaleTimeString("en-GB", { hour12: false }); // HH:MM:SS, 24 h
}

client.on(CommentEvent, (e) => {
  console.log(`[${clock(e.createTime)}] ${e.user.nickname}: ${e.comment}`);
});

// Emotes carry no text, only image ids: show a placeholder so the log still reads in order.
client.on(EmoteChatEvent, (e) => {
  const emotes = e.emotes.map((emote) => `[emote ${emote.emoteId}]`).join(" ");
  console.log(`[${clock(e.createTime)}] ${e.user.nickname}: ${emotes || "[emote]"}`);
});

client.on(LiveEndEvent, () => console.log("--- the LIVE has ended ---"));

// Ctrl-C: disconnect instead of dying mid-line, so run() resolves and the process exits 0.
process.once("SIGINT", () => {
  console.log("--- stopped (Ctrl-C) ---");
  void client.disconnect();
});

await client.run(); // resolves on live end or after disconnect()
