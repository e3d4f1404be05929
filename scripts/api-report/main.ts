// Writes etc/api/<package>.api.md from the sources (`pnpm api:update`), or with --count
// prints how many names each entry exports (for before/after figures).
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { collectApi, renderReport, reportPath } from "./api-surface.js";

const api = collectApi();
if (process.argv.includes("--count")) {
  for (const [, entries] of api) {
    for (const [specifier, exports] of entries) {
      const values = exports.filter(({ kind }) => /class|function|const|enum/.test(kind)).length;
      console.log(
        `${specifier}\t${exports.length} names\t${values} values\t${exports.length - values} types only`,
      );
    }
  }
} else {
  for (const [dir, entries] of api) {
    const path = reportPath(dir);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, renderReport(dir, entries));
    console.log(`wrote ${path}`);
  }
}
