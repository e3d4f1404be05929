/**
 * What a user installs is what we test: every published package is packed with
 * pnpm (as `pnpm publish` would) and the tarball is checked for its metadata,
 * its files, publint's lint and attw's type resolution. The JSR packages are
 * checked with `deno publish --dry-run` and against their package.json.
 */
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  bin,
  type PackageJson,
  packAll,
  publishedPackages,
  readJson,
  readTarball,
  root,
  run,
} from "./publishing.js";

const repositoryUrl = "git+https://github.com/tiktok-live/tiktok-live.git";

let workDir: string;
let tarballs: Map<string, string>;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), "tiktok-live-hygiene-"));
  tarballs = await packAll(workDir);
}, 60_000);

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

const tarballOf = (name: string): string => {
  const tarball = tarballs.get(name);
  if (!tarball) throw new Error(`no tarball for ${name}`);
  return tarball;
};

describe.each(publishedPackages)("$name", (pkg) => {
  const dir = join(root, pkg.dir);
  const manifest = (): PackageJson => JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));

  it("has the metadata a published package needs", () => {
    const m = manifest();
    expect(m.name).toBe(pkg.name);
    expect(m.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(m.private).toBeUndefined();
    expect(m.license).toBe("MIT");
    expect(m.description).toEqual(expect.any(String));
    expect(m.type).toBe("module");
    expect(m.repository).toEqual({ type: "git", url: repositoryUrl, directory: pkg.dir });
    expect(m.homepage).toMatch(/^https:\/\/github\.com\/tiktok-live\/tiktok-live\b/);
    expect(m.keywords).toEqual(expect.arrayContaining(["tiktok", "tiktok-live"]));
    expect(m.publishConfig).toMatchObject({ access: "public" });
    if (pkg.cli) {
      expect(m.sideEffects).toBeUndefined();
      expect(m.bin).toEqual({ "tiktok-live": "./dist/cli.js" });
    } else {
      expect(m.sideEffects).toBe(false);
    }
  });

  it("has an ESM exports map with types first, and files, README and LICENSE", () => {
    const m = manifest();
    const main = m.exports["."];
    expect(Object.keys(main)[0]).toBe("types");
    expect(main).toEqual({ types: "./dist/index.d.ts", default: "./dist/index.js" });
    expect(m.exports["./package.json"]).toBe("./package.json");
    expect(m.main).toBe(main.default);
    expect(m.types).toBe(main.types);
    expect(m.files).toEqual(expect.arrayContaining(["dist", "README.md", "LICENSE"]));
    expect(existsSync(join(dir, "README.md"))).toBe(true);
    expect(readFileSync(join(dir, "LICENSE"), "utf8")).toContain("MIT License");
    // ESM output: the built entry uses import/export, never require/module.exports.
    const js = readFileSync(join(dir, main.default), "utf8");
    expect(js).toMatch(/^export /m);
    expect(js).not.toMatch(/\bmodule\.exports\b|\brequire\(["']/);
  });

  it("packs only dist, README, LICENSE (and the schema), with workspace: ranges resolved", async () => {
    const { files, manifest: packed } = await readTarball(tarballOf(pkg.name));
    for (const f of ["package.json", "README.md", "LICENSE", "dist/index.js", "dist/index.d.ts"]) {
      expect(files).toContain(f);
    }
    if (pkg.cli) {
      expect(files).toContain("dist/cli.js");
    }
    const allowed = /^(package\.json|README\.md|LICENSE|dist\/.+|schema\/.+)$/;
    expect(files.filter((f) => !allowed.test(f))).toEqual([]);
    expect(files.filter((f) => /\.test\.|(^|\/)test\//.test(f))).toEqual([]);
    const ranges = ["dependencies", "peerDependencies", "optionalDependencies", "devDependencies"].flatMap(
      (field) => Object.values((packed[field] ?? {}) as Record<string, string>),
    );
    expect(ranges.filter((r) => r.startsWith("workspace:"))).toEqual([]);
  });

  it("publint (strict) reports no error or warning", async () => {
    const tarball = await readFile(tarballOf(pkg.name));
    const { messages, pkg: linted } = await publint({
      pack: { tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength) },
      strict: true,
      level: "warning",
    });
    expect(messages.map((m) => `${m.type}: ${formatMessage(m, linted, { color: false })}`)).toEqual([]);
  });

  it("attw (esm-only profile) reports no problem", { timeout: 60_000 }, async () => {
    const result = await run(bin("attw"), [tarballOf(pkg.name), "--profile", "esm-only", "--format", "json"]);
    const report = JSON.parse(result.stdout) as {
      analysis: { types: unknown };
      problems?: Record<string, Array<{ kind: string; entrypoint?: string; resolutionKind?: string }>>;
    };
    // esm-only ignores what CommonJS consumers see (node10, node16 from CJS): these packages are ESM.
    const ignored = new Set(["node10", "node16-cjs"]);
    const problems = Object.values(report.problems ?? {})
      .flat()
      .filter((p) => !p.resolutionKind || !ignored.has(p.resolutionKind));
    expect(problems).toEqual([]);
    expect(report.analysis.types).toMatchObject({ kind: "included" });
    expect(result.code).toBe(0);
  });
});

describe("JSR", () => {
  const jsrPackages = publishedPackages.filter((p) => p.jsr);
  const jsrConfig = (dir: string): Promise<PackageJson> => readJson(join(root, dir, "jsr.json"));

  it("the root deno.json's workspace is exactly the JSR packages", async () => {
    const deno = await readJson(join(root, "deno.json"));
    expect(deno.workspace).toEqual(jsrPackages.map((p) => `./${p.dir}`));
    // The Deno tests and examples resolve npm packages from the pnpm-installed node_modules.
    expect(deno.nodeModulesDir).toBe("manual");
  });

  it.each(jsrPackages)("$name: jsr.json agrees with package.json", async (pkg) => {
    const npm = await readJson(join(root, pkg.dir, "package.json"));
    const jsr = await jsrConfig(pkg.dir);
    expect(jsr.name).toBe(npm.name);
    expect(jsr.version).toBe(npm.version);
    expect(jsr.license).toBe(npm.license);
    // Same subpaths (package.json's ./package.json has no JSR counterpart); JSR serves the sources.
    const npmSubpaths = Object.keys(npm.exports).filter((s) => s !== "./package.json");
    expect(Object.keys(jsr.exports)).toEqual(npmSubpaths);
    for (const [subpath, target] of Object.entries(jsr.exports as Record<string, string>)) {
      expect(target, subpath).toMatch(/^\.\/src\/.+\.ts$/);
      expect(existsSync(join(root, pkg.dir, target)), target).toBe(true);
    }
    // Every npm dependency is mapped to the same npm package; workspace ones are JSR packages too.
    for (const [dep, range] of Object.entries((npm.dependencies ?? {}) as Record<string, string>)) {
      if (range.startsWith("workspace:")) {
        expect(
          jsrPackages.map((p) => p.name),
          dep,
        ).toContain(dep);
      } else {
        expect([`npm:${dep}@^${range}`, `npm:${dep}@${range}`], dep).toContain(jsr.imports?.[dep]);
      }
    }
    // Tests and fixtures stay out of the published package.
    expect(jsr.publish.exclude).toEqual(expect.arrayContaining(["src/**/*.test.ts"]));
  });

  it(
    "deno publish --dry-run passes for the workspace",
    async () => {
      // Type-checking the generated codecs takes Deno about 90 s on a small machine, and the same
      // sources are type-checked by `pnpm typecheck`; CI runs the full dry run as its own step.
      // Set JSR_DRY_RUN_TYPECHECK=1 to include it here.
      const typecheck = process.env.JSR_DRY_RUN_TYPECHECK === "1";
      const result = await run(
        bin("deno"),
        ["publish", "--dry-run", "--allow-dirty", ...(typecheck ? [] : ["--no-check"])],
        { timeout: 170_000 },
      );
      const out = `${result.stdout}\n${result.stderr}`;
      expect(out).toContain("Checking for slow types in the public API");
      expect(out).toContain("Dry run complete");
      for (const pkg of jsrPackages) {
        const version = (await jsrConfig(pkg.dir)).version;
        expect(out).toContain(`${pkg.name}@${version}`);
      }
      // No tests, fixtures or build output in what would be uploaded.
      const uploaded = out.split("\n").filter((l) => l.trim().startsWith("file://"));
      expect(uploaded.length).toBeGreaterThan(0);
      expect(uploaded.filter((l) => /\.test\.ts|\/fixtures\/|\/dist\/|\/test\//.test(l))).toEqual([]);
      expect(result.code, out).toBe(0);
    },
    process.env.JSR_DRY_RUN_TYPECHECK === "1" ? 180_000 : 60_000,
  );
});
