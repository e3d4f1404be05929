import { TikTokLiveError } from "@tiktok-live/core";

/**
 * The sink's buffer was full (NATS away for too long, or slower than the
 * stream): the event was not published. Counted in `sink.stats.overflowed`.
 */
export class SinkOverflowError extends TikTokLiveError {
  override readonly name = "SinkOverflowError";
  constructor(
    readonly uniqueId: string,
    readonly eventName: string,
    readonly capacity: number,
  ) {
    super(
      "SINK_OVERFLOW",
      `The NATS sink buffer (${capacity} events) is full: a ${eventName} event of ${uniqueId} was dropped`,
    );
  }
}

/**
 * Events of a room were stored ahead of an earlier one: a publish failed while
 * later ones of the same room, already sent, went through (a cluster leader
 * change between them). Counted in `sink.stats.outOfOrder`; a room window of 1
 * (`maxPendingAcksPerRoom`) rules it out.
 */
export class SinkOrderError extends TikTokLiveError {
  override readonly name = "SinkOrderError";
  constructor(
    readonly uniqueId: string,
    readonly count: number,
  ) {
    super(
      "SINK_ORDER",
      `${count} event(s) of ${uniqueId} were stored ahead of an earlier one whose publish had failed`,
    );
  }
}

/** A message on the stream that is not an event this package wrote. */
export class EnvelopeError extends TikTokLiveError {
  override readonly name = "EnvelopeError";
  constructor(message: string, options?: { cause?: unknown }) {
    super("NATS_ENVELOPE", message, options);
  }
}

/** A fleet operation failed (lease, registry or cursor store). */
export class FleetError extends TikTokLiveError {
  override readonly name = "FleetError";
  constructor(message: string, options?: { cause?: unknown }) {
    super("FLEET", message, options);
  }
}
