import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { scenario, startSimulator } from "@tiktok-live/testkit";
import { afterAll, describe, expect, it } from "vitest";
import { bin, runExample, spawnExample, stopExample, waitForOutput } from "./example-runner.js";

const tsx = bin("tsx");

/** The parts of an NDJSON line the test reads; ids are typed `unknown` because their type is what it checks. */
interface JsonEvent {
  event: string;
  msgId: unknown;
  data?: { content?: string; user?: { userId?: unknown } };
}

describe("examples/chat-logger.ts", () => {
  it("prints the showcase's comments and emote in order, timestamped, then stops at the live end", async () => {
    const { code, out } = await runExample(tsx, ["examples/chat-logger.ts", "@simulated_host"]);
    const chat = out.split("\n").filter((line) => /^\[\d\d:\d\d:\d\d\] /.test(line));
    expect(chat.map((line) => line.slice(11))).toEqual([
      "Dave (mod): Welcome in! Be kind 💛",
      "Alice: hi everyone! 👋",
      "Bob 🛠: just followed, love this",
      "Carol: [emote 7152373249542230810]",
      "Carol: welcome back!",
      "simulated_host: thanks all, see you tomorrow",
    ]);
    expect(out).toContain("--- the LIVE has ended ---");
    expect(code).toBe(0);
  });

  it("stops cleanly on Ctrl-C (SIGINT) while the stream is still live", async () => {
    // A stream that never ends by itself: one comment, then a long silence.
    const sim = await startSimulator({
      scenario: scenario("endless").comment("alice.streams", "still here").wait(60_000).build(),
    });
    const run = spawnExample(sim, tsx, ["examples/chat-logger.ts", "@simulated_host"]);
    try {
      await waitForOutput(run, (out) => out.includes("Alice: still here"));
      expect(await stopExample(run)).toBe(0);
      expect(run.output()).toContain("--- stopped (Ctrl-C) ---");
    } finally {
      await stopExample(run, "SIGKILL"); // never leave it reconnecting in the background
      await sim.close();
    }
  });
});

describe("examples/gift-leaderboard.ts", () => {
  it("counts each streak once, at its end, and prints the exact top 5", async () => {
    // Diamonds: Rose, GG 1 · Rosa 10 · Lightning Bolt 20 · Lion 29999.
    const gifts = scenario("leaderboard")
      .gift("alice.streams", "Rose", { streak: 5 }) // alice 5 (not 1+2+3+4+5 = 15)
      .gift("bob_builds", "Lightning Bolt") // bob 20
      .comment("carol", "here comes a combo")
      .gift("carol", "Rosa", { streak: 3 }) // carol 30
      .gift("alice.streams", "Lightning Bolt") // alice 25
      .gift("dave.mod", "GG", { streak: 2 }) // dave 2
      .gift("erin_", "Rose") // erin 1: sixth, not shown
      .gift("big.spender", "Lion") // a viewer outside the sample users: 29999
      .gift("bob_builds", "Rose", { streak: 4 }) // bob 24
      .end()
      .build();
    const { code, out } = await runExample(tsx, ["examples/gift-leaderboard.ts", "@simulated_host"], gifts);
    expect(out.slice(out.indexOf("Top gifters:")).trimEnd().split("\n")).toEqual([
      "Top gifters:",
      " 1. big.spender (@big.spender): 29999 💎",
      " 2. Carol (@carol): 30 💎",
      " 3. Alice (@alice.streams): 25 💎",
      " 4. Bob 🛠 (@bob_builds): 24 💎",
      " 5. Dave (mod) (@dave.mod): 2 💎",
    ]);
    expect(code).toBe(0);
  });
});

describe("examples/ndjson-to-file.ts", () => {
  const dir = mkdtempSync(join(tmpdir(), "ndjson-example-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes every showcase event as one JSON line, 64-bit ids as strings", async () => {
    const file = join(dir, "showcase.ndjson");
    const { code, out } = await runExample(tsx, ["examples/ndjson-to-file.ts", "@simulated_host", file]);
    expect(code).toBe(0);
    const lines = readFileSync(file, "utf8").trimEnd().split("\n");
    expect(out).toContain(`Wrote ${lines.length} events to ${file}`);
    const events = lines.map((line) => JSON.parse(line) as JsonEvent);
    const names = events.map((e) => e.event);

    // The stream's story, in order (other events sit in between).
    const story = ["connect", "comment", "join", "gift", "follow", "share", "emoteChat", "livePause"];
    story.push("liveUnpause", "comment", "gift", "liveEnd", "disconnect");
    let at = -1;
    for (const name of story) {
      at = names.indexOf(name, at + 1);
      expect(at, `"${name}" after the previous one in ${names.join(", ")}`).toBeGreaterThanOrEqual(0);
    }
    expect(names[0]).toBe("connect");
    expect(names.at(-1)).toBe("disconnect");
    expect(names.filter((n) => n === "comment")).toHaveLength(5);
    expect(names.filter((n) => n === "gift")).toHaveLength(5 + 1 + 3); // every streak message is an event

    // 64-bit integers are decimal strings, never numbers (which would round them).
    expect(events[0]).toMatchObject({
      event: "connect",
      uniqueId: "simulated_host",
      roomId: "7311111111111111111",
    });
    for (const e of events) expect(typeof e.msgId).toBe("string");
    const alice = events.find((e) => e.event === "comment" && e.data?.content === "hi everyone! 👋");
    expect(alice?.data?.user?.userId).toBe("7034567890123456789");
    expect(BigInt(alice?.msgId as string)).toBeGreaterThan(0n);
  });
});
