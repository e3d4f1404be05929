/**
 * `pnpm schema:compare <reference> [--json] [--emit-missing] [--schema DIR]`:
 * compares packages/proto/schema with a reference schema (see load-reference.ts)
 * and reports push messages we lack, fields we lack and fields whose number or
 * wire type disagrees. Exits 1 when a conflict has no `decided:` note on our field.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { compareSchemas, undecidedConflicts } from "./compare/compare.js";
import { emitMissing } from "./compare/emit-missing.js";
import { loadOurs, loadReference } from "./compare/load-reference.js";
import { formatJson, formatText } from "./compare/report.js";
import { schemaDir } from "./paths.js";

const args = process.argv.slice(2);
const schemaAt = args.indexOf("--schema");
const positional = args.filter((a, i) => !a.startsWith("--") && (schemaAt < 0 || i !== schemaAt + 1));
// pnpm runs the script in tools/codegen; a relative path means the caller's directory.
const callerDir = process.env.INIT_CWD ?? process.cwd();
const asPath = (p: string): string => (existsSync(resolve(callerDir, p)) ? resolve(callerDir, p) : p);
const reference = positional[0] === undefined ? undefined : asPath(positional[0]);
if (!reference) {
  console.error("usage: pnpm schema:compare <reference> [--json] [--emit-missing] [--schema DIR]");
  console.error(
    "  reference: a directory of .proto files, a ts-proto .js bundle, or e.g. tiktok-live-proto/v3",
  );
  process.exit(2);
}
const ours = loadOurs(schemaAt >= 0 ? asPath(args[schemaAt + 1]!) : schemaDir);
const ref = loadReference(reference);
const comparison = compareSchemas(ours, ref);
if (args.includes("--emit-missing")) console.log(emitMissing(comparison, ours, ref));
else if (args.includes("--json")) console.log(formatJson(comparison));
else console.log(formatText(comparison, ref));
process.exit(undecidedConflicts(comparison).length > 0 ? 1 : 0);
