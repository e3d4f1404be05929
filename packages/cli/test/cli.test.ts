import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExitCode } from "../src/exit-codes.js";
import { main } from "../src/main.js";
import { usage } from "../src/usage.js";
import { type JsonEvent, memoryIo, parseNdjson } from "./memory-io.js";

// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for ANSI escapes on purpose
const ansi = /\u001b\[/;

async function run(argv: string[]) {
  const io = memoryIo();
  const code = await main(argv, io);
  return { code, io, out: io.lines.out, err: io.lines.err };
}

/** [event, nickname, comment or gift name] for the comment and gift events, in order. */
function chatAndGifts(events: JsonEvent[]): Array<[string, string | undefined, string | undefined]> {
  return events
    .filter((e) => e.event === "comment" || e.event === "gift")
    .map((e) => [
      e.event,
      e.data?.user?.nickname,
      e.event === "comment" ? e.data?.content : `${e.data?.gift?.name} ×${e.data?.repeatCount}`,
    ]);
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "tiktok-live-cli-test-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("usage and argument errors", () => {
  it("--help prints the usage and exits 0", async () => {
    const { code, out, err } = await run(["--help"]);
    expect(code).toBe(ExitCode.ok);
    expect(out.join("\n")).toBe(usage);
    expect(out.join("\n")).toContain("Usage:");
    expect(err).toEqual([]);
  });

  it("-h is --help", async () => {
    const { code, out } = await run(["-h"]);
    expect(code).toBe(0);
    expect(out.join("\n")).toContain("tiktok-live watch @user");
  });

  it("no command prints the usage and exits 2", async () => {
    const { code, io } = await run([]);
    expect(code).toBe(ExitCode.usage);
    expect(code).toBe(2);
    expect(io.text()).toContain("Usage:");
  });

  it("an unknown command exits 2 and names it", async () => {
    const { code, err } = await run(["frobnicate"]);
    expect(code).toBe(2);
    expect(err.join("\n")).toMatch(/Unknown command "frobnicate"/);
  });

  it("an unknown flag exits 2 and names it", async () => {
    const { code, err } = await run(["watch", "@someone", "--bogus-flag"]);
    expect(code).toBe(2);
    expect(err.join("\n")).toContain("--bogus-flag");
    expect(err.join("\n")).toContain("Usage:");
  });

  it("watch without a username (and without --simulate) exits 2", async () => {
    const { code, out } = await run(["watch", "--json"]);
    expect(code).toBe(2);
    // Under --json the error is an object in the output stream.
    expect(JSON.parse(out.join("\n"))).toMatchObject({
      event: "error",
      fatal: true,
      code: "USAGE",
      exitCode: 2,
      message: expect.stringMatching(/watch needs a username/),
    });
  });

  it("an unknown scenario exits 2 and lists the known ones", async () => {
    const { code, err } = await run(["watch", "--simulate", "no-such-scenario", "--speed", "0"]);
    expect(code).toBe(2);
    const text = err.join("\n");
    expect(text).toContain('Unknown scenario "no-such-scenario"');
    expect(text).toContain("showcase");
  });

  it("an unknown scenario for simulate exits 2", async () => {
    const { code, err } = await run(["simulate", "--scenario", "nope"]);
    expect(code).toBe(2);
    expect(err.join("\n")).toContain('Unknown scenario "nope"');
  });

  it.each([
    ["simulate", "--port", "99999"],
    ["simulate", "--port", "80.5"],
    ["fleet", "dashboard", "--port", "abc"],
  ])("a --port that is not a port number exits 2 before anything starts: %s %s %s", async (...argv) => {
    const { code, err } = await run([...argv, "--nats", "nats://127.0.0.1:1"]);
    expect(code).toBe(ExitCode.usage);
    expect(err.join("\n")).toContain(`--port must be a port number from 0 to 65535 (got "${argv.at(-1)}")`);
  });

  it("an unknown event name in --events exits 2 and names it", async () => {
    const { code, err, out } = await run([
      "watch",
      "--simulate",
      "--json",
      "--speed",
      "0",
      "--events",
      "comment,notAnEvent",
    ]);
    expect(code).toBe(2);
    const text = err.join("\n");
    expect(text).toContain("notAnEvent");
    expect(text).toMatch(/Unknown event name/);
    expect(text).not.toMatch(/Unknown event name\(s\): comment/);
    expect(out).toEqual([]);
  });

  it("a negative --speed exits 2 with a message about --speed", async () => {
    const { code, err } = await run(["watch", "--simulate", "--speed=-1"]);
    expect(code).toBe(2);
    expect(err.join("\n")).toMatch(/--speed must be a non-negative number \(got "-1"\)/);
  });

  it("a negative --speed as a separate argument also exits 2 and mentions --speed", async () => {
    const { code, err } = await run(["replay", "file.ndjson", "--speed", "-1"]);
    expect(code).toBe(2);
    expect(err.join("\n")).toContain("--speed");
  });

  it("a non-numeric --speed exits 2", async () => {
    const { code, err } = await run(["replay", "file.ndjson", "--speed", "fast"]);
    expect(code).toBe(2);
    expect(err.join("\n")).toMatch(/--speed must be a non-negative number \(got "fast"\)/);
  });

  it("replay without a file exits 2", async () => {
    const { code, err } = await run(["replay"]);
    expect(code).toBe(2);
    expect(err.join("\n")).toMatch(/replay needs a recording file/);
  });
});

