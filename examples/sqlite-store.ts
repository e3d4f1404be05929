// SQLite store: saves comments, gifts, follows and shares in a SQLite file, one row per
// TikTok message, keyed by the message id. Running it again over the same stream (a
// replay of a recording, or messages TikTok sends again after a reconnect) adds nothing twice.
// Run: npx tsx examples/sqlite-store.ts @username [events.db]
// Against the simulator: TIKTOK_BASE_URL=<its web base URL> npx tsx examples/sqlite-store.ts @simulated_host
// Needs sql.js (npm install sql.js): SQLite compiled to WebAssembly, so nothing is compiled
// at install and the same code runs on Node, Deno and Bun. With a native driver
// (better-sqlite3, node:sqlite on Node 22+, bun:sqlite) the SQL below is unchanged.
// Query it: sqlite3 events.db "SELECT nickname, detail FROM events WHERE event = 'comment'"

import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import {
  type BaseEvent,
  CommentEvent,
  FollowEvent,
  GiftEvent,
  ShareEvent,
  TikTokLiveClient,
  type User,
} from "@tiktok-live/node";
import initSqlJs from "sql.js";

const file = process.argv[3] ?? "events.db";
const SQL = await initSqlJs();
// sql.js works on an in-memory copy: load the file if there is one, write it back below.
const db = existsSync(file) ? new SQL.Database(readFileSync(file)) : new SQL.Database();

// Ids are TEXT, as in the events' JSON: they are 64-bit, and a JavaScript number
// rounds them past 2^53. Text cannot be read back wrong, whatever the reader.
db.run(`
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

/** Writes the database to a temporary file, then renames it: a crash mid-write never leaves half a file. */
function save() {
  writeFileSync(`${file}.tmp`, db.export());
  renameSync(`${file}.tmp`, file);
}
// Saving after every row would rewrite the whole file per message; once a second is plenty.
let pendingSave: ReturnType<typeof setTimeout> | undefined;
function saveSoon() {
  pendingSave ??= setTimeout(() => {
    pendingSave = undefined;
    save();
  }, 1000);
}

let added = 0;
let repeated = 0;
function store(e: BaseEvent & { user: User }, detail: string | null = null, diamonds: number | null = null) {
  insert.run([
    e.msgId.toString(),
    e.eventName,
    Number(e.createTime), // milliseconds since 1970 fit a double exactly
    e.user.userId.toString(),
    e.user.uniqueId,
    e.user.nickname,
    detail,
    diamonds,
  ]);
  if (db.getRowsModified() === 1) {
    added++;
    saveSoon();
  } else repeated++;
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

process.once("SIGINT", () => void client.disconnect()); // Ctrl-C still saves the database

await client.run(); // resolves when the stream ends or after disconnect()
clearTimeout(pendingSave);
insert.free();
save();
db.close();
console.log(`Stored ${added} new events (${repeated} already stored)`);
