/**
 * The packages are ES modules only. Node loads them with `require()` where it
 * has require(esm) (20.19+, 22.12+): that needs module graphs without top-level
 * await, which this checks on the built packages, by name, from a CommonJS
 * program. `engines` says the same versions.
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { assertBuilt, publishedPackages, readJson, root, run } from "./publishing.js";

const requireEsm = process.features.require_module === true;
const nodePackages = publishedPackages.filter((p) => p.name !== "@tiktok-live/deno-bun");

beforeAll(async () => {
  await assertBuilt();
});

describe("require() of the ESM packages", () => {
  it.runIf(requireEsm).each(publishedPackages)("require($name) loads the package's exports", async (pkg) => {
    // From the package's own directory the name resolves to itself (self-reference through `exports`).
    const result = await run(
      process.execPath,
      ["-e", `const m = require(${JSON.stringify(pkg.name)}); console.log(Object.keys(m).length);`],
      { cwd: join(root, pkg.dir) },
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(Number(result.stdout.trim())).toBeGreaterThan(5);
  });

  it.runIf(requireEsm)(
    "without require(esm), as on older Node, require() fails: there is no CommonJS build",
    async () => {
      const result = await run(
        process.execPath,
        ["--no-experimental-require-module", "-e", 'require("@tiktok-live/node")'],
        { cwd: join(root, "packages/node") },
      );
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(/ERR_REQUIRE_ESM/);
    },
  );

  it("engines names the Node versions that can both import and require the packages", async () => {
    for (const pkg of nodePackages) {
      const manifest = await readJson(join(root, pkg.dir, "package.json"));
      expect(manifest.engines, pkg.name).toEqual({ node: "^20.19.0 || >=22.12.0" });
    }
  });
});
