import type { Comparison, Conflict, Finding } from "./compare.js";
import { describeShape, type WireSchema } from "./wire-model.js";

const short = (id: string): string => id.replace(/^webcast\./, "");

/** Counts per finding kind, with undecided conflicts apart: what the summary line and the test look at. */
export function summarize(c: Comparison): Record<string, number> {
  const count = (p: (f: Finding) => boolean): number => c.findings.filter(p).length;
  return {
    pushMessagesBoth: c.pushPairs.length,
    pairsCompared: c.pairs.length,
    missingMessages: count((f) => f.kind === "missing-message"),
    missingFields: count((f) => f.kind === "missing-field"),
    undecidedMissingFields: count((f) => f.kind === "missing-field" && !f.decided),
    conflicts: count((f) => f.kind === "conflict"),
    undecidedConflicts: count((f) => f.kind === "conflict" && !f.decided),
  };
}

function conflictLine(f: Conflict): string {
  const status = f.decided ? `decided: ${f.decided}` : "UNDECIDED";
  return `  ${short(f.ours)}.${f.field} = ${f.number}: ours ${f.oursType}, reference ${f.refType} (${f.conflict}; ${status})  [via ${f.path}]`;
}

/** The human report: a summary, then missing messages, conflicts and missing fields grouped by our message. */
export function formatText(c: Comparison, ref: WireSchema): string {
  const s = summarize(c);
  const lines = [
    `schema:compare against ${c.reference}`,
    `  ${s.pushMessagesBoth} push messages in both, ${s.pairsCompared} message pairs compared`,
    `  ${s.missingMessages} missing messages, ${s.missingFields} missing fields (${s.undecidedMissingFields} undecided), ${s.conflicts} conflicts (${s.undecidedConflicts} undecided)`,
  ];
  const missing = c.findings.filter((f) => f.kind === "missing-message");
  if (missing.length > 0)
    lines.push("", "Push messages we have no codec for:", ...missing.map((m) => `  ${m.name}`));
  const conflicts = c.findings.filter((f): f is Conflict => f.kind === "conflict");
  if (conflicts.length > 0) lines.push("", "Conflicts:", ...conflicts.map(conflictLine));
  const byMessage = new Map<string, string[]>();
  const declined = new Map<string, number[]>();
  for (const f of c.findings) {
    if (f.kind !== "missing-field") continue;
    if (f.decided) {
      const key = `${short(f.ours)}: decided(not …): ${f.decided}`;
      declined.set(key, [...(declined.get(key) ?? []), f.field.number]);
      continue;
    }
    const key = `${short(f.ours)} (reference ${ref.messages.get(f.ref)?.name ?? f.ref}, via ${f.path})`;
    const type = describeShape(f.field.shape, (id) => ref.messages.get(id)?.name ?? id);
    const list = byMessage.get(key) ?? [];
    list.push(`${f.field.number} ${f.field.name}: ${f.field.repeated ? "repeated " : ""}${type}`);
    byMessage.set(key, list);
  }
  if (byMessage.size > 0) {
    lines.push("", "Fields we lack (UNDECIDED):");
    for (const [key, fields] of byMessage) lines.push(`  ${key}`, ...fields.map((f) => `    ${f}`));
  }
  if (declined.size > 0) {
    lines.push("", "Fields we lack by decision:");
    for (const [key, numbers] of declined) lines.push(`  ${key} [${numbers.join(", ")}]`);
  }
  return lines.join("\n");
}

/** The machine report: the same findings with names shortened and the summary on top. */
export function formatJson(c: Comparison): string {
  return JSON.stringify({ reference: c.reference, summary: summarize(c), findings: c.findings }, null, 2);
}
