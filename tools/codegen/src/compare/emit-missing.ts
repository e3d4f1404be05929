/**
 * `schema:compare --emit-missing`: proto declarations, in our spelling, for what
 * the reference has and we lack: fields grouped by the file and message of ours
 * they belong in, then whole push messages, then the new nested types they need.
 * Fields covered by a `decided(not …)` note are left out.
 * It is a draft to paste and edit (names, comments, file), not a file to commit.
 */
import type { Comparison } from "./compare.js";
import type { FieldShape, WireField, WireSchema } from "./wire-model.js";

const snake = (name: string): string =>
  name.includes("_") ? name : name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();

/** One field to declare, already in our spelling; `uses` names the new types it needs. */
export interface PlannedField {
  line: string;
  number: number;
  name: string;
  uses: string[];
}

export interface MissingPlan {
  /** Fields to add to existing messages of ours, keyed by our message id. */
  fields: Map<string, PlannedField[]>;
  /** Messages to declare (missing push messages and the types they need), by the name we give them. */
  types: Map<string, { fields: PlannedField[]; push: boolean }>;
}

/** Works out declarations for everything the reference has and we lack, reusing our types where the walk paired them. */
export function planMissing(c: Comparison, ours: WireSchema, ref: WireSchema): MissingPlan {
  const refToOurs = new Map<string, string>();
  for (const p of c.pairs) if (!refToOurs.has(p.ref)) refToOurs.set(p.ref, p.ours);
  // Every name in use at any depth: a new top-level type must not be shadowed by a nested one.
  const taken = new Set([...ours.messages.values()].map((m) => m.name));
  const newTypes = new Map<string, string>();
  const queue: string[] = [];
  const nameFor = (refId: string): string => {
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
  const plan = (f: WireField): PlannedField => {
    const uses: string[] = [];
    const text = (s: FieldShape): string => {
      if (s.kind === "scalar") return s.scalar;
      if (s.kind === "enum") return "int32";
      if (s.kind === "map") return `map<${s.key}, ${text(s.value)}>`;
      const mapped = refToOurs.get(s.message);
      if (mapped) return mapped.replace(/^webcast\./, "");
      const name = nameFor(s.message);
      uses.push(name);
      return name;
    };
    const type = text(f.shape);
    const name = snake(f.name);
    return {
      line: `${f.repeated ? "repeated " : ""}${type} ${name} = ${f.number};`,
      number: f.number,
      name,
      uses,
    };
  };
  const fields = new Map<string, PlannedField[]>();
  for (const f of c.findings) {
    if (f.kind !== "missing-field" || f.decided) continue;
    fields.set(f.ours, [...(fields.get(f.ours) ?? []), plan(f.field)]);
  }
  const types: MissingPlan["types"] = new Map();
  for (const m of c.findings) {
    if (m.kind !== "missing-message") continue;
    taken.add(m.name);
    types.set(m.name, { fields: ref.messages.get(m.ref)!.fields.map(plan), push: true });
  }
  while (queue.length > 0) {
    const id = queue.shift()!;
    types.set(newTypes.get(id)!, { fields: ref.messages.get(id)!.fields.map(plan), push: false });
  }
  return { fields, types };
}

export function emitMissing(c: Comparison, ours: WireSchema, ref: WireSchema): string {
  const { fields, types } = planMissing(c, ours, ref);
  const byFile = new Map<string, string[]>();
  for (const [id, list] of fields) {
    const file = ours.messages.get(id)?.file ?? "?";
    const lines = byFile.get(file) ?? [];
    lines.push(`// in ${id.replace(/^webcast\./, "")}`, ...list.map((f) => `  ${f.line}`));
    byFile.set(file, lines);
  }
  const out: string[] = [`// schema:compare --emit-missing against ${c.reference}`];
  for (const [file, lines] of [...byFile].sort(([a], [b]) => a.localeCompare(b)))
    out.push("", `// ---- ${file}: fields to add`, ...lines);
  const declare = (push: boolean): string[] =>
    [...types]
      .filter(([, t]) => t.push === push)
      .flatMap(([name, t]) => [
        "",
        `message ${name} {`,
        ...[...t.fields].sort((a, b) => a.number - b.number).map((f) => `  ${f.line}`),
        "}",
      ]);
  const push = declare(true);
  if (push.length > 0) out.push("", "// ---- push messages we lack", ...push);
  const nested = declare(false);
  if (nested.length > 0)
    out.push("", "// ---- types the above need (no structural match in ours)", ...nested);
  return out.join("\n");
}
