import { startSimulator } from "@tiktok-live/testkit";
import { describe, expect, it } from "vitest";
import { watch } from "../src/commands/watch.js";
import { ExitCode } from "../src/exit-codes.js";
import { memoryIo } from "./memory-io.js";

describe("watch() against a simulator", () => {
  it("exits 4 when the user is offline", async () => {
    const sim = await startSimulator({ offline: true, speed: 0 });
    try {
      const io = memoryIo();
      const code = await watch({ uniqueId: sim.uniqueId, json: true, simulator: sim }, io);
      expect(code).toBe(ExitCode.userOffline);
      expect(code).toBe(4);
      const failure = io.lines.out.map((l) => JSON.parse(l)).find((e) => e.fatal === true);
      expect(failure).toMatchObject({
        event: "error",
        name: "UserOfflineError",
        code: "USER_OFFLINE",
        exitCode: 4,
      });
      expect(io.lines.out.some((l) => l.includes('"event":"connect"'))).toBe(false);
      expect(io.interruptHandler).toBeUndefined();
    } finally {
      await sim.close();
    }
  });

  it("exits 3 when the user does not exist", async () => {
    const sim = await startSimulator({ speed: 0 });
    try {
      const io = memoryIo();
      const code = await watch({ uniqueId: "nobody_by_this_name", json: false, simulator: sim }, io);
      expect(code).toBe(ExitCode.userNotFound);
      expect(code).toBe(3);
      expect(io.lines.err.join("\n")).toMatch(/✖ /);
      expect(io.lines.out.join("\n")).not.toContain("Connected to @");
    } finally {
      await sim.close();
    }
  });

  it("exits 2 for an unknown event name before connecting", async () => {
    const sim = await startSimulator({ speed: 0 });
    try {
      const io = memoryIo();
      const code = await watch(
        { uniqueId: sim.uniqueId, json: true, events: ["comment", "commentz"], simulator: sim },
        io,
      );
      expect(code).toBe(2);
      expect(io.lines.err.join("\n")).toContain("commentz");
      expect(sim.state.requests).toEqual([]);
    } finally {
      await sim.close();
    }
  });
});
