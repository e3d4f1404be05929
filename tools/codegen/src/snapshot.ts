import type { SchemaModel } from "./schema-model.js";

/**
 * The committed summary of the schema that the diff report compares against:
 * message → field number → "name type". Stable key order keeps it diff-friendly.
 */
export type Snapshot = Record<string, Record<string, string>>;

export function snapshotOf(schema: SchemaModel): Snapshot {
  const out: Snapshot = {};
  for (const m of schema.messages) {
    const fields: Record<string, string> = {};
    for (const f of [...m.fields].sort((a, b) => a.number - b.number))
      fields[String(f.number)] = `${f.name} ${f.type}`;
    out[m.name] = fields;
  }
  return out;
}

export function renderSnapshot(s: Snapshot): string {
  return `${JSON.stringify(s, null, 2)}\n`;
}

export function parseSnapshot(text: string | undefined): Snapshot {
  return text ? (JSON.parse(text) as Snapshot) : {};
}
