/**
 * Reads the message model of a published ts-proto binding that ships no
 * descriptors (e.g. npm `tiktok-live-proto`): every `const Name = { encode(…) }`
 * object is one message, and each write in its `encode` names the field number
 * (the tag), the scalar writer or the nested message codec, and whether it loops.
 * Only the shapes ts-proto emits are recognised; anything else is reported, not guessed.
 */
import type { FieldShape, WireField, WireMessage, WireSchema } from "./wire-model.js";

const codecStart =
  /^const ([A-Za-z_$][\w$]*) = \{\n\s*encode\((?:message|_), writer = new BinaryWriter\(\)\) \{\n/gm;
const encodeEnd = /\n\s*\},\n/g;
const regionLine = /^\/\/#region (.+)$/gm;

const scalarWrite =
  /^if \(message\.(\w+)(?:\.length)? !== [^)]*\) writer\.uint32\((\d+)\)\.(\w+)\(message\.\1\);$/;
const scalarLoop = /^for \(const v of message\.(\w+)\) writer\.uint32\((\d+)\)\.(\w+)\(v\);$/;
const packedOpen = /^writer\.uint32\((\d+)\)\.fork\(\);$/;
const packedBody = /^for \(const v of message\.(\w+)\) writer\.(\w+)\(v\);$/;
const messageWrite =
  /^if \(message\.(\w+) !== void 0\) ([\w$]+)\.encode\(message\.\1, writer\.uint32\((\d+)\)\.fork\(\)\)\.join\(\);$/;
const messageLoop =
  /^for \(const v of message\.(\w+)\) ([\w$]+)\.encode\(v, writer\.uint32\((\d+)\)\.fork\(\)\)\.join\(\);$/;
const mapOpen = /^(?:globalThis\.Object\.entries\(message\.(\w+)\)|message\.(\w+)\.forEach)/;
const mapEntry = /^([\w$]+)\.encode\(\{$/;
const mapTag = /writer\.uint32\((\d+)\)\.fork\(\)\)\.join\(\);$/;

interface Pending {
  id: string;
  fields: Array<WireField & { entry?: string }>;
  file?: string;
}

export class UnreadableBindingError extends Error {}

/** Splits the bundle into one `encode` body per codec object, noting the source module of each. */
function encodeBodies(source: string): Array<{ id: string; body: string[]; file?: string }> {
  const regions = [...source.matchAll(regionLine)].map((m) => ({ at: m.index, file: m[1]! }));
  const out: Array<{ id: string; body: string[]; file?: string }> = [];
  for (const m of source.matchAll(codecStart)) {
    const start = m.index + m[0].length;
    encodeEnd.lastIndex = start;
    const end = encodeEnd.exec(source)?.index ?? -1;
    if (end < 0) throw new UnreadableBindingError(`encode of ${m[1]} has no end`);
    const file = regions.filter((r) => r.at < m.index).at(-1)?.file;
    const body = source
      .slice(start, end)
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l !== "" && l !== "return writer;");
    out.push({ id: m[1]!, body, ...(file ? { file } : {}) });
  }
  return out;
}

function readFields(id: string, body: string[]): Pending["fields"] {
  const fields: Pending["fields"] = [];
  const add = (name: string, tag: string, repeated: boolean, shape: FieldShape, entry?: string): void => {
    fields.push({ number: Number(tag) >>> 3, name, repeated, shape, ...(entry ? { entry } : {}) });
  };
  const simple: Array<[RegExp, (m: RegExpExecArray) => void]> = [
    [scalarWrite, (m) => add(m[1]!, m[2]!, false, { kind: "scalar", scalar: m[3]! })],
    [scalarLoop, (m) => add(m[1]!, m[2]!, true, { kind: "scalar", scalar: m[3]! })],
    [messageWrite, (m) => add(m[1]!, m[3]!, false, { kind: "message", message: m[2]! })],
    [messageLoop, (m) => add(m[1]!, m[3]!, true, { kind: "message", message: m[2]! })],
  ];
  for (let i = 0; i < body.length; i++) {
    const line = body[i]!;
    const hit = simple.map(([re, use]) => [re.exec(line), use] as const).find(([m]) => m !== null);
    if (hit) {
      hit[1](hit[0]!);
      continue;
    }
    const packed = packedOpen.exec(line);
    if (packed) {
      const loop = packedBody.exec(body[i + 1] ?? "");
      if (!loop || body[i + 2] !== "writer.join();")
        throw new UnreadableBindingError(`${id}: packed field at "${line}" has an unknown shape`);
      add(loop[1]!, packed[1]!, true, { kind: "scalar", scalar: loop[2]! });
      i += 2;
      continue;
    }
    const map = mapOpen.exec(line);
    if (!map) throw new UnreadableBindingError(`${id}: unrecognised line in encode: "${line}"`);
    const entry = mapEntry.exec(body[i + 1] ?? "");
    const closeAt = body.findIndex((l, j) => j > i && mapTag.test(l));
    if (!entry || closeAt < 0)
      throw new UnreadableBindingError(`${id}: map field at "${line}" has an unknown shape`);
    const tag = mapTag.exec(body[closeAt]!)![1]!;
    add(
      map[1] ?? map[2]!,
      tag,
      false,
      { kind: "map", key: "?", value: { kind: "scalar", scalar: "?" } },
      entry[1],
    );
    i = body.findIndex((l, j) => j > closeAt && l === "});");
    if (i < 0) throw new UnreadableBindingError(`${id}: map field at "${line}" does not close`);
  }
  return fields;
}

/** Export aliases (`Text$1 as Text`) give the public name of a codec whose bundle name was made unique. */
function exportNames(source: string): Map<string, string> {
  const names = new Map<string, string>();
  const block = /^export \{([^}]*)\};?$/m.exec(source)?.[1] ?? "";
  for (const part of block.split(",")) {
    const [local, exported] = part.trim().split(/\s+as\s+/);
    if (local && exported) names.set(local, exported);
  }
  return names;
}

/** Reads a ts-proto bundle's source text into the neutral model. */
export function readTsProtoBundle(source: string, label: string): WireSchema {
  const pending: Pending[] = encodeBodies(source).map(({ id, body, file }) => ({
    id,
    fields: readFields(id, body),
    ...(file ? { file } : {}),
  }));
  const byId = new Map(pending.map((p) => [p.id, p]));
  const aliases = exportNames(source);
  const messages = new Map<string, WireMessage>();
  const entries = new Set(pending.flatMap((p) => p.fields.flatMap((f) => (f.entry ? [f.entry] : []))));
  for (const p of pending) {
    if (entries.has(p.id)) continue;
    const fields: WireField[] = p.fields.map(({ entry, ...f }) => {
      if (!entry) return f;
      const e = byId.get(entry);
      const key = e?.fields.find((x) => x.number === 1);
      const value = e?.fields.find((x) => x.number === 2);
      if (key?.shape.kind !== "scalar" || !value)
        throw new UnreadableBindingError(`${p.id}.${f.name}: map entry ${entry} is not key/value`);
      return { ...f, shape: { kind: "map", key: key.shape.scalar, value: value.shape } };
    });
    const segments = (aliases.get(p.id) ?? p.id.replace(/\$\d+$/, "")).split("_");
    messages.set(p.id, {
      id: p.id,
      name: segments.at(-1)!,
      topLevel: segments.length === 1,
      ...(p.file ? { file: p.file } : {}),
      fields,
    });
  }
  return { label, messages };
}
