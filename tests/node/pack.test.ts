/**
 * The packages as a user gets them: every published package is `pnpm pack`ed,
 * the tarballs are installed with npm into a fresh project outside the
 * workspace, and the seed example (examples/<runtime>/basic.ts) runs from
 * there against the simulator on Node, Deno and Bun.
 */
import { spawn } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSimulator } from "@tiktok-live/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bin, packAll, publishedPackages, root, run } from "./publishing.js";

let workDir: string;
let project: string;
let installSeconds = 0;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), "tiktok-live-pack-"));
  const tarballs = await packAll(join(workDir, "tarballs"));
  project = join(workDir, "project");
  await mkdir(project);
  const deps = Object.fromEntries(publishedPackages.map((p) => [p.name, `file:${tarballs.get(p.name)}`]));
  await writeFile(
    join(project, "package.json"),
    JSON.stringify(
      // overrides: the tarballs depend on each other by version (0.1.0), which must come
      // from these tarballs and never from the registry.
      { name: "pack-test-project", private: true, type: "module", dependencies: deps, overrides: deps },
      null,
      2,
    ),
  );
  // Deno: resolve bare and npm: specifiers from the node_modules npm installed.
  await writeFile(join(project, "deno.json"), JSON.stringify({ nodeModulesDir: "manual" }));
  await copyFile(join(root, "examples/node/basic.ts"), join(project, "node-basic.ts"));
  await copyFile(join(root, "examples/deno/basic.ts"), join(project, "deno-basic.ts"));
  await copyFile(join(root, "examples/bun/basic.ts"), join(project, "bun-basic.ts"));
  // The Deno example again, through an npm: specifier instead of package.json resolution.
  const denoSource = await readFile(join(root, "examples/deno/basic.ts"), "utf8");
  await writeFile(
    join(project, "deno-npm-specifier.ts"),
    denoSource.replace('from "@tiktok-live/deno-bun"', 'from "npm:@tiktok-live/deno-bun"'),
  );

  const started = Date.now();
  const install = await run("npm", ["install", "--no-audit", "--no-fund", "--offline=false"], {
    cwd: project,
    timeout: 150_000,
  });
  installSeconds = (Date.now() - started) / 1000;
  if (install.code !== 0) throw new Error(`npm install failed:\n${install.stdout}\n${install.stderr}`);
  console.log(`pack test: npm install of the tarballs took ${installSeconds.toFixed(1)} s`);
}, 180_000);

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** Runs a command in the temporary project against a fresh showcase simulator. */
async function runAgainstSimulator(
  command: string,
  args: string[],
): Promise<{ code: number | null; out: string }> {
  const sim = await startSimulator({ scenario: "showcase", speed: 0 });
  try {
    const child = spawn(command, args, {
      cwd: project,
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
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    clearTimeout(timer);
    return { code, out };
  } finally {
    await sim.close();
  }
}

const expectSeedOutput = ({ code, out }: { code: number | null; out: string }) => {
  expect(out).toContain("Connected to @simulated_host (Room ID: 7311111111111111111)");
  expect(out).toContain("Alice -> hi everyone! 👋");
  expect(out).toContain("Carol -> welcome back!");
  expect(code, out).toBe(0);
};

describe("the packed packages, installed with npm into a fresh project", () => {
  it("resolve from node_modules, not from the workspace", async () => {
    const installed = JSON.parse(
      await readFile(join(project, "node_modules/@tiktok-live/core/package.json"), "utf8"),
    );
    const source = JSON.parse(await readFile(join(root, "packages/core/package.json"), "utf8"));
    expect(installed.version).toBe(source.version);
    // A real directory from the tarball, not a symlink into the monorepo.
    const realpath = await run("realpath", [join(project, "node_modules/@tiktok-live/node")]);
    expect(realpath.stdout.trim().startsWith(project)).toBe(true);
  });

  it("type-check: the seed example compiles against the published .d.ts files", async () => {
    const result = await run(
      bin("tsc"),
      [
        "--noEmit",
        "--strict",
        "--target",
        "es2022",
        "--module",
        "nodenext",
        "--moduleResolution",
        "nodenext",
        "--skipLibCheck",
        "false",
        "--typeRoots",
        join(root, "node_modules/@types"),
        "--types",
        "node",
        "node-basic.ts",
      ],
      { cwd: project },
    );
    expect(`${result.stdout}${result.stderr}`).toBe("");
    expect(result.code).toBe(0);
  }, 60_000);

  it("Node: examples/node/basic.ts", async () => {
    expectSeedOutput(await runAgainstSimulator(bin("tsx"), ["node-basic.ts", "@simulated_host"]));
  });

  it("Deno: examples/deno/basic.ts (package.json + node_modules resolution)", async () => {
    expectSeedOutput(
      await runAgainstSimulator(bin("deno"), ["run", "-A", "deno-basic.ts", "@simulated_host"]),
    );
  });

  it('Deno: the same with an npm: specifier ("npm:@tiktok-live/deno-bun")', async () => {
    expectSeedOutput(
      await runAgainstSimulator(bin("deno"), ["run", "-A", "deno-npm-specifier.ts", "@simulated_host"]),
    );
  });

  it("Bun: examples/bun/basic.ts", async () => {
    expectSeedOutput(await runAgainstSimulator(bin("bun"), ["bun-basic.ts", "@simulated_host"]));
  });

  it("the installed tiktok-live bin watches the embedded simulator", async () => {
    const tiktokLive = join(project, "node_modules/.bin/tiktok-live");
    const version = await run(tiktokLive, ["--version"], { cwd: project });
    const { version: cliVersion } = JSON.parse(
      await readFile(join(root, "packages/cli/package.json"), "utf8"),
    );
    expect(version.stdout.trim()).toBe(cliVersion);
    const watch = await run(tiktokLive, ["watch", "--simulate", "showcase", "--speed", "0", "--no-color"], {
      cwd: project,
      timeout: 30_000,
    });
    expect(watch.stdout).toContain("Connected to @simulated_host");
    expect(watch.stdout).toContain("Alice: hi everyone! 👋");
    expect(watch.code, watch.stderr).toBe(0);
  });
});
