import type { Snapshot } from "./snapshot.js";

export type ChangeKind =
  | "message added"
  | "message removed"
  | "field added"
  | "field removed"
  | "field renumbered"
  | "field retyped"
  | "field renamed";

export interface SchemaChange {
  kind: ChangeKind;
  message: string;
  detail: string;
}

/** Changes that break code written against the previous types. */
const breaking = new Set<ChangeKind>([
  "message removed",
  "field removed",
  "field renumbered",
  "field retyped",
  "field renamed",
]);

function split(entry: string): { name: string; type: string } {
  const i = entry.indexOf(" ");
  return { name: entry.slice(0, i), type: entry.slice(i + 1) };
}

/** Compares two snapshots field by field. A field that kept its name but moved number is a renumbering. */
export function diffSnapshots(before: Snapshot, after: Snapshot): SchemaChange[] {
  const changes: SchemaChange[] = [];
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  for (const message of names) {
    const old = before[message];
    const now = after[message];
    if (!old) {
      changes.push({ kind: "message added", message, detail: `${Object.keys(now!).length} fields` });
      continue;
    }
    if (!now) {
      changes.push({ kind: "message removed", message, detail: "" });
      continue;
    }
    const oldByName = new Map(Object.entries(old).map(([n, e]) => [split(e).name, Number(n)]));
    const nowByName = new Map(Object.entries(now).map(([n, e]) => [split(e).name, Number(n)]));
    const renumbered = new Set<string>();
    for (const [name, num] of nowByName) {
      const was = oldByName.get(name);
      if (was !== undefined && was !== num) {
        renumbered.add(name);
        changes.push({ kind: "field renumbered", message, detail: `${name}: ${was} → ${num}` });
      }
    }
    const numbers = [...new Set([...Object.keys(old), ...Object.keys(now)])]
      .map(Number)
      .sort((a, b) => a - b);
    for (const n of numbers) {
      const o = old[n] ? split(old[n]) : undefined;
      const c = now[n] ? split(now[n]) : undefined;
      if (o && c && (renumbered.has(o.name) || renumbered.has(c.name))) {
        // Two different fields share this number; one (or both) moved here or away.
        if (!renumbered.has(c.name))
          changes.push({ kind: "field added", message, detail: `${c.name} = ${n} (${c.type})` });
        if (!renumbered.has(o.name))
          changes.push({ kind: "field removed", message, detail: `${o.name} = ${n} (${o.type})` });
      } else if (o && c) {
        if (o.type !== c.type)
          changes.push({ kind: "field retyped", message, detail: `${c.name} = ${n}: ${o.type} → ${c.type}` });
        if (o.name !== c.name)
          changes.push({ kind: "field renamed", message, detail: `${n}: ${o.name} → ${c.name}` });
      } else if (c && !renumbered.has(c.name)) {
        changes.push({ kind: "field added", message, detail: `${c.name} = ${n} (${c.type})` });
      } else if (o && !renumbered.has(o.name)) {
        changes.push({ kind: "field removed", message, detail: `${o.name} = ${n} (${o.type})` });
      }
    }
  }
  return changes;
}

/** The semver bump a set of changes calls for. */
export function bumpFor(changes: SchemaChange[]): "major" | "minor" | "none" {
  if (changes.length === 0) return "none";
  return changes.some((c) => breaking.has(c.kind)) ? "major" : "minor";
}

export function formatReport(changes: SchemaChange[]): string {
  if (changes.length === 0) return "Schema unchanged.";
  const lines = [`Schema changes (${changes.length}, ${bumpFor(changes)}):`];
  for (const c of changes)
    lines.push(`  ${c.kind.padEnd(17)} ${c.message}${c.detail ? `  ${c.detail}` : ""}`);
  return lines.join("\n");
}
