// Emits one .d.ts per source file of a package without type-checking it:
//   node scripts/emit-declarations.mjs <srcDir> <outDir>
// Each file is transformed on its own (TypeScript's isolated declarations), which needs every
// export to carry an explicit type; the generated codecs do (`export const X: MessageFns<X>`).
// A full `tsc --emitDeclarationOnly` produced the same files for packages/proto but had to
// check ~170k generated lines first: about a minute and 2.4 GB. Type errors are still caught,
// by the package's `typecheck` task; this step fails if a file needs inference to be declared.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import ts from "typescript";

const [srcDir, outDir] = process.argv.slice(2);
// `pnpm demo` builds JavaScript only (see jsOnly in tsup.base.ts): nothing it runs reads declarations.
if (process.env.TIKTOK_LIVE_JS_ONLY === "1") {
  console.log("declarations: skipped (TIKTOK_LIVE_JS_ONLY=1)");
  process.exit(0);
}
if (!srcDir || !outDir) {
  console.error("usage: node scripts/emit-declarations.mjs <srcDir> <outDir>");
  process.exit(2);
}

const compilerOptions = {
  declaration: true,
  isolatedDeclarations: true,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  target: ts.ScriptTarget.ES2022,
  strict: true,
};

/** Every .ts source below dir (tests and declaration files excluded). */
function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    const isSource = entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts");
    return isSource && !entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

let failures = 0;
const files = sources(srcDir);
for (const file of files) {
  const result = ts.transpileDeclaration(readFileSync(file, "utf8"), {
    fileName: file,
    compilerOptions,
    reportDiagnostics: true,
  });
  for (const diagnostic of result.diagnostics ?? []) {
    failures++;
    const where =
      diagnostic.file && diagnostic.start !== undefined
        ? `:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1}`
        : "";
    console.error(`${file}${where}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")}`);
  }
  const out = join(outDir, relative(srcDir, file)).replace(/\.ts$/, ".d.ts");
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, result.outputText);
}
if (failures > 0) {
  console.error(`${failures} declaration error(s): give those exports an explicit type.`);
  process.exit(1);
}
console.log(`declarations: ${files.length} files from ${srcDir} (isolated, no type-check)`);
