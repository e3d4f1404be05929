// SQLite store: saves comments, gifts, follows and shares in a SQLite file, one row per
// TikTok message, keyed by the message id. Running it again over the same stream (a
// replay of a recording, or messages TikTok sends again after a reconnect) adds nothing twice.
// Run: npx tsx examples/sqlite-store.ts @username [events.db]
// Against the simulator: TIKTOK_BASE_URL=<its web base URL> npx tsx examples/sqlite-store.ts @simulated_host
// Needs better-sqlite3 (npm install better-sqlite3@12; version 13 needs Node 22).
// Query it: sqlite3 events.db "SELECT nickname, detail FROM events WHERE event = 'comment'"

import {
  type BaseEvent,
  CommentEvent,
  FollowEvent,
  GiftEvent,
  ShareEvent,
  TikTokLiveClient,
  type User,
} from "@tiktok-live/node";
import Database from "better-sqlite3";

const db = new Database(process.argv[3] ?? "events.db");
db.pragma("journal_mode = WAL"); // readers (a dashboard, the sqlite3 shell) do not block the writer

// Ids are TEXT, as in the events' JSON: they are 64-bit, and an INTEGER column comes
// back from better-sqlite3 as a JS number (rounded past 2^53) unless every reader
// remembers safeIntegers(). Text cannot be read back wrong.
db.exec(`
  CREATE TABLE IF NOT EXISTS events (
    msg_id     TEXT PRIMARY KEY,  -- TikTok's message id: the same message always has the same one
    event      TEXT NOT NULL,     -- comment, gift, follow, share
    created_at INTEGER NOT NULL,  -- when TikTok created the message, ms since the epoch
    user_id    TEXT NOT NULL,
    unique_id  TEXT NOT NULL,     -- the @handle, stable; nicknames can change
    nickname   TEXT NOT NULL,
    detail     TEXT,              -- the comment, or "Rose ×5" for a gift
    diamonds   INTEGER            -- gifts only
  )`);

// OR IGNORE is the whole trick: a message whose id is already stored is skipped, not an error.
const insert = db.prepare(`
  INSERT OR IGNORE INTO events (msg_id, event, created_at, user_id, unique_id, nickname, detail, diamonds)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);

let added = 0;
let repeated = 0;
function store(e: BaseEvent & { user: User }, detail: string | null = null, diamonds: number | null = null) {
  const { changes } = insert.run(
    e.msgId.toString(),
    e.eventName,
    e.createTime, // a bigint: better-sqlite3 stores it as an exact 64-bit INTEGER
    e.user.userId.toString(),
    e.user.uniqueId,
    e.user.nickname,
    detail,
    diamonds,
  );
  if (changes === 1) added++;
  else repeated++;
}

const base = process.env.TIKTOK_BASE_URL;
const client = new TikTokLiveClient(process.argv[2] ?? "@username", {
  // Only for the simulator or a proxy: the real TikTok hosts are the default.
  ...(base ? { baseUrls: { web: base, webcast: `${base}/webcast`, signServer: `${base}/sign` } } : {}),
});

client.on(CommentEvent, (e) => store(e, e.comment));
client.on(GiftEvent, (e) => {
  // Each message of a streak has its own id; only the last one (not streaking) holds the total.
  if (!e.streaking) store(e, `${e.gift.name} ×${e.repeatCount}`, e.diamonds);
});
client.on(FollowEvent, (e) => store(e));
client.on(ShareEvent, (e) => store(e));

process.once("SIGINT", () => void client.disconnect()); // Ctrl-C still closes the database properly

await client.run(); // resolves when the stream ends or after disconnect()
db.close();
console.log(`Stored ${added} new events (${repeated} already stored)`);
