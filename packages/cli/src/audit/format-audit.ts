import type { AuditFinding, AuditReport } from "./recording-audit.js";

const wireTypeNames: Record<number, string> = {
  0: "varint",
  1: "fixed64",
  2: "length-delimited",
  3: "group start",
  4: "group end",
  5: "fixed32",
};

function wire(t: number): string {
  return `${t} (${wireTypeNames[t] ?? "invalid"})`;
}

function line(f: AuditFinding): string {
  const where = `${f.path}  [${f.message} field ${f.field}]`;
  const what =
    f.kind === "unknown-field"
      ? `not in the schema, wire type ${wire(f.wireType)}`
      : `declared ${f.declared}, found wire type ${wire(f.wireType)}`;
  return `    ${where}: ${what}; ×${f.count}, e.g. ${f.example}`;
}

/** The report as text, one method per block, the ones that need work first. */
export function formatAudit(file: string, r: AuditReport): string {
  const out = [
    `Schema audit of ${file}: ${r.frames} frames, ${r.messages} push messages, ${r.methods.length} methods`,
  ];
  if (r.unreadableFrames)
    out.push(`  ${r.unreadableFrames} frames could not be read (first: ${r.firstFrameError})`);
  const clean: string[] = [];
  for (const m of r.methods) {
    if (!m.hasCodec) {
      out.push(`${m.method}: no codec (not in the schema); ${m.messages} messages, e.g. ${m.example}`);
      continue;
    }
    if (!m.findings.length) {
      clean.push(`${m.method} (${m.messages})`);
      continue;
    }
    out.push(`${m.method}: ${m.messages} messages`);
    const unknown = m.findings.filter((f) => f.kind === "unknown-field");
    const conflicts = m.findings.filter((f) => f.kind === "wire-type-conflict");
    if (conflicts.length) out.push("  wire-type conflicts:", ...conflicts.map(line));
    if (unknown.length) out.push("  fields not in the schema:", ...unknown.map(line));
  }
  if (clean.length) out.push(`Matching the schema: ${clean.join(", ")}`);
  return out.join("\n");
}
