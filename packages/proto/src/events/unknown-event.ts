import { bytesToBase64 } from "../json-safe.js";
import { BaseEvent } from "./base-event.js";
import type { PushMessage } from "./proto-event.js";

/**
 * A push message whose method has no event class (yet). The method name and the
 * raw bytes are kept so nothing is lost; decode them yourself or upgrade the library.
 */
export class UnknownEvent extends BaseEvent {
  static override readonly eventName: string = "unknown";

  constructor(message: PushMessage) {
    super(message.method, message.msgId, message.payload);
  }

  protected override jsonFields(): Record<string, unknown> {
    return { payload: bytesToBase64(this.payload) };
  }

  protected override inspectFields(): Record<string, unknown> {
    return { payload: this.payload };
  }
}
