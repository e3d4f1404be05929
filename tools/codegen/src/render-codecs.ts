import { sortedNameGroups } from "./group-by.js";
import { generatedHeader } from "./header.js";
import type { FileModel } from "./schema-model.js";

/**
 * Schema files whose codecs the package index imports up front: every connection
 * decodes frames and batches before it knows which events it will meet.
 */
export const eagerFiles: ReadonlySet<string> = new Set(["webcast/envelope.proto"]);

/** `webcast/chat.proto` → `chat`. */
export function domainName(file: string): string {
  return file.replace(/^webcast\//, "").replace(/\.proto$/, "");
}

/** `webcast/chat.proto` → `chatCodecs`, the CodecDomain constant of that file. */
export function domainConst(file: string): string {
  return `${domainName(file)}Codecs`;
}

/** Module of a schema file's codecs, relative to `src/gen/`. */
function genModule(file: string): string {
  return `./${file.replace(/\.proto$/, "")}.js`;
}

/**
 * One CodecDomain per schema file (the eager ones aside), each loading its
 * ts-proto module on first use, after the domains it imports.
 */
export function renderCodecDomains(files: FileModel[]): string {
  const lazy = files.filter((f) => !eagerFiles.has(f.file));
  const typeImports = lazy
    .map((f) => `import type * as ${domainName(f.file)} from "${genModule(f.file)}";`)
    .join("\n");
  const domains = lazy
    .map((f) => {
      const deps = f.imports.filter((i) => !eagerFiles.has(i)).map(domainConst);
      return (
        `/** Codecs of \`${f.file}\`. */\n` +
        `export const ${domainConst(f.file)}: CodecDomain<typeof ${domainName(f.file)}> = new CodecDomain(\n` +
        `  "${domainName(f.file)}",\n` +
        `  () => import("${genModule(f.file)}"),\n` +
        `  [${deps.join(", ")}],\n` +
        ");"
      );
    })
    .join("\n\n");
  return `${generatedHeader("packages/proto/schema")}import { CodecDomain } from "../codec-domain.js";
${typeImports}

${domains}

/** Every lazily loaded codec domain by name, imports before importers. */
export const codecDomains: ReadonlyMap<string, CodecDomain> = new Map<string, CodecDomain>([
${lazy.map((f) => `  ["${domainName(f.file)}", ${domainConst(f.file)}],`).join("\n")}
]);
`;
}

/** Type names by schema file, both sorted. */
function byFile(entries: Array<{ tsName: string; file: string }>): Array<[string, string[]]> {
  return sortedNameGroups(
    entries,
    (e) => e.file,
    (e) => e.tsName,
  );
}

/**
 * The package index's view of the schema: every top-level message and enum as a
 * type, and as a value (codec) only for the eager files, so importing the index
 * never evaluates the lazily loaded codecs. Type aliases rather than `export type`:
 * bundled declarations keep an alias a type, but turn `export type { X }` of a
 * name that is also a value back into a value export.
 */
export function renderMessagesIndex(entries: Array<{ tsName: string; file: string }>): string {
  const imports: string[] = [];
  const lines: string[] = [];
  for (const [file, names] of byFile(entries)) {
    if (eagerFiles.has(file)) {
      lines.push(`export { ${names.join(", ")} } from "${genModule(file)}";`);
      continue;
    }
    const ns = `${domainName(file)}Types`;
    imports.push(`import type * as ${ns} from "${genModule(file)}";`);
    for (const n of names) lines.push(`export type ${n} = ${ns}.${n};`);
  }
  return `${generatedHeader("packages/proto/schema")}${imports.join("\n")}\n\n${lines.join("\n")}\n`;
}

/**
 * `@tiktok-live/proto/codecs`: every codec as a value, imported eagerly, and each
 * lazy domain marked loaded, for code that encodes or decodes messages itself.
 */
export function renderCodecsIndex(
  entries: Array<{ tsName: string; file: string }>,
  files: FileModel[],
): string {
  const lazy = files.filter((f) => !eagerFiles.has(f.file));
  const exports = byFile(entries).map(
    ([file, names]) => `export { ${names.join(", ")} } from "${genModule(file)}";`,
  );
  const namespaces = lazy.map((f) => `import * as ${domainName(f.file)} from "${genModule(f.file)}";`);
  const domains = `import { ${lazy
    .map((f) => domainConst(f.file))
    .sort()
    .join(", ")} } from "./codec-domains.js";`;
  const provides = lazy.map((f) => `${domainConst(f.file)}.provide(${domainName(f.file)});`);
  return `${generatedHeader("packages/proto/schema")}${domains}
${namespaces.join("\n")}

${provides.join("\n")}

${exports.join("\n")}
`;
}
