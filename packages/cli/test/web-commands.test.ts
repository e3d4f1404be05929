import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { simulatedFlv, startSimulator } from "@tiktok-live/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../src/main.js";
import { memoryIo } from "./memory-io.js";

async function run(argv: string[]) {
  const io = memoryIo();
  const code = await main(argv, io);
  return { code, out: io.lines.out, err: io.lines.err };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "tiktok-live-cli-web-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("our own messages for bad flags", () => {
  it("names an unknown flag and suggests the one meant", async () => {
    const { code, err } = await run(["watch", "@someone", "--jsno"]);
    expect(code).toBe(2);
    expect(err[0]).toMatch(/^Unknown option --jsno \(did you mean --json\?\)/);
    expect(err.join("\n")).not.toMatch(/ERR_PARSE_ARGS|positional argument/);
  });

  it("says a value is missing, and that a switch takes none", async () => {
    const missing = await run(["watch", "@someone", "--events"]);
    expect(missing.code).toBe(2);
    expect(missing.err[0]).toMatch(/^--events needs a value, e\.g\. --events comment,gift\n/);
    const extra = await run(["watch", "@someone", "--json=yes"]);
    expect(extra.code).toBe(2);
    expect(extra.err[0]).toMatch(/^--json is a switch and takes no value\n/);
  });

  it("reports a bad flag as a JSON object under --json", async () => {
    const { code, out } = await run(["check", "@a", "--json", "--bogus"]);
    expect(code).toBe(2);
    expect(JSON.parse(out[0]!)).toMatchObject({
      event: "error",
      code: "USAGE",
      message: "Unknown option --bogus",
    });
  });

  it("refuses an unknown --quality", async () => {
    const { code, err } = await run(["record", "@a", "-o", join(dir, "x.flv"), "--quality", "4k"]);
    expect(code).toBe(2);
    expect(err[0]).toMatch(/--quality must be one of origin, uhd, hd, sd, ld \(got "4k"\)/);
  });
});

describe("check", () => {
  it("prints who is live", async () => {
    const { code, out } = await run(["check", "@sim_host", "--simulate", "--no-color"]);
    expect(code).toBe(0);
    expect(out).toEqual(["● @sim_host  LIVE"]);
  });

  it("prints one JSON object per user, and a JSON error when one does not exist", async () => {
    const ok = await run(["check", "@sim_host", "--simulate", "--json"]);
    expect(ok.out.map((l) => JSON.parse(l))).toEqual([{ uniqueId: "sim_host", live: true }]);
    const missing = await run(["check", "@sim_host", "@nobody_here", "--simulate", "--json"]);
    expect(missing.code).toBe(3);
    expect(JSON.parse(missing.out.at(-1)!)).toMatchObject({
      event: "error",
      name: "UserNotFoundError",
      code: "USER_NOT_FOUND",
      exitCode: 3,
    });
  });
});

describe("record", () => {
  it("saves the simulator's FLV stream and reports what it saved", async () => {
    const file = join(dir, "live.flv");
    const { code, out } = await run([
      "record",
      "@sim_host",
      "-o",
      file,
      "--quality",
      "hd",
      "--simulate",
      "--json",
    ]);
    expect(code).toBe(0);
    const expected = simulatedFlv("HD1");
    expect(new Uint8Array(await readFile(file))).toEqual(expected);
    const events = out.map((l) => JSON.parse(l));
    expect(events[0]).toMatchObject({ event: "progress" });
    expect(events.at(-1)).toMatchObject({
      event: "recorded",
      file,
      bytes: expected.length,
      quality: "hd",
      stoppedBy: "live-end",
    });
  });

  it("prints a progress line and the ffmpeg hint in pretty mode", async () => {
    const file = join(dir, "pretty.flv");
    const { code, err } = await run(["record", "@sim_host", "--output", file, "--simulate", "--no-color"]);
    expect(code).toBe(0);
    expect(err[0]).toMatch(/^● REC 0:00:00 {2}0\.0 MB {2}→ /);
    expect(err.at(-1)).toContain("ffmpeg -i");
  });
});

describe("watch --wait", () => {
  it("waits for an offline user to go live, then watches", async () => {
    const sim = await startSimulator({ offline: true, liveAfterPolls: 2, scenario: "e2e", speed: 0 });
    try {
      // Through main: --simulate would start its own simulator, so drive watch() with this one.
      const { watch } = await import("../src/commands/watch.js");
      const io = memoryIo();
      const code = await watch(
        { uniqueId: sim.uniqueId, json: true, simulator: sim, wait: true, intervalMs: 10 },
        io,
      );
      expect(code).toBe(0);
      const events = io.lines.out.map((l) => JSON.parse(l) as { event: string });
      expect(events[0]!.event).toBe("connect");
      expect(
        sim.state.requests.filter((r) => r.path === `/@${sim.uniqueId}/live`).length,
      ).toBeGreaterThanOrEqual(3);
    } finally {
      await sim.close();
    }
  });
});
