import { createHash } from "node:crypto";
import { bumpFor, type SchemaChange } from "./schema-diff.js";

/** A `.changeset/*.md` entry for the proto package, named after the content so reruns do not duplicate it. */
export function renderChangeset(changes: SchemaChange[]): { name: string; text: string } | undefined {
  const bump = bumpFor(changes);
  if (bump === "none") return undefined;
  const body = changes
    .map((c) => `- ${c.kind}: \`${c.message}\`${c.detail ? ` (${c.detail})` : ""}`)
    .join("\n");
  const hash = createHash("sha256").update(body).digest("hex").slice(0, 10);
  const summary = `Schema update: ${changes.filter((c) => c.kind === "message added").length} messages added, ${
    changes.filter((c) => c.kind === "message removed").length
  } removed, ${changes.filter((c) => c.kind.startsWith("field")).length} field changes.`;
  return {
    name: `schema-${hash}.md`,
    text: `---\n"@tiktok-live/proto": ${bump}\n---\n\n${summary}\n\n${body}\n`,
  };
}
