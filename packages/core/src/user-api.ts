/**
 * What users of a runtime adapter need from core, listed by name: events, errors, options,
 * the pool and the web client. `@tiktok-live/core/user-api`: each adapter re-exports this entry
 * whole and adds its own client, so the list is written once. Core's main entry re-exports it
 * too, beside what an adapter is written with (see index.ts).
 * @module
 */

export type {
  CodecDomain,
  CommonMessageData,
  EventClass,
  Gift,
  Image,
  ProtoEventClass,
  ProtoEventMap,
  SkippedField,
  Text,
  UndecodableMessage,
  User,
} from "@tiktok-live/proto";
export {
  BaseEvent,
  CodecsNotLoadedError,
  CommentEventBase,
  codecDomains,
  createEvent,
  DecodeErrorEvent,
  eventClassByMethod,
  GiftEventBase,
  loadCodecs,
  ProtoEvent,
  protoEventClasses,
  shareUsersJoined,
  streakableGiftType,
  toJsonSafe,
  UnknownEvent,
  usdPerDiamond,
} from "@tiktok-live/proto";
// What the client needs from the runtime, for users who inject their own.
export type {
  FetchLike,
  Gunzip,
  Logger,
  SocketLike,
  SocketRequest,
  WebSocketFactory,
} from "./capabilities.js";
// The client's options and its event API (each adapter exports its own TikTokLiveClient).
export type { EventsOptions } from "./client/event-api.js";
export type { ClientEventMap, ClientEventName, ErrorHandler, EventHandler } from "./client/event-map.js";
export type { TikTokLiveClientOptions } from "./client/options.js";
export type { WaitUntilLiveOptions } from "./client/wait-until-live.js";
export { minLiveCheckIntervalMs } from "./client/wait-until-live.js";
export type { ReconnectPolicy } from "./connection/reconnect-policy.js";
export { defaultReconnectPolicy } from "./connection/reconnect-policy.js";
export type { ConnectionState } from "./connection/state-machine.js";
// Errors.
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
export { ControlAction } from "./events/derived-events.js";
export type { DisconnectReason } from "./events/lifecycle-events.js";
export {
  ConnectEvent,
  DisconnectEvent,
  ReconnectingEvent,
  WebsocketResponseEvent,
} from "./events/lifecycle-events.js";
export type { DecodeStats, RawMessage, RawMessageListener } from "./events/message-router.js";
// Events: every generated event class (a generated list, by name), their bases and lookups.
export * from "./gen/public-events.js";
export type { BaseUrls } from "./http/base-urls.js";
export { tiktokBaseUrls } from "./http/base-urls.js";
export type { ResponseSizeLimits } from "./http/body-reader.js";
export { defaultResponseSizeLimits } from "./http/body-reader.js";
export type { GiftInfo, RoomInfo } from "./http/routes/room-info.js";
export type { TikTokUserProfile } from "./http/routes/user-detail.js";
// Many rooms under one request budget.
export type {
  PoolClientFactory,
  PoolRoomInfo,
  PoolRoomState,
  RequestBudgetOptions,
  TikTokLivePoolOptions,
} from "./pool/index.js";
export { budgetedFetch, PoolRoom, RequestBudget, TikTokLivePool } from "./pool/index.js";
// The web client and video recording.
export type { RecordingProgress, RecordingResult } from "./video/flv-recorder.js";
export type { RecordVideoOptions, VideoRecording } from "./video/record-video.js";
export type { VideoQuality } from "./video/stream-urls.js";
export { flvStreamUrls, videoQualities } from "./video/stream-urls.js";
export type { TikTokWebClientOptions, WebCallOptions } from "./web/tiktok-web-client.js";
export { TikTokWebClient } from "./web/tiktok-web-client.js";
export type { FrameLimits } from "./ws/push-frame.js";
export { defaultFrameLimits } from "./ws/push-frame.js";
export type { PushHostPolicy } from "./ws/push-host.js";
export { tiktokPushDomains } from "./ws/push-host.js";
