// Public API of @tiktok-live/nats.
export type { ConsumeEventsOptions, Delivery } from "./consumer.js";
export { consumeEvents, deliveryOf } from "./consumer.js";
export type { EventEnvelope } from "./envelope.js";
export { decodeEnvelope, encodeEnvelope, eventClassesByName } from "./envelope.js";
export { EnvelopeError, FleetError, SinkOrderError, SinkOverflowError } from "./errors.js";
export type { FleetRoomStatus } from "./fleet/fleet-status.js";
export { fleetStatus } from "./fleet/fleet-status.js";
export type { FleetRoom, Lease, WorkerReport } from "./fleet/fleet-store.js";
export { defaultFleetBucket, FleetStore } from "./fleet/fleet-store.js";
export type { FleetWorkerOptions } from "./fleet/fleet-worker.js";
export { FleetWorker } from "./fleet/fleet-worker.js";
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
