// Public API of @tiktok-live/nats.
export type { ConsumeEventsOptions, Delivery } from "./consumer.js";
export { consumeEvents, deliveryOf } from "./consumer.js";
export type { EventEnvelope } from "./envelope.js";
export { decodeEnvelope, encodeEnvelope, eventClassesByName } from "./envelope.js";
export { EnvelopeError, FleetError, SinkOverflowError } from "./errors.js";
export type { EventSink, PublishEventsOptions, SinkStats } from "./sink.js";
export { publishEvents } from "./sink.js";
export type { EventStreamOptions } from "./stream.js";
export { ensureEventStream } from "./stream.js";
export {
  defaultStreamName,
  defaultSubjectPrefix,
  eventSubject,
  roomToken,
  uniqueIdOfToken,
} from "./subjects.js";
