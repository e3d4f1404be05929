import {
  customBases,
  derivedEvents,
  derivedGetters,
  eventNameFor,
  notPushMessages,
  shortNameFor,
} from "./event-map.js";
import type { MessageModel, SchemaModel } from "./schema-model.js";

export interface PushEvent {
  message: MessageModel;
  /** Class name, e.g. `CommentEvent`. */
  event: string;
  /** Name for `client.on("comment")`. */
  shortName: string;
  base?: { base: string; module: string };
  /** Set for derived events: the class they extend. */
  derivedFrom?: string;
  doc: string;
}

export function isPushMessage(m: MessageModel): boolean {
  return m.topLevel && m.name.startsWith("Webcast") && !notPushMessages.has(m.name);
}

/** Every event to generate, primary ones first, each name checked for uniqueness. */
export function listPushEvents(schema: SchemaModel): PushEvent[] {
  const primary: PushEvent[] = schema.messages.filter(isPushMessage).map((message) => {
    const event = eventNameFor(message.name);
    const base = customBases[message.name];
    return { message, event, shortName: shortNameFor(event), doc: message.doc, ...(base ? { base } : {}) };
  });
  const byMethod = new Map(primary.map((p) => [p.message.name, p]));
  const derived: PushEvent[] = derivedEvents.map((d) => {
    const source = byMethod.get(d.from);
    if (!source) throw new Error(`derived event ${d.event} names ${d.from}, which is not in the schema`);
    return {
      message: source.message,
      event: d.event,
      shortName: shortNameFor(d.event),
      derivedFrom: source.event,
      doc: d.doc,
    };
  });
  for (const name of Object.keys(derivedGetters))
    if (!derived.some((d) => d.event === name))
      throw new Error(`derivedGetters names ${name}, which is no derived event`);
  const all = [...primary, ...derived];
  const seen = new Map<string, string>();
  for (const e of all) {
    for (const key of [e.event, e.shortName]) {
      const other = seen.get(key);
      if (other)
        throw new Error(
          `event name ${key} is used by both ${other} and ${e.message.name}; add an override in event-map.ts`,
        );
      seen.set(key, e.message.name);
    }
  }
  return all;
}
