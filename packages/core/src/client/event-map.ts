import type { DecodeErrorEvent, ProtoEventMap, UnknownEvent } from "@tiktok-live/proto";
import type { TikTokLiveError } from "../errors/errors.js";
import type {
  ConnectEvent,
  DisconnectEvent,
  ReconnectingEvent,
  WebsocketResponseEvent,
} from "../events/lifecycle-events.js";

/** Every event name the client emits, with its event type. */
export interface ClientEventMap extends ProtoEventMap {
  connect: ConnectEvent;
  disconnect: DisconnectEvent;
  reconnecting: ReconnectingEvent;
  websocketResponse: WebsocketResponseEvent;
  unknown: UnknownEvent;
  decodeError: DecodeErrorEvent;
}

export type ClientEventName = keyof ClientEventMap;

export type EventHandler<E> = (event: E) => unknown;

export type ErrorHandler = (error: TikTokLiveError) => unknown;
