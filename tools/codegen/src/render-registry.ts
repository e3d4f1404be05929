import { generatedHeader } from "./header.js";
import type { PushEvent } from "./push-messages.js";

function eventModule(file: string): string {
  return `./events/generated/${file.replace(/^webcast\//, "").replace(/\.proto$/, "")}.js`;
}

/**
 * The method → class table the client dispatches through. Only primary events
 * are keyed by method; derived ones (FollowEvent, …) are listed by name only.
 */
export function renderRegistry(events: PushEvent[]): string {
  const byModule = new Map<string, string[]>();
  for (const e of events) {
    const m = eventModule(e.message.file);
    byModule.set(m, [...(byModule.get(m) ?? []), e.event]);
  }
  const imports = [...byModule.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([m, names]) => `import { ${names.sort().join(", ")} } from "${m}";`)
    .join("\n");
  const primary = events
    .filter((e) => !e.derivedFrom)
    .sort((a, b) => a.message.name.localeCompare(b.message.name));
  const all = [...events].sort((a, b) => a.event.localeCompare(b.event));
  return `${generatedHeader("packages/proto/schema")}import type { ProtoEventClass } from "./events/proto-event.js";
${imports}

/** TikTok method name → event class. ${primary.length} push messages. */
export const eventClassByMethod: ReadonlyMap<string, ProtoEventClass> = new Map<string, ProtoEventClass>([
${primary.map((e) => `  ["${e.message.name}", ${e.event}],`).join("\n")}
]);

/** Event name → event type, for \`client.on("comment", …)\` typing. */
export interface ProtoEventMap {
${all.map((e) => `  ${e.shortName}: ${e.event};`).join("\n")}
}

/** Every proto-backed event class, including the derived ones, in name order. */
export const protoEventClasses: readonly ProtoEventClass[] = [
${all.map((e) => `  ${e.event},`).join("\n")}
];
`;
}

/** The public list of event classes, re-exported by name from the package index. */
export function renderEventsIndex(events: PushEvent[]): string {
  const byModule = new Map<string, string[]>();
  for (const e of events) {
    const m = `./${e.message.file.replace(/^webcast\//, "").replace(/\.proto$/, "")}.js`;
    byModule.set(m, [...(byModule.get(m) ?? []), e.event]);
  }
  const lines = [...byModule.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([m, names]) => `export { ${names.sort().join(", ")} } from "${m}";`);
  return `${generatedHeader("packages/proto/schema")}${lines.join("\n")}\n`;
}
