import { derivedGetters } from "./event-map.js";
import { generatedHeader } from "./header.js";
import type { PushEvent } from "./push-messages.js";
import { domainConst, eagerFiles } from "./render-codecs.js";
import type { FieldModel } from "./schema-model.js";

/** Members of BaseEvent / ProtoEvent that a field getter must not shadow; such fields stay reachable via `.data`. */
export const reservedMembers = new Set([
  "eventName",
  "method",
  "msgId",
  "createTime",
  "payload",
  "data",
  "toJSON",
  "decode",
  "constructor",
  "isDecoded",
  "skippedFields",
  "plainData",
  "countSkippedInto",
]);

/** Maps a schema file (`webcast/chat.proto`) to its ts-proto module path from `src/gen/events/`. */
function genModule(file: string): string {
  return `../${file.replace(/\.proto$/, "")}.js`;
}

function indentDoc(text: string, indent: string): string {
  const safe = text.replaceAll("*/", "*\\/");
  return `${indent}/**\n${safe
    .split("\n")
    .map((l) => `${indent} * ${l}`.trimEnd())
    .join("\n")}\n${indent} */\n`;
}

class Imports {
  private readonly values = new Map<string, Set<string>>();
  private readonly types = new Map<string, Set<string>>();
  value(module: string, name: string): void {
    this.add(this.values, module, name);
  }
  type(module: string, name: string): void {
    this.add(this.types, module, name);
  }
  private add(map: Map<string, Set<string>>, module: string, name: string): void {
    let set = map.get(module);
    if (!set) {
      set = new Set();
      map.set(module, set);
    }
    set.add(name);
  }
  render(): string {
    const lines: string[] = [];
    const modules = [...new Set([...this.values.keys(), ...this.types.keys()])].sort();
    for (const m of modules) {
      const values = [...(this.values.get(m) ?? [])].sort();
      const types = [...(this.types.get(m) ?? [])].filter((t) => !values.includes(t)).sort();
      if (values.length) lines.push(`import { ${values.join(", ")} } from "${m}";`);
      if (types.length) lines.push(`import type { ${types.join(", ")} } from "${m}";`);
    }
    return lines.join("\n");
  }
}

/** Type names a field's TypeScript type mentions, for imports. */
function referencedTypes(f: FieldModel): string[] {
  return [...f.tsType.matchAll(/\b[A-Z][A-Za-z0-9_]*\b/g)]
    .map((m) => m[0])
    .filter((n) => n !== "Uint8Array" && n !== "Map");
}

const domainsModule = "../codec-domains.js";

/**
 * An expression for the codec of `tsName`. Lazy codecs are reached through their
 * domain, so this module never imports them; by the time a getter runs, `data`
 * has been decoded and the domain (with everything it imports) is loaded.
 */
function codecRef(tsName: string, imports: Imports, fileOf: (tsName: string) => string): string {
  const file = fileOf(tsName);
  if (eagerFiles.has(file)) {
    imports.value(genModule(file), tsName);
    return tsName;
  }
  imports.value(domainsModule, domainConst(file));
  return `${domainConst(file)}.codecs.${tsName}`;
}

function renderGetter(f: FieldModel, imports: Imports, fileOf: (tsName: string) => string): string {
  for (const t of referencedTypes(f)) imports.type(genModule(fileOf(t)), t);
  const doc = `  /** Field ${f.number}, \`${f.name}\` (${f.type}). */\n`;
  if (f.messageTsName) {
    // A singular message field is optional on the wire; an empty instance keeps `e.user.nickname` safe to read.
    const codec = codecRef(f.messageTsName, imports, fileOf);
    return `${doc}  get ${f.localName}(): ${f.tsType} {\n    return this.data.${f.localName} ?? ${codec}.create();\n  }\n`;
  }
  return `${doc}  get ${f.localName}(): ${f.tsType} {\n    return this.data.${f.localName};\n  }\n`;
}

