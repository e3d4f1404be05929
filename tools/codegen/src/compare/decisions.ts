/**
 * The notes in our `.proto` comments that tell schema:compare a difference
 * with a reference was looked at and settled.
 */
import type { Declined } from "./wire-model.js";

/**
 * A note that a conflict with a reference was looked at and settled, written
 * next to the field in our schema: `// decided: v3 says string; the wire says …`.
 * It may sit in the leading or the trailing comment, on a line of its own.
 */
const decisionPattern = /(?:^|\n)\s*decided(?:\s*\([^)]*\))?:\s*(.+)/;

export function decisionIn(comment: string | undefined): string | undefined {
  const hit = comment ? decisionPattern.exec(comment) : null;
  return hit?.[1]?.trim();
}

/**
 * A field a reference has and we deliberately leave out, noted in the leading
 * comment of our message: `// decided(not 3, 5-7): v3, the newest, moved them to 12-14.`
 * The note may continue on the following comment lines, up to a blank one or the next note.
 */
const declinePattern = /^\s*decided\s*\(\s*not\s+([\d\s,-]+)\)\s*:\s*(.*)$/;

export function declinesIn(comment: string | undefined): Declined[] {
  const out: Declined[] = [];
  let current: Declined | undefined;
  for (const line of (comment ?? "").split("\n")) {
    const hit = declinePattern.exec(line);
    if (hit) {
      const ranges = hit[1]!
        .split(",")
        .map((part) => part.trim())
        .filter((part) => part !== "")
        .map((part): [number, number] => {
          const [lo, hi = lo] = part.split("-").map((n) => Number(n.trim()));
          if (!Number.isInteger(lo) || !Number.isInteger(hi) || hi! < lo!)
            throw new Error(`decided(not …): cannot read the numbers "${hit[1]}"`);
          return [lo!, hi!];
        });
      current = { ranges, note: hit[2]!.trim() };
      out.push(current);
    } else if (current && line.trim() !== "" && !/^\s*decided\b/.test(line)) {
      current.note = `${current.note} ${line.trim()}`.trim();
    } else current = undefined;
  }
  return out;
}

/**
 * A message's leading comment without its `decided(not …)` notes: the notes
 * are for schema:compare, the rest is the message's documentation.
 */
export function withoutDeclines(comment: string): string {
  const kept: string[] = [];
  let inNote = false;
  for (const line of comment.split("\n")) {
    if (declinePattern.test(line)) inNote = true;
    else if (line.trim() === "" || /^\s*decided\b/.test(line)) inNote = false;
    if (!inNote) kept.push(line);
  }
  return kept.join("\n");
}
