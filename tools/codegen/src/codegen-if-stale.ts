/**
 * The turbo `codegen` task: regenerates only when the schema or the generator changed since
 * the committed output was made (the hash in src/gen/inputs.sha256 says which inputs that was).
 * A fresh clone thus skips the full run. CI still runs `pnpm codegen --check` first, which
 * regenerates in memory and compares every file, so hand edits to generated code are caught.
 */
import { readText } from "./buf.js";
import { inputsHash } from "./inputs-hash.js";
import { inputsHashFile, schemaDir } from "./paths.js";

const current = inputsHash(schemaDir);
if (readText(inputsHashFile)?.trim() === current) {
  console.log(`codegen: generated files are up to date with their inputs (${current.slice(0, 12)})`);
} else {
  console.log("codegen: schema or generator changed, regenerating");
  // main.ts runs the generator when imported, with this process's arguments (no --check).
  await import("./main.js");
}
