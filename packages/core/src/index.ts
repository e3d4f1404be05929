// Public API of @tiktok-live/core. Runtime adapters re-export all of it.
export * from "@tiktok-live/proto";

export type {
  FetchLike,
  Gunzip,
  Logger,
  SocketLike,
  SocketRequest,
  WebSocketFactory,
} from "./capabilities.js";
export { silentLogger } from "./capabilities.js";
export type { ClientEventMap, ClientEventName, ErrorHandler, EventHandler } from "./client/event-map.js";
export type { ResolvedOptions, TikTokLiveClientOptions } from "./client/options.js";
export { normalizeUniqueId } from "./client/options.js";
export type { ClientCapabilities } from "./client/tiktok-live-client.js";
export { TikTokLiveClient } from "./client/tiktok-live-client.js";
export type { SyncGunzip } from "./compression/zlib-engine.js";
export { reusableZlibGunzip } from "./compression/zlib-engine.js";
export type { ReconnectPolicy } from "./connection/reconnect-policy.js";
export { defaultReconnectPolicy, reconnectDelay } from "./connection/reconnect-policy.js";
export type { ConnectionState } from "./connection/state-machine.js";
export { ConnectionStateMachine, connectionStates, legalTransitions } from "./connection/state-machine.js";
export {
  AgeRestrictedError,
  BlockedError,
  DecodeError,
  HandlerError,
  InvalidOptionError,
  InvalidResponseError,
  InvalidStateError,
  NotAuthenticatedError,
  RateLimitError,
  SignServerError,
  TimeoutError,
  UserNotFoundError,
  UserOfflineError,
  WebSocketClosedError,
} from "./errors/errors.js";
export { TikTokLiveError } from "./errors/tiktok-live-error.js";
export { MessageDedupe } from "./events/dedupe.js";
export { ControlAction } from "./events/derived-events.js";
export { EventDispatcher } from "./events/dispatcher.js";
export type { DisconnectReason } from "./events/lifecycle-events.js";
export {
  ConnectEvent,
  DisconnectEvent,
  ReconnectingEvent,
  WebsocketResponseEvent,
} from "./events/lifecycle-events.js";
export type { BaseUrls } from "./http/base-urls.js";
export { tiktokBaseUrls } from "./http/base-urls.js";
export { CookieJar } from "./http/cookie-jar.js";
export type { GiftInfo, RoomInfo } from "./http/routes/room-info.js";
export type {
  PoolClientFactory,
  PoolRoomInfo,
  PoolRoomState,
  RequestBudgetOptions,
  TikTokLivePoolOptions,
} from "./pool/index.js";
export { budgetedFetch, PoolRoom, RequestBudget, TikTokLivePool } from "./pool/index.js";
export type { FrameLimits, InboundFrame } from "./ws/push-frame.js";
export {
  decodeInboundFrame,
  defaultFrameLimits,
  encodeAck,
  encodeEnterRoom,
  encodeHeartbeat,
} from "./ws/push-frame.js";
export { buildPushUrl } from "./ws/websocket-url.js";
