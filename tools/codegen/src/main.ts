/**
 * `pnpm codegen [--check] [--schema DIR]`: regenerates codecs (ts-proto), event
 * classes, the method registry and docs/events.md from packages/proto/schema,
 * prints what changed in the schema and writes a changeset. `--check` writes
 * nothing and exits 1 when a committed file is stale.
 */
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { renderChangeset } from "./changeset.js";
import { generate } from "./generate.js";
import { inputsHash } from "./inputs-hash.js";
import { staleFiles, writeOutputs } from "./outputs.js";
import * as paths from "./paths.js";
import { formatReport } from "./schema-diff.js";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const check = process.argv.includes("--check");
const targets = { ...paths, schemaDir: arg("--schema") ?? paths.schemaDir };
const { schema, events, outputs, changes, initial } = generate(targets);
// Recorded with the output so the turbo task (codegen-if-stale.ts) can skip a run that changes nothing.
outputs.set(paths.inputsHashFile, `${inputsHash(targets.schemaDir)}\n`);
const ownedDirs = [paths.genDir, ...paths.publicEventsFiles.map(({ file }) => dirname(file))];
const primaryCount = events.filter((e) => !e.derivedFrom).length;

if (check) {
  const stale = staleFiles(outputs, ownedDirs, paths.repoRoot);
  if (stale.length > 0) {
    console.error(
      `Generated code is stale; run \`pnpm codegen\` and commit the result.\n${formatReport(changes)}`,
    );
    for (const s of stale.slice(0, 40)) console.error(`  ${s}`);
    if (stale.length > 40) console.error(`  … and ${stale.length - 40} more`);
    process.exit(1);
  }
  console.log(
    `codegen --check: up to date (${primaryCount} push message events, ${schema.messages.length} messages).`,
  );
} else {
  writeOutputs(outputs, ownedDirs);
  console.log(
    initial ? `Initial schema snapshot written (${schema.messages.length} messages).` : formatReport(changes),
  );
  const changeset = initial ? undefined : renderChangeset(changes);
  if (changeset) {
    writeFileSync(join(paths.changesetDir, changeset.name), changeset.text);
    console.log(`Wrote .changeset/${changeset.name}`);
  }
  console.log(`Generated ${primaryCount} push message events (+${events.length - primaryCount} derived).`);
}