/**
 * Python TikTokLive names an event's user `user_info`; `userInfo` returns the
 * same object as `user` so code ported from it reads unchanged. Only added
 * where the message has no field of that name itself.
 */
function userInfoAlias(f: FieldModel, fields: readonly FieldModel[]): string {
  if (f.localName !== "user" || !f.messageTsName || fields.some((g) => g.localName === "userInfo")) return "";
  return `\n  /** The same object as \`user\` (Python TikTokLive's \`user_info\`). */\n  get userInfo(): ${f.tsType} {\n    return this.user;\n  }\n`;
}

/** The getters `derivedGetters` lists for a derived event, each returning its hand-written function of the event. */
function renderDerivedGetters(e: PushEvent, imports: Imports): string {
  return (derivedGetters[e.event] ?? [])
    .map((g) => {
      if (reservedMembers.has(g.name) || e.message.fields.some((f) => f.localName === g.name))
        throw new Error(`${e.event}.${g.name} would shadow a member or field of ${e.message.name}`);
      imports.value(`../../events/custom/${g.module}.js`, g.fn);
      return `\n${indentDoc(g.doc, "  ")}  get ${g.name}(): ${g.type} {\n    return ${g.fn}(this);\n  }\n`;
    })
    .join("");
}

/**
 * Renders the event classes of one schema file. `fileOf` tells which schema file
 * defines a generated type, so cross-file references import from the right module.
 */
export function renderEventFile(
  file: string,
  events: PushEvent[],
  fileOf: (tsName: string) => string,
): string {
  const imports = new Imports();
  const chunks: string[] = [];
  for (const e of events) {
    const msg = e.message;
    const docText = `\`${msg.name}\`${e.doc ? `: ${e.doc}` : "."}\n\n@example client.on(${e.event}, (e) => …) or client.on("${e.shortName}", (e) => …)`;
    if (e.derivedFrom) {
      chunks.push(
        `${indentDoc(`${e.doc}\n\nCarries the same fields as {@link ${e.derivedFrom}}; the client emits it in addition to that event.`, "")}export class ${e.event} extends ${e.derivedFrom} {\n  static override readonly eventName: string = "${e.shortName}";\n${renderDerivedGetters(e, imports)}}\n`,
      );
      continue;
    }
    imports.type(genModule(file), msg.tsName);
    imports.value("../../lazy-message.js", "decodeLazily");
    imports.type("../../lazy-message.js", "LazyRoot");
    if (eagerFiles.has(file)) throw new Error(`${msg.name} is a push message, but ${file} is loaded eagerly`);
    const codec = codecRef(msg.tsName, imports, fileOf);
    let parent = "ProtoEvent";
    if (e.base) {
      imports.value(`../../events/custom/${e.base.module}.js`, e.base.base);
      parent = e.base.base;
    } else {
      imports.value("../../events/proto-event.js", "ProtoEvent");
    }
    const getters = msg.fields
      .filter((f) => !reservedMembers.has(f.localName))
      .map((f) => renderGetter(f, imports, fileOf) + userInfoAlias(f, msg.fields))
      .join("\n");
    const generic = e.base ? "" : `<${msg.tsName}>`;
    chunks.push(
      `${indentDoc(docText, "")}export class ${e.event} extends ${parent}${generic} {\n` +
        `  static override readonly eventName: string = "${e.shortName}";\n` +
        `  static override readonly method: string = "${msg.name}";\n` +
        `  static override readonly codecs: typeof ${domainConst(file)} = ${domainConst(file)};\n\n` +
        `  protected override decode(root: LazyRoot): ${msg.tsName} {\n    return decodeLazily(${codec}, root);\n  }\n` +
        (getters ? `\n${getters}` : "") +
        "}\n",
    );
  }
  return `${generatedHeader(`packages/proto/schema/${file}`)}${imports.render()}\n\n${chunks.join("\n")}`;
}
