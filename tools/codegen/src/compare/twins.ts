/**
 * Structural twins: messages of one schema with the same fields (numbers,
 * names, cardinality, types), where two message-typed fields count as the
 * same when their types are twins themselves. A reconciliation that imports
 * another schema's type under a new name, because ours already had it under
 * another, leaves such a pair; schema-compare.test.ts lists the twins that are
 * meant to stay apart, so a new one is noticed.
 */
import type { FieldShape, WireSchema } from "./wire-model.js";

/** Groups of message ids (two or more) that are structurally identical, each sorted, groups by first id. */
export function structuralTwins(schema: WireSchema): string[][] {
  const ids = [...schema.messages.keys()].sort();
  // Partition refinement: start with one class, split by field signatures until stable.
  let classOf = new Map(ids.map((id) => [id, 0]));
  for (;;) {
    const shape = (s: FieldShape): string => {
      if (s.kind === "scalar") return s.scalar;
      if (s.kind === "enum") return `enum ${s.name}`;
      if (s.kind === "map") return `map<${s.key},${shape(s.value)}>`;
      return `#${classOf.get(s.message)}`;
    };
    const keys = new Map<string, number>();
    const next = new Map<string, number>();
    for (const id of ids) {
      const fields = schema.messages
        .get(id)!
        .fields.map((f) => `${f.number} ${f.name} ${f.repeated ? "repeated " : ""}${shape(f.shape)}`)
        .sort();
      const key = `${classOf.get(id)}|${fields.join(";")}`;
      if (!keys.has(key)) keys.set(key, keys.size);
      next.set(id, keys.get(key)!);
    }
    const stable = keys.size === new Set(classOf.values()).size;
    classOf = next;
    if (stable) break;
  }
  const groups = new Map<number, string[]>();
  for (const id of ids) groups.set(classOf.get(id)!, [...(groups.get(classOf.get(id)!) ?? []), id]);
  return [...groups.values()].filter((g) => g.length > 1);
}
