import { fileURLToPath } from "node:url";
import ts from "typescript";

/** One published entry point: the package name users import and the source file behind it. */
export interface ApiEntry {
  readonly specifier: string;
  readonly source: string;
}

/** A package's public entries; the report of one package covers all of them. */
export interface ApiPackage {
  /** Directory name under packages/, also the report's file name. */
  readonly dir: string;
  readonly entries: readonly ApiEntry[];
}

/** One exported name and what it is. */
export interface ApiExport {
  readonly name: string;
  readonly kind: string;
}

const root = fileURLToPath(new URL("../../", import.meta.url));

/** Every published package and its entry points (private packages such as benchmarks have no API). */
export const apiPackages: readonly ApiPackage[] = [
  {
    dir: "proto",
    entries: [
      { specifier: "@tiktok-live/proto", source: "packages/proto/src/index.ts" },
      { specifier: "@tiktok-live/proto/codecs", source: "packages/proto/src/codecs.ts" },
    ],
  },
  {
    dir: "core",
    entries: [
      { specifier: "@tiktok-live/core", source: "packages/core/src/index.ts" },
      { specifier: "@tiktok-live/core/user-api", source: "packages/core/src/user-api.ts" },
      { specifier: "@tiktok-live/core/bytes", source: "packages/core/src/bytes/index.ts" },
      { specifier: "@tiktok-live/core/zlib-engine", source: "packages/core/src/compression/zlib-engine.ts" },
    ],
  },
  { dir: "node", entries: [{ specifier: "@tiktok-live/node", source: "packages/node/src/index.ts" }] },
  {
    dir: "deno-bun",
    entries: [{ specifier: "@tiktok-live/deno-bun", source: "packages/deno-bun/src/index.ts" }],
  },
  {
    dir: "testkit",
    entries: [{ specifier: "@tiktok-live/testkit", source: "packages/testkit/src/index.ts" }],
  },
  { dir: "nats", entries: [{ specifier: "@tiktok-live/nats", source: "packages/nats/src/index.ts" }] },
  { dir: "cli", entries: [{ specifier: "@tiktok-live/cli", source: "packages/cli/src/index.ts" }] },
];

/** The checker only resolves export symbols here, it never checks bodies, so the whole tree stays cheap. */
function createProgram(): ts.Program {
  const paths: Record<string, string[]> = {};
  for (const pkg of apiPackages) {
    for (const entry of pkg.entries) paths[entry.specifier] = [entry.source];
  }
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    baseUrl: root,
    paths,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: ["node"],
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts", "lib.dom.iterable.d.ts"],
  };
  const rootNames = apiPackages.flatMap((pkg) => pkg.entries.map((entry) => `${root}${entry.source}`));
  return ts.createProgram({ rootNames, options });
}

/** The kind of the declaration(s) behind a name; a name can be both a type and a value (e.g. a class). */
function kindOf(symbol: ts.Symbol): string {
  const flags = symbol.flags;
  const kinds: string[] = [];
  if (flags & ts.SymbolFlags.Class) kinds.push("class");
  else if (flags & ts.SymbolFlags.Function) kinds.push("function");
  else if (flags & ts.SymbolFlags.Enum) kinds.push("enum");
  else if (flags & ts.SymbolFlags.Variable) kinds.push("const");
  if (flags & ts.SymbolFlags.Interface) kinds.push("interface");
  if (flags & ts.SymbolFlags.TypeAlias) kinds.push("type");
  if (flags & ts.SymbolFlags.ValueModule || flags & ts.SymbolFlags.NamespaceModule) kinds.push("namespace");
  return kinds.length > 0 ? kinds.join(" + ") : "unknown";
}

/** Every exported name of each entry, resolved through re-exports, sorted by name. */
export function collectApi(): Map<string, Map<string, ApiExport[]>> {
  const program = createProgram();
  const checker = program.getTypeChecker();
  const result = new Map<string, Map<string, ApiExport[]>>();
  for (const pkg of apiPackages) {
    const entries = new Map<string, ApiExport[]>();
    for (const entry of pkg.entries) {
      const file = program.getSourceFile(`${root}${entry.source}`);
      if (file === undefined) throw new Error(`${entry.source} is not in the program`);
      const moduleSymbol = checker.getSymbolAtLocation(file);
      if (moduleSymbol === undefined) throw new Error(`${entry.source} is not a module`);
      const exports = checker.getExportsOfModule(moduleSymbol).map((symbol) => {
        const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
        return { name: symbol.getName(), kind: kindOf(target) };
      });
      exports.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      entries.set(entry.specifier, exports);
    }
    result.set(pkg.dir, entries);
  }
  return result;
}

/** The checked-in report of one package: a Markdown list per entry point, one name a line. */
export function renderReport(dir: string, entries: Map<string, ApiExport[]>): string {
  const lines = [
    `# API report: ${dir}`,
    "",
    "<!-- Generated by `pnpm api:update` (scripts/api-report). Do not edit; a test compares it with the sources. -->",
    "",
  ];
  for (const [specifier, exports] of entries) {
    lines.push(`## \`${specifier}\` (${exports.length} names)`, "");
    for (const { name, kind } of exports) lines.push(`- \`${name}\`: ${kind}`);
    lines.push("");
  }
  return lines.join("\n");
}

/** Where the report of a package lives. */
export function reportPath(dir: string): string {
  return `${root}etc/api/${dir}.api.md`;
}
