/**
 * Gives every codec a second decoder, `decodeLazy`, that reads a message's
 * scalar fields as `decode` does but steps over its message-typed fields
 * (singular and repeated), remembering where each one starts. The result is an
 * instance of a generated class, one per message type that has such fields,
 * whose getters (on the prototype: no closure per object) decode a field from
 * the bytes already in memory when it is first read, and keep it.
 *
 * - Events decode with `decodeLazy` (packages/proto/src/lazy-message.ts runs
 *   it); `decode` stays the eager decoder (the benchmarks' raw limit, tools,
 *   the simulator).
 * - A nested field whose bytes do not decode is skipped and recorded when it is
 *   read, as `decode` does when it meets it (skipped-fields.ts); one that runs
 *   past its message's end still fails the message when the message is decoded.
 * - The class keeps the interface's shape: scalars are own properties, message
 *   fields getters and setters, so `encode`, `fromPartial` and readers see the
 *   same values as from `decode`. Object.keys, spread and structuredClone see
 *   only own properties, hence `[plainMessage]()`: the same message as a plain
 *   object, fields in schema order (lazy-message.ts's `materialize` goes deep),
 *   and `[inspectCustom]()`, what `console.log` shows (inspect.ts).
 * - Map entries stay eager: a map is built while decoding.
 *
 * Runs on the output of tolerant-decode.ts; like it, the rewrite works on
 * ts-proto's formatting and fails the run on anything it does not recognise.
 */

const helpersModule = "../../lazy-message.js";

const singleNested = /message\.(\w+) =\s*(\w+)\s*\.decode\(reader, reader\.uint32\(\)\);/g;
const repeatedNested = /message\.(\w+)\.push\(\s*(\w+)\s*\.decode\(reader, reader\.uint32\(\)\),?\s*\);/g;

interface LazyField {
  name: string;
  codec: string;
  number: number;
  repeated: boolean;
}

/** Field names of `createBaseX()`'s object literal, with their defaults, in order. */
function baseFields(text: string): Map<string, Array<[string, string]>> {
  const out = new Map<string, Array<[string, string]>>();
  for (const m of text.matchAll(/^function createBase(\w+)\(\): \w+ \{\n {2}return \{([\s\S]*?)\};\n\}/gm)) {
    const fields = m[2]!
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean)
      .map((entry): [string, string] => {
        const at = entry.indexOf(": ");
        if (at < 0) throw new Error(`lazy-nested: unrecognised default "${entry}" in createBase${m[1]}`);
        return [entry.slice(0, at), entry.slice(at + 2)];
      });
    out.set(m[1]!, fields);
  }
  return out;
}

