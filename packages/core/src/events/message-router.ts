import {
  type BaseEvent,
  type BaseProtoMessage,
  eventClassByMethod,
  type ProtoMessageFetchResult,
  UnknownEvent,
} from "@tiktok-live/proto";
import { DecodeError } from "../errors/errors.js";
import type { MessageDedupe } from "./dedupe.js";
import { type DeriveContext, derivers } from "./derived-events.js";
import type { EventDispatcher } from "./dispatcher.js";
import { WebsocketResponseEvent } from "./lifecycle-events.js";

/**
 * Batch → events: the one place where a decoded push batch becomes typed events.
 * A message becomes an event only if someone listens to it (or the client needs it),
 * and it is decoded only then.
 */
export class MessageRouter {
  constructor(
    private readonly dispatcher: EventDispatcher,
    private readonly dedupe: MessageDedupe,
    private readonly onLiveEnd: () => void,
  ) {}

  private readonly ctx: DeriveContext = {
    wants: (name) => this.dispatcher.hasListeners(name),
    emit: (event) => this.dispatcher.emit(event),
    endLive: () => this.onLiveEnd(),
  };

  routeBatch(result: ProtoMessageFetchResult): void {
    if (this.dispatcher.hasListeners(WebsocketResponseEvent.eventName)) {
      this.dispatcher.emit(new WebsocketResponseEvent(result));
    }
    for (const message of result.messages) {
      if (this.dedupe.firstTime(message.msgId)) this.routeMessage(message);
    }
  }

  routeMessage(message: BaseProtoMessage): void {
    const cls = eventClassByMethod.get(message.method);
    if (!cls) {
      if (this.dispatcher.hasListeners(UnknownEvent.eventName))
        this.dispatcher.emit(new UnknownEvent(message));
      return;
    }
    const deriver = derivers.get(message.method);
    const wanted = this.dispatcher.hasListeners(cls.eventName);
    const derive =
      deriver !== undefined &&
      (deriver.always === true || deriver.produces.some((n) => this.dispatcher.hasListeners(n)));
    if (!wanted && !derive) return;

    const event = new cls(message);
    try {
      // Decode now so a bad payload is reported here, not thrown inside a user's handler.
      void event.data;
    } catch (cause) {
      this.dispatcher.emitError(
        new DecodeError(
          `Could not decode ${message.method} (${message.payload.length} bytes)`,
          message.method,
          message.payload.length,
          { cause },
        ),
      );
      return;
    }
    if (wanted) this.dispatcher.emit(event);
    if (derive) deriver.derive(event as BaseEvent, this.ctx);
  }
}
