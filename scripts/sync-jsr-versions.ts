/**
 * `changeset version` bumps package.json versions; JSR reads jsr.json. This copies
 * each JSR package's package.json version into its jsr.json (run by `pnpm version-packages`).
 * `--check` changes nothing and exits 1 when a jsr.json is behind.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
const check = process.argv.includes("--check");
const workspace: string[] = JSON.parse(readFileSync(join(root, "deno.json"), "utf8")).workspace;

let stale = 0;
for (const member of workspace) {
  const { name, version } = JSON.parse(readFileSync(join(root, member, "package.json"), "utf8"));
  const jsrFile = join(root, member, "jsr.json");
  const jsr = JSON.parse(readFileSync(jsrFile, "utf8"));
  if (jsr.name !== name) throw new Error(`${jsrFile}: name ${jsr.name} differs from package.json's ${name}`);
  if (jsr.version === version) continue;
  stale++;
  console.log(`${name}: jsr.json ${jsr.version} -> ${version}`);
  // Only the version line changes, so the file keeps its formatting.
  const text = readFileSync(jsrFile, "utf8").replace(/("version"\s*:\s*)"[^"]*"/, `$1"${version}"`);
  if (!check) writeFileSync(jsrFile, text);
}
if (check && stale > 0) process.exit(1);
console.log(stale === 0 ? "jsr.json versions match package.json." : `Updated ${stale} jsr.json file(s).`);
