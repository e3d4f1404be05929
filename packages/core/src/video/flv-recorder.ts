import { InvalidResponseError, TimeoutError } from "../errors/errors.js";
import { describeUrl, type HttpClient } from "../http/http-client.js";
import { maxTimerDelayMs } from "../time/clamp-delay.js";
import { mayReceiveCookies } from "./cdn-hosts.js";

export interface RecordingProgress {
  /** Bytes written to the target so far. */
  bytes: number;
  /** Time since the first byte arrived, in milliseconds. */
  durationMs: number;
}

export interface RecordingResult extends RecordingProgress {
  /** `live-end`: the server ended the stream (the LIVE is over); `abort`: the signal stopped it. */
  stoppedBy: "live-end" | "abort";
}

export interface FlvRecordOptions {
  signal?: AbortSignal;
  /** No byte for this long ends the recording with a TimeoutError. Default 30 s. */
  stallTimeoutMs?: number;
  onProgress?: (progress: RecordingProgress) => void;
  now?: () => number;
}

export const defaultStallTimeoutMs = 30_000;

const flvSignature = [0x46, 0x4c, 0x56]; // "FLV"

/**
 * Copies an FLV stream into `target` until the server ends it or `signal`
 * aborts. No size cap (it is a video); a stall ends it instead. The target
 * is closed in every case, and aborted when the recording fails.
 */
export async function recordFlv(
  http: HttpClient,
  url: string,
  target: WritableStream<Uint8Array>,
  options: FlvRecordOptions = {},
): Promise<RecordingResult> {
  const now = options.now ?? (() => Date.now());
  const stallMs = options.stallTimeoutMs ?? defaultStallTimeoutMs;
  const stall = stallWatch(stallMs);
  const signal = options.signal ? AbortSignal.any([options.signal, stall.signal]) : stall.signal;
  const writer = target.getWriter();
  let bytes = 0;
  let startedAt: number | undefined;
  const progress = (): RecordingProgress => ({
    bytes,
    durationMs: startedAt === undefined ? 0 : now() - startedAt,
  });
  try {
    stall.arm();
    const streamUrl = new URL(url);
    const reader = await openVideoStream(http, streamUrl, signal);
    const onAbort = () => void reader.cancel().catch(() => {});
    signal.addEventListener("abort", onAbort, { once: true });
    try {
      let checked = 0;
      for (;;) {
        stall.arm();
        const { done, value } = await reader.read();
        if (signal.aborted) break;
        if (done) break;
        if (value.length === 0) continue;
        startedAt ??= now();
        // The first bytes must be an FLV header: an HTML error page is not a video.
        for (let i = 0; checked < flvSignature.length && i < value.length; i++, checked++) {
          if (value[i] !== flvSignature[checked])
            throw new InvalidResponseError(`${describeUrl(streamUrl)} did not send an FLV stream`);
        }
        await writer.write(value);
        bytes += value.length;
        options.onProgress?.(progress());
      }
    } finally {
      signal.removeEventListener("abort", onAbort);
    }
    if (stall.signal.aborted) throw stall.signal.reason;
    await writer.close();
    return { ...progress(), stoppedBy: options.signal?.aborted ? "abort" : "live-end" };
  } catch (error) {
    const reason = stall.signal.aborted ? stall.signal.reason : error;
    await writer.abort(reason).catch(() => {});
    if (options.signal?.aborted && !stall.signal.aborted) {
      // Stopped by the caller before or while connecting: not a failure, nothing more to write.
      return { ...progress(), stoppedBy: "abort" };
    }
    throw reason;
  } finally {
    stall.stop();
    writer.releaseLock();
  }
}

/** Aborts its signal with a TimeoutError when `arm` is not called again within `stallMs`. */
function stallWatch(stallMs: number): { signal: AbortSignal; arm(): void; stop(): void } {
  const stall = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    signal: stall.signal,
    arm: () => {
      clearTimeout(timer);
      timer = setTimeout(
        () => stall.abort(new TimeoutError(`The video stream sent nothing for ${stallMs} ms`)),
        Math.min(stallMs, maxTimerDelayMs),
      );
    },
    stop: () => clearTimeout(timer),
  };
}

/** The stream's body, once the server has answered with a success. */
async function openVideoStream(
  http: HttpClient,
  streamUrl: URL,
  signal: AbortSignal,
): Promise<ReadableStreamDefaultReader<Uint8Array>> {
  const response = await http.request({
    url: streamUrl,
    withCookies: mayReceiveCookies(streamUrl),
    signal,
    // The stall timer watches the stream; a request timeout would cut a long LIVE short.
    timeoutMs: maxTimerDelayMs,
    headers: { Accept: "video/x-flv,*/*" },
  });
  if (!response.ok) {
    await response.body?.cancel().catch(() => {});
    throw new InvalidResponseError(
      `${describeUrl(streamUrl)} answered HTTP ${response.status} instead of the video`,
      response.status,
    );
  }
  const reader = response.body?.getReader();
  if (!reader) throw new InvalidResponseError(`${describeUrl(streamUrl)} sent no body`);
  return reader;
}
