import { BaseEvent, type ProtoMessageFetchResult } from "@tiktok-live/proto";
import type { TikTokLiveError } from "../errors/errors.js";

/** The client joined the room's push connection. Fired before the first batch's events. */
export class ConnectEvent extends BaseEvent {
  static override readonly eventName: string = "connect";
  constructor(
    readonly uniqueId: string,
    readonly roomId: string,
  ) {
    super();
  }
  protected override jsonFields(): Record<string, unknown> {
    return { uniqueId: this.uniqueId, roomId: this.roomId };
  }
}

export type DisconnectReason = "client" | "live-ended" | "connection-lost" | "reconnect-failed" | "error";

/** The client is no longer connected, and will not reconnect by itself. */
export class DisconnectEvent extends BaseEvent {
  static override readonly eventName: string = "disconnect";
  constructor(
    readonly reason: DisconnectReason,
    /** WebSocket close code of the last connection, when there was one. */
    readonly closeCode?: number,
    readonly error?: TikTokLiveError,
  ) {
    super();
  }
  protected override jsonFields(): Record<string, unknown> {
    return {
      reason: this.reason,
      closeCode: this.closeCode,
      error: this.error ? { name: this.error.name, message: this.error.message } : undefined,
    };
  }
}

/** The connection dropped and the client is about to try again. */
export class ReconnectingEvent extends BaseEvent {
  static override readonly eventName: string = "reconnecting";
  constructor(
    /** 1 for the first retry after a drop. */
    readonly attempt: number,
    readonly delayMs: number,
    readonly cause?: TikTokLiveError,
  ) {
    super();
  }
  protected override jsonFields(): Record<string, unknown> {
    return { attempt: this.attempt, delayMs: this.delayMs, cause: this.cause?.message };
  }
}

/** Every decoded batch of push messages, before its events are dispatched. */
export class WebsocketResponseEvent extends BaseEvent {
  static override readonly eventName: string = "websocketResponse";
  constructor(readonly response: ProtoMessageFetchResult) {
    super();
  }
  protected override jsonFields(): Record<string, unknown> {
    return {
      cursor: this.response.cursor,
      messages: this.response.messages.map((m) => ({ method: m.method, msgId: m.msgId })),
      needAck: this.response.needAck,
    };
  }
}
