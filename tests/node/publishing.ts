/**
 * Shared by package-hygiene.test.ts and pack.test.ts: the list of published
 * packages, a way to run the pinned pnpm, and `pnpm pack` into a directory.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("../../", import.meta.url));
export const bin = (name: string): string => join(root, "node_modules", ".bin", name);

export interface PublishedPackage {
  /** npm (and JSR) name. */
  name: string;
  /** Directory relative to the repository root. */
  dir: string;
  /** Also published to JSR (a member of the Deno workspace in deno.json). */
  jsr: boolean;
  /** Has a `bin`, so it is not side-effect free. */
  cli: boolean;
}

export const publishedPackages: PublishedPackage[] = [
  { name: "@tiktok-live/proto", dir: "packages/proto", jsr: true, cli: false },
  { name: "@tiktok-live/core", dir: "packages/core", jsr: true, cli: false },
  { name: "@tiktok-live/node", dir: "packages/node", jsr: false, cli: false },
  { name: "@tiktok-live/deno-bun", dir: "packages/deno-bun", jsr: true, cli: false },
  { name: "@tiktok-live/nats", dir: "packages/nats", jsr: true, cli: false },
  { name: "@tiktok-live/testkit", dir: "packages/testkit", jsr: false, cli: false },
  { name: "@tiktok-live/cli", dir: "packages/cli", jsr: false, cli: true },
];

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a program without a shell; never rejects, so callers can assert on the exit code. */
export function run(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeout?: number } = {},
): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      {
        cwd: options.cwd ?? root,
        env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", ...options.env },
        timeout: options.timeout ?? 120_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({
          code,
          stdout: String(stdout),
          stderr: String(stderr) || (error && !stderr ? error.message : ""),
        });
      },
    );
  });
}

/**
 * The pnpm the README pins. Under `pnpm test` npm_execpath is that pnpm already;
 * otherwise (e.g. `npx vitest run`) it is fetched through npx like the README does.
 */
export function pnpm(args: string[], options: { cwd?: string; timeout?: number } = {}): Promise<RunResult> {
  const execPath = process.env.npm_execpath;
  if (execPath && /pnpm/.test(execPath) && existsSync(execPath)) {
    return run(process.execPath, [execPath, ...args], options);
  }
  return run("npx", ["-y", "pnpm@10.34.8", ...args], options);
}

/** Fails early with a clear message when the packages have not been built. */
export async function assertBuilt(): Promise<void> {
  const missing: string[] = [];
  for (const pkg of publishedPackages) {
    const manifest = JSON.parse(await readFile(join(root, pkg.dir, "package.json"), "utf8"));
    const entry: string = manifest.exports["."].default;
    if (!existsSync(join(root, pkg.dir, entry))) missing.push(`${pkg.dir}/${entry}`);
  }
  if (missing.length > 0) {
    throw new Error(`Build the packages first (pnpm build); missing: ${missing.join(", ")}`);
  }
}

/**
 * `pnpm pack`s every published package into its own folder under `dest`
 * (pnpm replaces `workspace:*` with the real versions) and returns the tarball paths by name.
 */
export async function packAll(dest: string): Promise<Map<string, string>> {
  await assertBuilt();
  const tarballs = new Map<string, string>();
  await Promise.all(
    publishedPackages.map(async (pkg) => {
      const out = join(dest, pkg.name.replace("@", "").replace("/", "-"));
      await mkdir(out, { recursive: true });
      const result = await pnpm(["pack", "--pack-destination", out], { cwd: join(root, pkg.dir) });
      if (result.code !== 0) {
        throw new Error(`pnpm pack failed in ${pkg.dir}:\n${result.stdout}\n${result.stderr}`);
      }
      const [file] = (await readdir(out)).filter((f) => f.endsWith(".tgz"));
      if (!file) throw new Error(`pnpm pack wrote no tarball for ${pkg.name}`);
      tarballs.set(pkg.name, join(out, file));
    }),
  );
  return tarballs;
}

/** Lists a tarball's entries (without the leading `package/`) and reads its package.json. */
export async function readTarball(tarball: string): Promise<{ files: string[]; manifest: PackageJson }> {
  const list = await run("tar", ["-tzf", tarball]);
  if (list.code !== 0) throw new Error(`tar -t ${tarball}: ${list.stderr}`);
  const files = list.stdout
    .split("\n")
    .filter(Boolean)
    .map((f) => f.replace(/^package\//, ""));
  const manifest = await run("tar", ["-xzOf", tarball, "package/package.json"]);
  return { files, manifest: JSON.parse(manifest.stdout) };
}

// biome-ignore lint/suspicious/noExplicitAny: package.json is free-form JSON
export type PackageJson = Record<string, any>;

export const readJson = async (path: string): Promise<PackageJson> =>
  JSON.parse(await readFile(path, "utf8"));
