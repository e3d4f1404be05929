/**
 * `schema:compare --emit-missing`: proto declarations, in our spelling, for what
 * the reference has and we lack: fields grouped by the file and message of ours
 * they belong in, then whole push messages, then the new nested types they need.
 * It is a draft to paste and edit (names, comments, file), not a file to commit.
 */
import type { Comparison } from "./compare.js";
import type { FieldShape, WireField, WireSchema } from "./wire-model.js";

const snake = (name: string): string =>
  name.includes("_") ? name : name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();

export function emitMissing(c: Comparison, ours: WireSchema, ref: WireSchema): string {
  const refToOurs = new Map<string, string>();
  for (const p of c.pairs) if (!refToOurs.has(p.ref)) refToOurs.set(p.ref, p.ours);
  const taken = new Set([...ours.messages.values()].filter((m) => m.topLevel).map((m) => m.name));
  const newTypes = new Map<string, string>();
  const queue: string[] = [];

  const oursName = (id: string): string => id.replace(/^webcast\./, "");
  const typeName = (refId: string): string => {
    const mapped = refToOurs.get(refId);
    if (mapped) return oursName(mapped);
    let name = newTypes.get(refId);
    if (!name) {
      const base = ref.messages.get(refId)?.name ?? refId;
      name = base;
      for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
      taken.add(name);
      newTypes.set(refId, name);
      queue.push(refId);
    }
    return name;
  };
  const shapeText = (s: FieldShape): string => {
    if (s.kind === "scalar") return s.scalar;
    if (s.kind === "enum") return "int32";
    if (s.kind === "message") return typeName(s.message);
    return `map<${s.key}, ${shapeText(s.value)}>`;
  };
  const fieldLine = (f: WireField, indent: string): string =>
    `${indent}${f.repeated ? "repeated " : ""}${shapeText(f.shape)} ${snake(f.name)} = ${f.number};`;
  const messageText = (name: string, fields: WireField[]): string[] => [
    `message ${name} {`,
    ...[...fields].sort((a, b) => a.number - b.number).map((f) => fieldLine(f, "  ")),
    "}",
  ];

  const byFile = new Map<string, Map<string, string[]>>();
  for (const f of c.findings) {
    if (f.kind !== "missing-field") continue;
    const msg = ours.messages.get(f.ours)!;
    const file = byFile.get(msg.file ?? "?") ?? new Map<string, string[]>();
    const lines = file.get(oursName(msg.id)) ?? [];
    lines.push(fieldLine(f.field, "  "));
    file.set(oursName(msg.id), lines);
    byFile.set(msg.file ?? "?", file);
  }
  const out: string[] = [`// schema:compare --emit-missing against ${c.reference}`];
  for (const [file, messages] of [...byFile].sort(([a], [b]) => a.localeCompare(b))) {
    out.push("", `// ---- ${file}: fields to add`);
    for (const [name, lines] of messages) out.push(`// in ${name}`, ...lines);
  }
  const missing = c.findings.filter((f) => f.kind === "missing-message");
  if (missing.length > 0) out.push("", "// ---- push messages we lack");
  for (const m of missing) out.push("", ...messageText(m.name, ref.messages.get(m.ref)!.fields));
  if (queue.length > 0) out.push("", "// ---- types the above need (no structural match in ours)");
  while (queue.length > 0) {
    const id = queue.shift()!;
    out.push("", ...messageText(newTypes.get(id)!, ref.messages.get(id)!.fields));
  }
  return out.join("\n");
}