describe("watch --simulate (showcase)", () => {
  it("--json prints NDJSON from connect to disconnect with every common event", async () => {
    const { code, out, err } = await run(["watch", "--simulate", "--json", "--speed", "0"]);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out.length).toBeGreaterThan(10);
    const events = out.map((line) => {
      expect(() => JSON.parse(line)).not.toThrow();
      return JSON.parse(line) as JsonEvent;
    });
    expect(events[0]!.event).toBe("connect");
    expect(events[0]!.uniqueId).toBe("simulated_host");
    const names = new Set(events.map((e) => e.event));
    for (const name of [
      "comment",
      "gift",
      "like",
      "join",
      "follow",
      "share",
      "livePause",
      "liveUnpause",
      "liveEnd",
    ]) {
      expect(names, name).toContain(name);
    }
    const last = events.at(-1)!;
    expect(last.event).toBe("disconnect");
    expect(last.reason).toBe("live-ended");
    expect(events.filter((e) => e.event === "disconnect")).toHaveLength(1);
    // The pause comes before the unpause, and the end after both.
    const index = (n: string) => events.findIndex((e) => e.event === n);
    expect(index("livePause")).toBeLessThan(index("liveUnpause"));
    expect(index("liveUnpause")).toBeLessThan(index("liveEnd"));
    // The comments arrive in the scenario's order.
    expect(events.filter((e) => e.event === "comment").map((e) => e.data?.content)).toEqual([
      "Welcome in! Be kind 💛",
      "hi everyone! 👋",
      "just followed, love this",
      "welcome back!",
      "thanks all, see you tomorrow",
    ]);
  });

  it("--events comment,gift prints only comments and gifts", async () => {
    const { code, out } = await run([
      "watch",
      "--simulate",
      "--json",
      "--speed",
      "0",
      "--events",
      "comment, gift",
    ]);
    expect(code).toBe(0);
    const events = parseNdjson(out);
    expect(new Set(events.map((e) => e.event))).toEqual(new Set(["comment", "gift"]));
    expect(events.filter((e) => e.event === "comment")).toHaveLength(5);
    // Rose ×5 streak, Lightning Bolt, GG ×3 streak.
    expect(events.filter((e) => e.event === "gift")).toHaveLength(9);
  });

  it("pretty output reads like a stream and has no ANSI codes when not a TTY", async () => {
    const { code, out, err } = await run(["watch", "--simulate", "--speed", "0"]);
    expect(code).toBe(0);
    const text = out.join("\n");
    expect(text).toContain("Connected to @simulated_host");
    expect(text).toContain("Carol sent Rose ×5");
    expect(text).toContain("Bob 🛠 followed");
    expect(text).toContain("Erin shared");
    expect(text).toContain("The stream has ended");
    expect(out[0]).toContain("Connected to @");
    expect(out.at(-1)).toContain("Disconnected (live-ended)");
    expect(text).not.toMatch(ansi);
    expect(err.join("\n")).not.toMatch(ansi);
    // Pretty lines, not JSON.
    expect(() => JSON.parse(out[0]!)).toThrow();
  });

  it("pretty output is coloured when FORCE_COLOR is set, and plain again with --no-color", async () => {
    const coloured = memoryIo({ FORCE_COLOR: "1" });
    expect(await main(["watch", "--simulate", "--speed", "0", "--events", "connect"], coloured)).toBe(0);
    expect(coloured.lines.out.join("\n")).toMatch(ansi);

    const plain = memoryIo({ FORCE_COLOR: "1" });
    expect(
      await main(["watch", "--simulate", "--speed", "0", "--events", "connect", "--no-color"], plain),
    ).toBe(0);
    expect(plain.lines.out.join("\n")).toContain("Connected to @");
    expect(plain.lines.out.join("\n")).not.toMatch(ansi);
  });

  it("Ctrl-C after the first comment disconnects cleanly with exit 0", async () => {
    const io = memoryIo();
    let interrupted = 0;
    io.onOut = (line) => {
      if (interrupted === 0 && (JSON.parse(line) as JsonEvent).event === "comment") {
        interrupted++;
        io.interrupt();
      }
    };
    const code = await main(["watch", "--simulate", "--json", "--speed", "0"], io);
    expect(interrupted).toBe(1);
    expect(code).toBe(0);
    const events = parseNdjson(io.lines.out);
    const disconnects = events.filter((e) => e.event === "disconnect");
    expect(disconnects).toHaveLength(1);
    expect(disconnects[0]!.reason).toBe("client");
    expect(events.at(-1)!.event).toBe("disconnect");
    // The stream was cut short: it never got to the end.
    expect(events.some((e) => e.event === "liveEnd")).toBe(false);
    // The handler is removed once watch returns.
    expect(io.interruptHandler).toBeUndefined();
  });

  it("never prints the session id or the sign-server key", async () => {
    const io = memoryIo();
    const code = await main(
      [
        "watch",
        "--simulate",
        "--json",
        "--speed",
        "0",
        "--session-id",
        "SECRETSESSION123",
        "--sign-api-key",
        "SECRETKEY456",
      ],
      io,
    );
    expect(code).toBe(0);
    const everything = io.text();
    expect(io.lines.out.length).toBeGreaterThan(10);
    expect(everything).not.toContain("SECRETSESSION123");
    expect(everything).not.toContain("SECRETKEY456");
  });

  it("never prints secrets taken from the environment either", async () => {
    const io = memoryIo({ TIKTOK_SESSION_ID: "ENVSESSION789", SIGN_API_KEY: "ENVKEY000" });
    const code = await main(["watch", "--simulate", "--speed", "0"], io);
    expect(code).toBe(0);
    expect(io.text()).not.toContain("ENVSESSION789");
    expect(io.text()).not.toContain("ENVKEY000");
  });
});

