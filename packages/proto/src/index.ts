// Public API of @tiktok-live/proto.

export { CodecDomain, CodecsNotLoadedError } from "./codec-domain.js";
export { codecDomains } from "./codec-domains.generated.js";
export { createEvent } from "./create-event.js";
export type { EventClass } from "./events/base-event.js";
export { BaseEvent } from "./events/base-event.js";
export { CommentEventBase } from "./events/custom/comment-event-base.js";
export { GiftEventBase, streakableGiftType } from "./events/custom/gift-event-base.js";
// Generated lists: every event class and every top-level message/enum type, by name.
export * from "./events/generated/index.js";
export type { ProtoEventClass, PushMessage } from "./events/proto-event.js";
export { ProtoEvent } from "./events/proto-event.js";
export { UnknownEvent } from "./events/unknown-event.js";
export { bytesToBase64, toJsonSafe } from "./json-safe.js";
export { loadCodecs } from "./load-codecs.js";
export type { BatchHeader } from "./message-batch.js";
export { MessageBatch } from "./message-batch.js";
// Message types by name; as values (codecs) only the frame envelope, see `@tiktok-live/proto/codecs`.
export * from "./messages.generated.js";
export type { ProtoEventMap } from "./registry.generated.js";
export { eventClassByMethod, protoEventClasses } from "./registry.generated.js";
