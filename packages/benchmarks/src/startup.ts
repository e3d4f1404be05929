import { execFile } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { median } from "./harness.js";

const run = promisify(execFile);
const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Run in a fresh node: import the package, report the import's wall time and the heap it added. */
const probe = `
const gc = globalThis.gc;
gc(); gc();
const heap0 = process.memoryUsage().heapUsed;
const t0 = performance.now();
const mod = await import(process.argv[1]);
const ms = performance.now() - t0;
gc(); gc();
const heap = process.memoryUsage().heapUsed - heap0;
process.stdout.write(JSON.stringify({ ms, heap, exports: Object.keys(mod).length }));
`;

export interface StartupFigures {
  name: string;
  runs: number;
  importMs: number;
  heapBytes: number;
}

async function once(specifier: string): Promise<{ ms: number; heap: number }> {
  const { stdout } = await run(
    process.execPath,
    ["--expose-gc", "--input-type=module", "-e", probe, specifier],
    { cwd: packageDir },
  );
  return JSON.parse(stdout) as { ms: number; heap: number };
}

/** Import time and heap of each package, fresh process each run, runs interleaved; medians. */
export async function startup(specifiers: string[], runs: number): Promise<StartupFigures[]> {
  const results = new Map<string, Array<{ ms: number; heap: number }>>(specifiers.map((s) => [s, []]));
  for (let r = 0; r < runs; r++) {
    for (let k = 0; k < specifiers.length; k++) {
      const spec = specifiers[(k + r) % specifiers.length]!;
      results.get(spec)!.push(await once(spec));
    }
  }
  return specifiers.map((name) => {
    const samples = results.get(name)!;
    return {
      name,
      runs,
      importMs: median(samples.map((s) => s.ms)),
      heapBytes: median(samples.map((s) => s.heap)),
    };
  });
}