/** `watch` on the embedded simulator at full speed, events as NDJSON. */
const watchSimulated = ["watch", "--simulate", "--json", "--speed", "0"];

describe("record and replay", () => {
  it("a --record path that cannot be written ends watch before connecting, saying why", async () => {
    const file = join(dir, "no-such-dir", "x.ndjson");
    const { code, out } = await run([...watchSimulated, "--record", file]);
    expect(code).toBe(ExitCode.failure);
    const events = parseNdjson(out);
    // Nothing was watched: the only line is the failure.
    expect(events).toEqual([
      expect.objectContaining({
        event: "error",
        fatal: true,
        message: expect.stringMatching(/^Cannot write the recording to .*x\.ndjson: ENOENT/),
      }),
    ]);
  });

  // /dev/full accepts the open and fails every write with ENOSPC: a disk that fills up mid-watch.
  it.skipIf(!existsSync("/dev/full"))(
    "a recording that fails mid-watch ends it with exit 1, not a crash",
    async () => {
      const { code, out } = await run([...watchSimulated, "--record", "/dev/full"]);
      expect(code).toBe(ExitCode.failure);
      const events = parseNdjson(out);
      expect(events.at(-1)).toMatchObject({
        event: "error",
        fatal: true,
        message: expect.stringMatching(/^Could not write the recording to \/dev\/full: ENOSPC/),
      });
    },
  );

  it("a replay of a recording reproduces the recorded comments and gifts", async () => {
    const file = join(dir, "showcase.ndjson");
    const recorded = await run(["watch", "--simulate", "--json", "--speed", "0", "--record", file]);
    expect(recorded.code).toBe(0);

    const text = await readFile(file, "utf8");
    const lines = text.trim().split("\n");
    const header = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(header).toMatchObject({
      format: "tiktok-live-recording",
      version: 1,
      uniqueId: "simulated_host",
      roomId: "7311111111111111111",
    });
    expect(lines.length).toBeGreaterThan(20);

    const replayed = await run(["replay", file, "--json", "--speed", "0"]);
    expect(replayed.err).toEqual([]);
    expect(replayed.code).toBe(0);

    const before = parseNdjson(recorded.out);
    const after = parseNdjson(replayed.out);
    expect(after[0]!.event).toBe("connect");
    expect(after.at(-1)!.event).toBe("disconnect");
    const original = chatAndGifts(before);
    expect(original.length).toBeGreaterThan(10);
    expect(chatAndGifts(after)).toEqual(original);
    expect(after.some((e) => e.event === "liveEnd")).toBe(true);
  });

  it("a replay also has the messages that came over HTTP after a reconnect", async () => {
    // The e2e scenario drops the connection and sends two comments while the client is away;
    // the client gets them with the resume signature, not as WebSocket frames.
    const file = join(dir, "e2e.ndjson");
    const events = "comment,gift,disconnect";
    const recorded = await run([
      "watch",
      "--simulate",
      "e2e",
      "--json",
      "--speed",
      "0",
      "--record",
      file,
      "--events",
      events,
    ]);
    expect(recorded.code).toBe(0);
    const replayed = await run(["replay", file, "--json", "--speed", "0", "--events", events]);
    expect(replayed.code).toBe(0);
    const original = chatAndGifts(parseNdjson(recorded.out));
    expect(original.map(([, , text]) => text)).toContain("while you were away 2");
    expect(chatAndGifts(parseNdjson(replayed.out))).toEqual(original);
  });

  it("pretty recording says how many frames it saved", async () => {
    const file = join(dir, "pretty.ndjson");
    const { code, err } = await run(["watch", "--simulate", "--speed", "0", "--record", file]);
    expect(code).toBe(0);
    const frames = (await readFile(file, "utf8")).trim().split("\n").length - 1;
    expect(frames).toBeGreaterThan(0);
    expect(err.join("\n")).toContain(`Recorded ${frames} frames to ${file}`);
  });

  it("replay of a missing file exits 2", async () => {
    const missing = join(dir, "does-not-exist.ndjson");
    const { code, err, out } = await run(["replay", missing, "--speed", "0"]);
    expect(code).toBe(2);
    expect(err.join("\n")).toContain(`Cannot read ${missing}`);
    expect(out).toEqual([]);
  });

  it("replay of a malformed recording exits 2 and says where", async () => {
    const file = join(dir, "bad.ndjson");
    await writeFile(
      file,
      `${JSON.stringify({ format: "tiktok-live-recording", version: 1, uniqueId: "u", roomId: "1", startedAt: new Date().toISOString() })}\n{"t":0,"frame":"AA=="}\nnot json\n`,
    );
    const { code, err } = await run(["replay", file, "--json", "--speed", "0"]);
    expect(code).toBe(2);
    expect(err.join("\n")).toContain("is not a valid recording");
    expect(err.join("\n")).toContain("line 3");
  });

  it("replay of a file that is not a recording exits 2", async () => {
    const file = join(dir, "other.ndjson");
    await writeFile(file, `{"hello":"world"}\n`);
    const { code, err } = await run(["replay", file, "--speed", "0"]);
    expect(code).toBe(2);
    expect(err.join("\n")).toContain("Not a tiktok-live-recording file");
  });
});
