import { execFile } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { Corpus } from "./corpus.js";
import type { RuntimePassArgs, RuntimePassFigures } from "./runtime-pass.js";
import type { RemoteSimulator } from "./simulator-process.js";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name: string) => join(packageDir, "..", "..", "node_modules", ".bin", name);

export interface RuntimeFigures extends RuntimePassFigures {
  messages: number;
}

/** How each runtime starts runtime-pass.ts: Node through tsx, Deno and Bun from the repository's npm binaries. */
const node: [string, string[]] = [process.execPath, ["--import", "tsx"]];
// The benchmarks package is not a Deno workspace member, so it does not inherit the root's sloppy imports.
const deno: [string, string[]] = [bin("deno"), ["run", "-A", "--unstable-sloppy-imports"]];
const bun: [string, string[]] = [bin("bun"), ["run"]];
const runs: Array<[[string, string[]], RuntimePassArgs["gunzip"]]> = [
  [node, "default"],
  [deno, "default"],
  [bun, "default"],
  // What Deno and Bun used before the reused zlib engine, for the difference.
  [deno, "web"],
  [bun, "web"],
];

/**
 * Decode + dispatch on Node, Deno and Bun: the same corpus and listeners
 * through each runtime's adapter (`@tiktok-live/node`, `@tiktok-live/deno-bun`),
 * each runtime in a process of its own, full and comment-only passes
 * interleaved inside it. Runtimes cannot share a process, so these figures
 * compare less tightly than the side-by-side table: read them as orders.
 */
export async function runtimePasses(
  sim: RemoteSimulator,
  corpus: Corpus,
  rounds: number,
): Promise<RuntimeFigures[]> {
  const figures: RuntimeFigures[] = [];
  for (const [[command, prefix], gunzip] of runs) {
    const args: RuntimePassArgs = {
      corpusPath: corpus.path,
      frameCount: corpus.frames.length,
      uniqueId: sim.uniqueId,
      clientOptions: sim.clientOptions,
      rounds,
      gunzip,
    };
    const { stdout } = await promisify(execFile)(
      command,
      [...prefix, join("src", "runtime-pass.ts"), JSON.stringify(args)],
      { cwd: packageDir, maxBuffer: 1024 * 1024, timeout: 600_000 },
    );
    const line = stdout.trim().split("\n").at(-1) ?? "";
    figures.push({ ...(JSON.parse(line) as RuntimePassFigures), messages: corpus.messages });
  }
  return figures;
}