/** The field number of the `case N:` that contains `index`. */
function caseNumber(body: string, index: number, message: string): number {
  const before = body.slice(0, index);
  const m = [...before.matchAll(/case (\d+): \{/g)].pop();
  if (!m) throw new Error(`lazy-nested: no case around a nested decode in ${message}`);
  return Number(m[1]);
}

/** The text of `X.decode` (its first line to its closing `},`) inside one codec's part. */
function decodeMethod(part: string, message: string): { start: number; stop: number } | undefined {
  const start = part.indexOf("\n  decode(input: BinaryReader | Uint8Array, length?: number)");
  if (start < 0) return undefined;
  const fin = part.indexOf("\n    } finally {\n", start);
  const stop = part.indexOf("\n  },\n", fin);
  if (fin < 0 || stop < 0) throw new Error(`lazy-nested: end of ${message}.decode not found`);
  return { start: start + 1, stop: stop + "\n  },\n".length };
}

function renderClass(
  message: string,
  decodeText: string,
  defaults: Array<[string, string]>,
  lazy: LazyField[],
): string {
  const cls = `${message}$Lazy`;
  const lazyNames = new Set(lazy.map((f) => f.name));
  const t = (f: string) => `${message}["${f}"]`;
  const declarations = defaults
    .filter(([f]) => !lazyNames.has(f))
    .map(([f]) => `  ${f}: ${t(f)};\n`)
    .join("");
  const slots = lazy
    .map((f) =>
      f.repeated
        ? `  #${f.name}$v: ${t(f.name)} | undefined = undefined;\n  #${f.name}$at: number[] | undefined = undefined;\n`
        : `  #${f.name}$v: ${t(f.name)} = undefined;\n  #${f.name}$at = -1;\n`,
    )
    .join("");
  const assigns = defaults
    .filter(([f]) => !lazyNames.has(f))
    .map(([f, v]) => `    this.${f} = ${v === "new Uint8Array(0)" ? "emptyBytes" : v};\n`)
    .join("");
  const accessors = lazy
    .map((f) => {
      const where = `"${message}", ${f.number}`;
      if (f.repeated) {
        return (
          `  get ${f.name}(): ${t(f.name)} {\n` +
          `    if (this.#${f.name}$v === undefined) {\n` +
          `      this.#${f.name}$v = decodeMany(this.#root, this.#${f.name}$at, ${f.codec}, ${where});\n` +
          `      this.#${f.name}$at = undefined;\n    }\n    return this.#${f.name}$v;\n  }\n` +
          `  set ${f.name}(value: ${t(f.name)}) {\n    this.#${f.name}$v = value;\n    this.#${f.name}$at = undefined;\n  }\n`
        );
      }
      return (
        `  get ${f.name}(): ${t(f.name)} {\n` +
        `    if (this.#${f.name}$at >= 0) {\n` +
        `      this.#${f.name}$v = decodeOne(this.#root, this.#${f.name}$at, ${f.codec}, ${where});\n` +
        `      this.#${f.name}$at = -1;\n    }\n    return this.#${f.name}$v;\n  }\n` +
        `  set ${f.name}(value: ${t(f.name)}) {\n    this.#${f.name}$v = value;\n    this.#${f.name}$at = -1;\n  }\n`
      );
    })
    .join("");
  const plain = defaults.map(([f]) => `      ${f}: this.${f},\n`).join("");
  return (
    `/** \`${message}\` from \`decodeLazy\`: message fields decoded on first read (see lazy-message.ts). */\n` +
    `class ${cls} implements ${message} {\n${declarations}  #root: LazyRoot;\n${slots}\n` +
    `  constructor(root: LazyRoot) {\n${assigns}    this.#root = root;\n  }\n\n${accessors}\n` +
    `  /** The same message as a plain object (nested messages as they are). */\n` +
    `  [plainMessage](): ${message} {\n    return {\n${plain}    };\n  }\n\n` +
    `  /** What \`console.log\` shows: the fields that are set, nested messages the same way (inspect.ts). */\n` +
    `  [inspectCustom](): object {\n    return fieldsSet(this[plainMessage]());\n  }\n\n  static ${decodeText}}\n`
  );
}

/** Rewrites one codec's part (its `export const` to the next); returns the part and the class to append. */
function rewritePart(part: string, message: string, defaults: Map<string, Array<[string, string]>>): string {
  const range = decodeMethod(part, message);
  const insertAt = part.indexOf("{\n") + 2;
  if (!range) {
    // Eager: ts-proto wraps the object of a long type name one level deeper; tolerant-decode leaves those alone too…
    // …and so are the ones whose decode signature ts-proto wraps over several lines.
    if (!/\n {2,4}decode\(/.test(part)) return part;
    const method =
      `    decodeLazy(input: BinaryReader, length: number | undefined): ${message} {\n` +
      `      return ${message}.decode(input, length);\n    },\n`;
    return part.slice(0, insertAt) + method + part.slice(insertAt);
  }
  const original = part.slice(range.start, range.stop);
  const lazy: LazyField[] = [];
  let body = original
    .replace(singleNested, (_, name: string, codec: string, index: number) => {
      lazy.push({ name, codec, number: caseNumber(original, index, message), repeated: false });
      return `message.#${name}$at = skipNested(reader, end);`;
    })
    .replace(repeatedNested, (_, name: string, codec: string, index: number, whole: string) => {
      lazy.push({ name, codec, number: caseNumber(whole, index, message), repeated: true });
      return `(message.#${name}$at ??= []).push(skipNested(reader, end));`;
    });
  if (body.includes(".decode(reader, reader.uint32())") && !/const entry\d+ = /.test(body))
    throw new Error(`lazy-nested: a nested decode in ${message} is not in a recognised shape`);
  const fields = defaults.get(message);
  if (!fields) throw new Error(`lazy-nested: createBase${message} not found`);
  if (lazy.length === 0) {
    const method =
      `  decodeLazy(input: BinaryReader, length: number | undefined): ${message} {\n` +
      `    return ${message}.decode(input, length);\n  },\n`;
    return part.slice(0, insertAt) + method + part.slice(insertAt);
  }
  body = body
    .replace(
      "decode(input: BinaryReader | Uint8Array, length?: number)",
      "decode(input: BinaryReader | Uint8Array, length: number | undefined, root: LazyRoot)",
    )
    .replace(`createBase${message}()`, `new ${message}$Lazy(root)`)
    .replace(/\n {2}\},\n$/, "\n  }\n")
    .replace(/^ {2}decode/, "decode");
  const method =
    `  decodeLazy(input: BinaryReader, length: number | undefined, root: LazyRoot): ${message} {\n` +
    `    return ${message}$Lazy.decode(input, length, root);\n  },\n`;
  const rewritten = part.slice(0, insertAt) + method + part.slice(insertAt);
  // The class goes after the codec object, which ends where the part's next top-level statement starts.
  const end = rewritten.indexOf("\n};\n") + 4;
  return `${rewritten.slice(0, end)}\n${renderClass(message, body, fields, lazy)}${rewritten.slice(end)}`;
}

/** Applies the rewrite to one (tolerant-decode'd) ts-proto output file. */
export function lazyNested(text: string): string {
  if (!text.includes("  decode(input: BinaryReader")) return text;
  const defaults = baseFields(text);
  const parts = text.split(/(?=^export const \w+: MessageFns<)/m);
  let out = parts
    .map((part) => {
      const name = /^export const (\w+): MessageFns</.exec(part)?.[1];
      return name ? rewritePart(part, name, defaults) : part;
    })
    .join("");
  const fns = "  decode(input: BinaryReader | Uint8Array, length?: number): T;\n";
  if (!out.includes(fns)) throw new Error("lazy-nested: ts-proto's MessageFns interface not found");
  out = out.replace(
    fns,
    `${fns}  /** Decodes message fields on first read (see lazy-message.ts); scalars now. */\n` +
      "  decodeLazy(input: BinaryReader, length: number | undefined, root: LazyRoot): T;\n",
  );
  const wire = 'import { BinaryReader, BinaryWriter } from "@bufbuild/protobuf/wire";\n';
  const values = [
    "decodeMany",
    "decodeOne",
    "emptyBytes",
    "fieldsSet",
    "inspectCustom",
    "plainMessage",
    "skipNested",
  ].filter((h) => out.includes(h));
  const imports = `${values.length ? `import { ${values.join(", ")} } from "${helpersModule}";\n` : ""}import type { LazyRoot } from "${helpersModule}";\n`;
  return out.replace(wire, `${wire}${imports}`);
}
