import { generatedHeader } from "./header.js";
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

/**
 * The snapshot as a module, for code that walks raw payloads against the schema
 * (`tiktok-live audit`): one line of JSON, since nobody reads it as text.
 */
export function renderSchemaFields(s: Snapshot): string {
  return `${generatedHeader("packages/proto/schema")}
/**
 * Every message of the schema (proto name without package, nested ones joined by
 * dots) → field number → \`"name type"\`, where type is a scalar (\`int64\`), a
 * message (\`webcast.User\`), \`repeated <type>\` or \`map<key, value>\`. The same
 * table as packages/proto/schema.snapshot.json.
 */
export const schemaFields: Readonly<Record<string, Readonly<Record<string, string>>>> = ${JSON.stringify(s)};
`;
}

export function parseSnapshot(text: string | undefined): Snapshot {
  return text ? (JSON.parse(text) as Snapshot) : {};
}
