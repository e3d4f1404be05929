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
export type { EventsOptions } from "./client/event-api.js";
export type { ClientEventMap, ClientEventName, ErrorHandler, EventHandler } from "./client/event-map.js";
export type { ResolvedOptions, TikTokLiveClientOptions } from "./client/options.js";
export { normalizeUniqueId } from "./client/options.js";
export type { ClientCapabilities } from "./client/tiktok-live-client.js";
export { TikTokLiveClient } from "./client/tiktok-live-client.js";
export type { WaitUntilLiveOptions } from "./client/wait-until-live.js";
export { minLiveCheckIntervalMs } from "./client/wait-until-live.js";
export type { SyncGunzip } from "./compression/zlib-engine.js";
export { reusableZlibGunzip } from "./compression/zlib-engine.js";
export type { ReconnectPolicy } from "./connection/reconnect-policy.js";
export { defaultReconnectPolicy, reconnectDelay } from "./connection/reconnect-policy.js";
export type { ConnectionState } from "./connection/state-machine.js";
export { ConnectionStateMachine, connectionStates, legalTransitions } from "./connection/state-machine.js";
export type { ReconnectBudgetLimit } from "./errors/errors.js";
export {
  AgeRestrictedError,
  BlockedError,
  DecodeError,
  HandlerError,
  InvalidOptionError,
  InvalidResponseError,
  InvalidStateError,
  NetworkError,
  NotAuthenticatedError,
  RateLimitError,
  ReconnectBudgetError,
  ResponseTooLargeError,
  SignServerError,
  TimeoutError,
  UntrustedHostError,
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
export type { DecodeStats } from "./events/message-router.js";
export type { BaseUrls } from "./http/base-urls.js";
export { tiktokBaseUrls } from "./http/base-urls.js";
export type { ResponseSizeLimits } from "./http/body-reader.js";
export { defaultResponseSizeLimits } from "./http/body-reader.js";
export { CookieJar } from "./http/cookie-jar.js";
export type { GiftInfo, RoomInfo } from "./http/routes/room-info.js";
export type { TikTokUserProfile } from "./http/routes/user-detail.js";
export type {
  PoolClientFactory,
  PoolRoomInfo,
  PoolRoomState,
  RequestBudgetOptions,
  TikTokLivePoolOptions,
} from "./pool/index.js";
export { budgetedFetch, PoolRoom, RequestBudget, TikTokLivePool } from "./pool/index.js";
export { maxTimerDelayMs } from "./time/clamp-delay.js";
export type { RecordingProgress, RecordingResult } from "./video/flv-recorder.js";
export type { RecordVideoOptions, VideoRecording } from "./video/record-video.js";
export type { VideoQuality } from "./video/stream-urls.js";
export { flvStreamUrls, videoQualities } from "./video/stream-urls.js";
export type { TikTokWebClientOptions, WebCallOptions } from "./web/tiktok-web-client.js";
export { TikTokWebClient } from "./web/tiktok-web-client.js";
export type { FrameLimits, InboundFrame } from "./ws/push-frame.js";
export {
  decodeInboundFrame,
  defaultFrameLimits,
  encodeAck,
  encodeEnterRoom,
  encodeHeartbeat,
} from "./ws/push-frame.js";
export type { PushHostPolicy } from "./ws/push-host.js";
export { tiktokPushDomains } from "./ws/push-host.js";
export { buildPushUrl } from "./ws/websocket-url.js";
