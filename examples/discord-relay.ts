// Discord relay: posts a stream's comments, gifts and follows to a Discord channel
// through a webhook (Channel settings → Integrations → Webhooks → Copy URL).
// Run: DISCORD_WEBHOOK_URL=https://discord.com/api/webhooks/… npx tsx examples/discord-relay.ts @username
//   (or give the URL as the second argument; an env var keeps it out of your shell history)
// Against the simulator: TIKTOK_BASE_URL=<its web base URL> … @simulated_host
// DISCORD_QUEUE_LIMIT=… caps the messages waiting for Discord (default 100).
import { setTimeout as sleep } from "node:timers/promises";
import { CommentEvent, FollowEvent, GiftEvent, LiveEndEvent, TikTokLiveClient } from "@tiktok-live/node";

const webhookUrl = process.env.DISCORD_WEBHOOK_URL || process.argv[3] || "";
if (webhookUrl === "") {
  console.error("Usage: DISCORD_WEBHOOK_URL=<webhook URL> npx tsx examples/discord-relay.ts @username");
  process.exit(2);
}

const base = process.env.TIKTOK_BASE_URL;
const client = new TikTokLiveClient(process.argv[2] ?? "@username", {
  // Only for the simulator or a proxy: the real TikTok hosts are the default.
  ...(base ? { baseUrls: { web: base, webcast: `${base}/webcast`, signServer: `${base}/sign` } } : {}),
  // Secrets go to TikTok and the sign server only. Nothing below reads them:
  // payloads are built from event fields alone, so they can never reach Discord.
  ...(process.env.TIKTOK_SESSION_ID ? { sessionId: process.env.TIKTOK_SESSION_ID } : {}),
  ...(process.env.SIGN_API_KEY ? { signApiKey: process.env.SIGN_API_KEY } : {}),
});

/** The JSON body of one webhook call (Discord's "Execute Webhook"). */
interface WebhookPayload {
  content?: string;
  embeds?: Array<{ title: string; description?: string; color?: number; thumbnail?: { url: string } }>;
  // Viewers choose their names and comments: without this, "@everyone" in a comment would ping the server.
  allowed_mentions: { parse: [] };
}

// Discord rejects content over 2000 characters; TikTok comments are shorter, nicknames are not bounded.
const clip = (text: string, max = 2000) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

// A slow or rate-limited webhook must not make memory grow for hours: past the
// limit the oldest waiting message is dropped (a relay is worth more current than complete).
const queueLimit = Number(process.env.DISCORD_QUEUE_LIMIT ?? 100);
const queue: WebhookPayload[] = [];
let dropped = 0;
let wake: (() => void) | undefined;

function enqueue(payload: WebhookPayload): void {
  if (queue.length >= queueLimit) {
    queue.shift();
    dropped++;
    console.error(`Discord is behind: dropped the oldest waiting message (${dropped} so far)`);
  }
  queue.push(payload);
  wake?.();
}

client.on(CommentEvent, (e) => {
  enqueue({ content: clip(`**${e.user.nickname}**: ${e.comment}`), allowed_mentions: { parse: [] } });
});
client.on(GiftEvent, (e) => {
  if (e.streaking) return; // a streak of 5 arrives as 5 messages: post once, at its end, with the total
  enqueue({
    embeds: [
      {
        title: clip(`${e.user.nickname} sent ${e.gift.name} ×${e.repeatCount}`, 256), // Discord's title limit
        description: `${e.diamonds} 💎`,
        color: 0xffc000,
        ...(e.gift.image?.urlList[0] ? { thumbnail: { url: e.gift.image.urlList[0] } } : {}),
      },
    ],
    allowed_mentions: { parse: [] },
  });
});
client.on(FollowEvent, (e) => {
  enqueue({ content: clip(`**${e.user.nickname}** followed the host`), allowed_mentions: { parse: [] } });
});
client.on(LiveEndEvent, () => enqueue({ content: "The LIVE has ended.", allowed_mentions: { parse: [] } }));

/** Seconds to wait, from a 429's JSON `retry_after` (precise) or its `Retry-After` header (whole seconds). */
async function retryAfterSeconds(res: Response): Promise<number> {
  const body = (await res.json().catch(() => ({}))) as { retry_after?: unknown };
  if (typeof body.retry_after === "number") return body.retry_after;
  return Number(res.headers.get("retry-after") ?? 1) || 1;
}

/** Posts one payload, waiting out rate limits; returns false when Discord refuses it for good. */
async function post(payload: WebhookPayload): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    let res: Response;
    try {
      res = await fetch(webhookUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(payload),
      });
    } catch (error) {
      if (attempt >= 3) throw error; // the network is down: let the caller report it
      await sleep(1000 * attempt);
      continue;
    }
    if (res.status === 429) {
      await sleep((await retryAfterSeconds(res)) * 1000);
      continue; // a rate limit is not a failure: the same message goes again
    }
    await res.body?.cancel(); // nothing to read, but the connection is only reused once the body is done
    // Discord also says how many calls are left before the limit; waiting here avoids the 429.
    if (res.headers.get("x-ratelimit-remaining") === "0") {
      await sleep(Number(res.headers.get("x-ratelimit-reset-after") ?? 0) * 1000);
    }
    if (res.ok) return true;
    if (res.status >= 500 && attempt < 3) {
      await sleep(1000 * attempt); // Discord itself is struggling: give it a moment
      continue;
    }
    // The URL itself is a secret (its token lets anyone post): report the status, never the URL.
    console.error(`Discord refused a message: HTTP ${res.status}`);
    return false;
  }
}

let posted = 0;
let streamOver = false;

/** Sends the queue one message at a time, in order, until the stream is over and the queue empty. */
async function sendLoop(): Promise<void> {
  while (!streamOver || queue.length > 0) {
    const next = queue.shift();
    if (next === undefined) {
      await new Promise<void>((resolve) => (wake = resolve));
      continue;
    }
    try {
      if (await post(next)) posted++;
    } catch (error) {
      console.error(`Cannot reach Discord: ${(error as Error).message}`); // skip it; the next may get through
    }
  }
}

const sending = sendLoop();
process.once("SIGINT", () => void client.disconnect()); // Ctrl-C: stop reading, still send what is queued

await client.run(); // resolves when the stream ends or after disconnect()
streamOver = true;
wake?.();
await sending;
console.log(`Posted ${posted} messages to Discord${dropped ? ` (${dropped} dropped)` : ""}`);
