import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";

/** Absolute path → file content: everything one codegen run produces. */
export type Outputs = Map<string, string>;

export function listFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

/** Files that differ from disk, plus files in `ownedDirs` that the run no longer produces. */
export function staleFiles(outputs: Outputs, ownedDirs: string[], root: string): string[] {
  const stale: string[] = [];
  for (const [path, text] of outputs) {
    let current: string | undefined;
    try {
      current = readFileSync(path, "utf8");
    } catch {
      current = undefined;
    }
    if (current !== text) stale.push(relative(root, path));
  }
  for (const dir of ownedDirs) {
    for (const path of listFiles(dir))
      if (!outputs.has(path)) stale.push(`${relative(root, path)} (no longer generated)`);
  }
  return stale;
}

export function writeOutputs(outputs: Outputs, ownedDirs: string[]): void {
  for (const dir of ownedDirs) for (const path of listFiles(dir)) if (!outputs.has(path)) rmSync(path);
  for (const [path, text] of outputs) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
}
