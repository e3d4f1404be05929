import type { BaseEvent } from "./events/base-event.js";
import type { PushMessage } from "./events/proto-event.js";
import { UnknownEvent } from "./events/unknown-event.js";
import { eventClassByMethod } from "./gen/registry.js";

/**
 * The event for one push message: its generated class, or UnknownEvent when
 * the method has none. The payload is not decoded until a field is read, and
 * reading one needs the class's codecs loaded: `await loadCodecs(cls)`.
 */
export function createEvent(message: PushMessage): BaseEvent {
  const cls = eventClassByMethod.get(message.method);
  return cls ? new cls(message) : new UnknownEvent(message);
}
