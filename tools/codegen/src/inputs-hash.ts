import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { listFiles } from "./outputs.js";
import { codegenDir, repoRoot } from "./paths.js";

/**
 * One hash over everything the generated files are made from: the schema, the generator's
 * source and its package.json (which pins ts-proto and buf). codegen writes it next to its
 * output, so `codegen-if-stale` can tell in milliseconds that a full run (~25 s, ~1.4 GB)
 * would change nothing.
 */
export function inputsHash(schemaDir: string): string {
  const files = [
    ...listFiles(schemaDir).filter((f) => f.endsWith(".proto")),
    ...listFiles(join(codegenDir, "src")),
    join(codegenDir, "package.json"),
  ].sort();
  const hash = createHash("sha256");
  for (const file of files) {
    // Paths relative to the root and "/" separators, so the hash is the same in every checkout.
    hash.update(relative(repoRoot, file).split("\\").join("/"));
    hash.update("\0");
    hash.update(readFileSync(file));
    hash.update("\0");
  }
  return hash.digest("hex");
}
