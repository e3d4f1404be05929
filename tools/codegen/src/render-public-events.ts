import { generatedHeader } from "./header.js";
import type { PushEvent } from "./push-messages.js";

/** A package that re-exports every event class by name, and the package it takes them from. */
export interface PublicEventsTarget {
  file: string;
  from: string;
}

/**
 * Every event class by name, re-exported from `from`. Core and the adapters list
 * their public API by name; with 200+ event classes the list is generated so it
 * never drifts from the schema. One name a line, as Biome formats it.
 */
export function renderPublicEvents(events: PushEvent[], from: string): string {
  const names = events.map((e) => e.event).sort();
  return `${generatedHeader("packages/proto/schema")}export {\n${names.map((n) => `  ${n},`).join("\n")}\n} from "${from}";\n`;
}
