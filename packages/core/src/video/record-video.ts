import { InvalidOptionError, UserOfflineError } from "../errors/errors.js";
import type { HttpClient } from "../http/http-client.js";
import type { RoomInfo } from "../http/routes/room-info.js";
import { type FlvRecordOptions, type RecordingResult, recordFlv } from "./flv-recorder.js";
import { flvStreamUrls, pickStream, type VideoQuality, videoQualities } from "./stream-urls.js";

export interface RecordVideoOptions extends Omit<FlvRecordOptions, "now"> {
  /** Wanted quality; the best one below it (or above, if none is) is used when missing. Default `origin`. */
  quality?: VideoQuality;
}

export interface VideoRecording extends RecordingResult {
  /** The quality actually recorded. */
  quality: VideoQuality;
}

/**
 * Looks up the room's current stream URLs (they are signed and expire, so
 * fresh room info each time) and records the chosen quality into `target`.
 */
export async function recordRoomVideo(
  http: HttpClient,
  freshRoomInfo: (signal?: AbortSignal) => Promise<RoomInfo>,
  uniqueId: string,
  target: WritableStream<Uint8Array>,
  options: RecordVideoOptions = {},
): Promise<VideoRecording> {
  const wanted = options.quality ?? "origin";
  if (!videoQualities.includes(wanted))
    throw new InvalidOptionError(
      `quality must be one of ${videoQualities.join(", ")} (got "${String(wanted)}")`,
    );
  const info = await freshRoomInfo(options.signal);
  // Status 4 is TikTok's "not live"; such a room lists no usable stream.
  if (info.status === 4) throw new UserOfflineError(uniqueId);
  const stream = pickStream(flvStreamUrls(info), wanted);
  if (!stream)
    throw new UserOfflineError(uniqueId, { cause: new Error("room info lists no FLV stream URL") });
  const { quality: _ignored, ...flvOptions } = options;
  const result = await recordFlv(http, stream.url, target, flvOptions);
  return { ...result, quality: stream.quality };
}
