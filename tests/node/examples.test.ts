import { describe, expect, it } from "vitest";
import { bin, type ExampleRun, runExample } from "./example-runner.js";

const expectSeedOutput = ({ code, out }: ExampleRun) => {
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
