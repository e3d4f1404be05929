// Gift leaderboard: adds up the diamonds each viewer sends and prints the top 5
// when the stream ends (or on Ctrl-C).
// Run: npx tsx examples/gift-leaderboard.ts @username
// Against the simulator: start `tiktok-live simulate --scenario showcase`, then
// TIKTOK_BASE_URL=<its web base URL> npx tsx examples/gift-leaderboard.ts @simulated_host
import { GiftEvent, TikTokLiveClient } from "@tiktok-live/node";

const base = process.env.TIKTOK_BASE_URL;
const client = new TikTokLiveClient(process.argv[2] ?? "@username", {
  // Only for the simulator or a proxy: the real TikTok hosts are the default.
  ...(base ? { baseUrls: { web: base, webcast: `${base}/webcast`, signServer: `${base}/sign` } } : {}),
});

// Keyed by uniqueId (stable), showing the nickname (which viewers can change, and may share).
const totals = new Map<string, { nickname: string; diamonds: number }>();

client.on(GiftEvent, (e) => {
  // A streak of 5 Roses arrives as 5 messages with repeatCount 1, 2, … 5. Counting
  // each one would add 1+2+3+4+5; only the last (streaking === false) holds the total,
  // and e.diamonds is already the gift's diamond count × repeatCount.
  if (e.streaking) return;
  const entry = totals.get(e.user.uniqueId) ?? { nickname: e.user.nickname, diamonds: 0 };
  entry.diamonds += e.diamonds;
  totals.set(e.user.uniqueId, entry);
});

process.once("SIGINT", () => void client.disconnect()); // Ctrl-C still prints the board

await client.run(); // resolves when the stream ends or after disconnect()

// Array.prototype.sort is stable: ties keep the order in which viewers first gifted.
const top = [...totals.entries()].sort(([, a], [, b]) => b.diamonds - a.diamonds).slice(0, 5);
console.log("Top gifters:");
if (top.length === 0) console.log("  (no gifts)");
top.forEach(([uniqueId, { nickname, diamonds }], i) => {
  console.log(`${String(i + 1).padStart(2)}. ${nickname} (@${uniqueId}): ${diamonds} 💎`);
});
