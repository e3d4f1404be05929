import {
  TikTokLiveClient,
  type TikTokLiveClientOptions,
  type VideoQuality,
  videoQualities,
} from "@tiktok-live/node";
import { colorsWanted, createColors } from "../colors.js";
import { ExitCode } from "../exit-codes.js";
import type { Io } from "../io.js";
import { reportFailure } from "../report-error.js";
import { exitCodeFor } from "./watch.js";

export interface RecordOptions {
  uniqueId: string;
  output: string;
  quality?: VideoQuality;
  json: boolean;
  color?: boolean;
  wait?: boolean;
  intervalMs?: number;
  clientOptions?: TikTokLiveClientOptions;
}

/** Progress lines at most this often, so a log file does not fill with them. */
const progressEveryMs = 1000;

export function isVideoQuality(value: string): value is VideoQuality {
  return (videoQualities as readonly string[]).includes(value);
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}

function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 3600)}:${String(Math.floor(s / 60) % 60).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
}

/** Records the LIVE's video to a file until it ends or Ctrl-C, with a progress line. */
export async function record(options: RecordOptions, io: Io): Promise<number> {
  const colors = createColors(colorsWanted({ isTTY: io.isTTY }, io.env, options.color));
  const stop = new AbortController();
  const stopInterrupt = io.onInterrupt(() => stop.abort(new Error("interrupted")));
  let lastReport = Number.NEGATIVE_INFINITY;
  try {
    const client = new TikTokLiveClient(options.uniqueId, options.clientOptions ?? {});
    if (options.wait) {
      if (!options.json) io.err(colors.dim(`Waiting for @${client.uniqueId} to go live…`));
      await client.waitUntilLive({
        signal: stop.signal,
        ...(options.intervalMs !== undefined ? { intervalMs: options.intervalMs } : {}),
      });
    }
    const result = await client.recordVideo(options.output, {
      signal: stop.signal,
      ...(options.quality ? { quality: options.quality } : {}),
      onProgress: (p) => {
        const now = Date.now();
        if (now - lastReport < progressEveryMs) return;
        lastReport = now;
        if (options.json)
          io.out(JSON.stringify({ event: "progress", bytes: p.bytes, durationMs: p.durationMs }));
        else io.err(colors.dim(`● REC ${clock(p.durationMs)}  ${megabytes(p.bytes)}  → ${options.output}`));
      },
    });
    if (options.json) io.out(JSON.stringify({ event: "recorded", file: options.output, ...result }));
    else
      io.err(
        `${colors.green("✔")} Saved ${megabytes(result.bytes)} (${clock(result.durationMs)}, ${result.quality}) to ${options.output}` +
          ` — ${result.stoppedBy === "abort" ? "stopped" : "the LIVE ended"}. To MP4: ffmpeg -i ${options.output} -c copy out.mp4`,
      );
    return ExitCode.ok;
  } catch (error) {
    if (stop.signal.aborted) return ExitCode.ok;
    reportFailure(io, options.json, error, exitCodeFor(error), colors);
    return exitCodeFor(error);
  } finally {
    stopInterrupt();
  }
}
