import {
  type JetStreamClient,
  type JetStreamManager,
  RetentionPolicy,
  StorageType,
  type StreamConfig,
} from "@nats-io/jetstream";
import { defaultStreamName, defaultSubjectPrefix } from "./subjects.js";

export interface EventStreamOptions {
  /** Stream name. Default `TIKTOK_LIVE`. */
  stream?: string;
  /** Subject prefix. Default `tiktok` (subjects `tiktok.<room>.<event>`). */
  subjectPrefix?: string;
  /**
   * How long the server remembers message ids to drop republished events.
   * It must cover the longest outage of a room's worker plus its lease TTL.
   * Default 10 minutes.
   */
  duplicateWindowMs?: number;
  /** How long events stay in the stream. Default 7 days. */
  maxAgeMs?: number;
  /** Replicas in a cluster. Default 1. */
  replicas?: number;
}

const nanos = (ms: number): number => ms * 1_000_000;

/**
 * Creates the event stream, or checks that the existing one takes our
 * subjects (it is left as it is otherwise: its owner may have tuned it).
 */
export async function ensureEventStream(
  js: JetStreamClient,
  options: EventStreamOptions = {},
): Promise<{ stream: string; subjectPrefix: string }> {
  const stream = options.stream ?? defaultStreamName;
  const subjectPrefix = options.subjectPrefix ?? defaultSubjectPrefix;
  const jsm: JetStreamManager = await js.jetstreamManager();
  const config: Partial<StreamConfig> & { name: string } = {
    name: stream,
    subjects: [`${subjectPrefix}.>`],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    duplicate_window: nanos(options.duplicateWindowMs ?? 10 * 60_000),
    max_age: nanos(options.maxAgeMs ?? 7 * 24 * 3_600_000),
    num_replicas: options.replicas ?? 1,
  };
  try {
    const info = await jsm.streams.info(stream);
    if (!info.config.subjects?.includes(`${subjectPrefix}.>`)) {
      await jsm.streams.update(stream, { subjects: [...(info.config.subjects ?? []), `${subjectPrefix}.>`] });
    }
  } catch (error) {
    if (!String((error as Error).message).includes("not found")) throw error;
    await jsm.streams.add(config);
  }
  return { stream, subjectPrefix };
}
