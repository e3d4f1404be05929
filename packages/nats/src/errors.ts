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
