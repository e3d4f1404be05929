// Public API of @tiktok-live/proto.

export { CodecDomain, CodecsNotLoadedError } from "./codec-domain.js";
export { createEvent } from "./create-event.js";
export type { EventClass } from "./events/base-event.js";
export { BaseEvent } from "./events/base-event.js";
export { CommentEventBase } from "./events/custom/comment-event-base.js";
export { GiftEventBase, streakableGiftType, usdPerDiamond } from "./events/custom/gift-event-base.js";
export { shareUsersJoined } from "./events/custom/share-users-joined.js";
export type { UndecodableMessage } from "./events/decode-error-event.js";
export { DecodeErrorEvent } from "./events/decode-error-event.js";
export type { ProtoEventClass, PushMessage } from "./events/proto-event.js";
export { ProtoEvent } from "./events/proto-event.js";
export { UnknownEvent } from "./events/unknown-event.js";
export { codecDomains } from "./gen/codec-domains.js";
// Generated lists: every event class and every top-level message/enum type, by name.
export * from "./gen/events/index.js";
// Message types by name; as values (codecs) only the frame envelope, see `@tiktok-live/proto/codecs`.
export * from "./gen/messages.js";
export type { ProtoEventMap } from "./gen/registry.js";
export { eventClassByMethod, protoEventClasses } from "./gen/registry.js";
export { bytesToBase64, toJsonSafe } from "./json-safe.js";
export type { LazyCodec } from "./lazy-message.js";
export { decodeLazily, isLazyMessage, LazyRoot, materialize, plainMessage } from "./lazy-message.js";
export { loadCodecs } from "./load-codecs.js";
export type { BatchHeader } from "./message-batch.js";
export { MessageBatch } from "./message-batch.js";
export type { SkippedField } from "./skipped-fields.js";
