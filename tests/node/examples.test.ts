import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { startSimulator } from "@tiktok-live/testkit";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const bin = (name: string) => `${root}node_modules/.bin/${name}`;

/** Runs an example against a fresh showcase simulator and returns what it printed. */
async function runExample(command: string, args: string[]): Promise<{ code: number | null; out: string }> {
  const sim = await startSimulator({ scenario: "showcase", speed: 0 });
  try {
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, TIKTOK_BASE_URL: sim.baseUrls.web, NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString();
    });
    child.stderr.on("data", (c: Buffer) => {
      out += c.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    return { code, out };
  } finally {
    await sim.close();
  }
}

const expectSeedOutput = ({ code, out }: { code: number | null; out: string }) => {
  expect(out).toContain("Connected to @simulated_host (Room ID: 7311111111111111111)");
  expect(out).toContain("Alice -> hi everyone! 👋");
  expect(out).toContain("Carol -> welcome back!");
  expect(code).toBe(0);
};

describe("examples/ run against the simulator", () => {
  it("node", async () =>
    expectSeedOutput(await runExample(bin("tsx"), ["examples/node/basic.ts", "@simulated_host"])));
  it("deno", async () =>
    expectSeedOutput(
      await runExample(bin("deno"), ["run", "-A", "examples/deno/basic.ts", "@simulated_host"]),
    ));
  it("bun", async () =>
    expectSeedOutput(await runExample(bin("bun"), ["examples/bun/basic.ts", "@simulated_host"])));
});
