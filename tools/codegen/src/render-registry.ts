import { sortedNameGroups } from "./group-by.js";
import { generatedHeader } from "./header.js";
import type { PushEvent } from "./push-messages.js";

function eventModule(file: string): string {
  return `./events/${file.replace(/^webcast\//, "").replace(/\.proto$/, "")}.js`;
}

/**
 * The method → class table the client dispatches through. Only primary events
 * are keyed by method; derived ones (FollowEvent, …) are listed by name only.
 */
export function renderRegistry(events: PushEvent[]): string {
  const imports = sortedNameGroups(
    events,
    (e) => eventModule(e.message.file),
    (e) => e.event,
  )
    .map(([m, names]) => `import { ${names.join(", ")} } from "${m}";`)
    .join("\n");
  const primary = events
    .filter((e) => !e.derivedFrom)
    .sort((a, b) => a.message.name.localeCompare(b.message.name));
  const all = [...events].sort((a, b) => a.event.localeCompare(b.event));
  return `${generatedHeader("packages/proto/schema")}import type { ProtoEventClass } from "../events/proto-event.js";
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
  const lines = sortedNameGroups(
    events,
    (e) => `./${e.message.file.replace(/^webcast\//, "").replace(/\.proto$/, "")}.js`,
    (e) => e.event,
  ).map(([m, names]) => `export { ${names.join(", ")} } from "${m}";`);
  return `${generatedHeader("packages/proto/schema")}${lines.join("\n")}\n`;
}
