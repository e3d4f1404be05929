import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  encodeBatchFrame,
  parseRecording,
  RecordingWriter,
  replayScenario,
  type Scenario,
  scenario,
  startSimulator,
} from "@tiktok-live/testkit";
import initSqlJs from "sql.js";
import { afterAll, describe, expect, it } from "vitest";
import { bin, spawnExample, stopExample } from "./example-runner.js";

interface Row {
  msg_id: string;
  event: string;
  created_at: number;
  user_id: string;
  unique_id: string;
  nickname: string;
  detail: string | null;
  diamonds: number | null;
  id_type: string;
}

const SQL = await initSqlJs();

/** Every stored row, as objects keyed by column name. */
function readRows(file: string): Row[] {
  const db = new SQL.Database(readFileSync(file));
  try {
    const [result] = db.exec("SELECT *, typeof(msg_id) AS id_type FROM events ORDER BY created_at, msg_id");
    if (!result) return [];
    return result.values.map(
      (values) => Object.fromEntries(result.columns.map((c, i) => [c, values[i]])) as unknown as Row,
    );
  } finally {
    db.close();
  }
}

/** Runs the example to the live end against a fresh simulator playing `scenario`; returns what it printed. */
async function store(scenarioToPlay: Scenario, file: string): Promise<{ out: string; messagesSent: number }> {
  const sim = await startSimulator({ scenario: scenarioToPlay, speed: 0 });
  const run = spawnExample(sim, bin("tsx"), ["examples/sqlite-store.ts", "@simulated_host", file]);
  try {
    const code = await run.exited;
    expect(code, run.output()).toBe(0);
    return { out: run.output(), messagesSent: sim.log.length };
  } finally {
    await stopExample(run, "SIGKILL");
    await sim.close();
  }
}

describe("examples/sqlite-store.ts", () => {
  const dir = mkdtempSync(join(tmpdir(), "sqlite-example-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("stores each scripted event once, keyed by its exact 64-bit id, and a replay adds nothing", {
    timeout: 60_000,
  }, async () => {
    const live = scenario("store")
      .comment("alice.streams", "first!")
      .gift("carol", "Rose", { streak: 4 }) // 4 messages, one row (the last)
      .follow("bob_builds")
      .likes("dave.mod", 3, 3) // not stored
      // The connection drops; on resume the simulator sends the last messages again.
      .drop()
      .awaitClient()
      .share("erin_")
      .gift("bob_builds", "Lightning Bolt")
      .comment("carol", "bye")
      .end()
      .build();
    // What the table must hold, from the messages themselves: their ids and creation times.
    const sent = live.steps.flatMap((s) => (s.kind === "batch" ? s.messages : []));
    const id = (i: number) => sent[i]!.msgId.toString();
    const expected = [
      {
        msg_id: id(0),
        event: "comment",
        unique_id: "alice.streams",
        nickname: "Alice",
        detail: "first!",
        diamonds: null,
      },
      {
        msg_id: id(4),
        event: "gift",
        unique_id: "carol",
        nickname: "Carol",
        detail: "Rose ×4",
        diamonds: 4,
      },
      {
        msg_id: id(5),
        event: "follow",
        unique_id: "bob_builds",
        nickname: "Bob 🛠",
        detail: null,
        diamonds: null,
      },
      { msg_id: id(7), event: "share", unique_id: "erin_", nickname: "Erin", detail: null, diamonds: null },
      {
        msg_id: id(8),
        event: "gift",
        unique_id: "bob_builds",
        nickname: "Bob 🛠",
        detail: "Lightning Bolt ×1",
        diamonds: 20,
      },
      {
        msg_id: id(9),
        event: "comment",
        unique_id: "carol",
        nickname: "Carol",
        detail: "bye",
        diamonds: null,
      },
    ];

    const file = join(dir, "events.db");
    const first = await store(live, file);
    expect(first.out).toContain("Stored 6 new events");
    const rows = readRows(file);
    expect(rows.map(({ created_at, user_id, id_type, ...rest }) => rest)).toEqual(expected);
    for (const row of rows) {
      expect(row.id_type).toBe("text");
      expect(BigInt(row.msg_id)).toBeGreaterThan(2n ** 53n); // beyond a double: rounding would have changed it
      expect(row.created_at).toBeGreaterThan(0);
    }
    expect(rows[0]!.user_id).toBe("7034567890123456789");

    // A recording of everything the first run was sent, replayed: the same messages (ids) again.
    const lines: string[] = [];
    const recorder = new RecordingWriter((line) => lines.push(line), {
      uniqueId: "simulated_host",
      roomId: "7311111111111111111",
    });
    sent.forEach((message, i) => {
      recorder.frame(
        encodeBatchFrame([message], BigInt(i + 1), BigInt(i + 1), { cursor: `r-${i}`, internalExt: "" }),
      );
    });
    const replay = replayScenario(parseRecording(lines.join("")));
    replay.steps.push({ kind: "offline" }); // the recording ends with the live-end message

    const second = await store(replay, file);
    expect(second.out).toContain("Stored 0 new events (6 already stored)");
    expect(readRows(file)).toEqual(rows);
  });
});
