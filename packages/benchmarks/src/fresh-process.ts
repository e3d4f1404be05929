import { execFile } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Runs `script` (under src/, via tsx, with --expose-gc) in a fresh Node process with `arg` as JSON in
 * argv[2], and resolves with the JSON of its last stdout line: for figures that must be the process's
 * own (CPU, heap), untouched by the benchmarks that ran before.
 */
export async function runFresh<T>(script: string, arg: unknown): Promise<T> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--expose-gc", "--import", "tsx", join("src", script), JSON.stringify(arg)],
    { cwd: packageDir, maxBuffer: 16 * 1024 * 1024, timeout: 600_000 },
  );
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "") as T;
}
