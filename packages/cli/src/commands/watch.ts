import { createWriteStream, type WriteStream } from "node:fs";
import {
  type BaseEvent,
  BlockedError,
  type ClientEventName,
  InvalidOptionError,
  protoEventClasses,
  TikTokLiveClient,
  type TikTokLiveClientOptions,
  type TikTokLiveError,
  UserNotFoundError,
  UserOfflineError,
} from "@tiktok-live/node";
import { encodeBatchFrame, RecordingWriter, type Simulator } from "@tiktok-live/testkit";
import { colorsWanted, createColors } from "../colors.js";
import { ExitCode } from "../exit-codes.js";
import { formatEvent } from "../format-event.js";
import type { Io } from "../io.js";
import { reportFailure } from "../report-error.js";

const lifecycleNames = ["connect", "disconnect", "reconnecting", "unknown"] as const;

/** Events shown by the pretty view when no --events filter is given. */
const prettyDefaults = [
  ...lifecycleNames,
  "comment",
  "emoteChat",
  "gift",
  "like",
  "join",
  "follow",
  "share",
  "superFan",
  "superFanJoin",
  "roomUserSeq",
  "roomPin",
  "linkMicBattle",
  "livePause",
  "liveUnpause",
  "liveEnd",
];

export const knownEventNames: readonly string[] = [
  ...lifecycleNames,
  "websocketResponse",
  ...protoEventClasses.map((c) => c.eventName),
];

export interface WatchOptions {
  uniqueId: string;
  json: boolean;
  events?: string[];
  record?: string;
  color?: boolean;
  sessionId?: string;
  signApiKey?: string;
  /** When set, the client talks to this simulator. */
  simulator?: Simulator;
  /** Wait for the user to go live (polling every `intervalMs`) instead of failing when offline. */
  wait?: boolean;
  intervalMs?: number;
}

/** Turns a failure into a message and an exit code; never prints secrets (errors do not contain them). */
export function exitCodeFor(error: unknown): number {
  if (error instanceof UserNotFoundError) return ExitCode.userNotFound;
  if (error instanceof UserOfflineError) return ExitCode.userOffline;
  if (error instanceof BlockedError) return ExitCode.blocked;
  if (error instanceof InvalidOptionError) return ExitCode.usage;
  return ExitCode.failure;
}

/**
 * Starts a recording on every connect and saves the batch that comes with the signature
 * (recent history, or missed messages after a reconnect): it arrives over HTTP, not as a
 * WebSocket frame, so it is written as one for a replay to have it too.
 */
function recordFrames(
  client: TikTokLiveClient,
  write: (line: string) => void,
  setRecorder: (recorder: RecordingWriter) => void,
): void {
  let recorder: RecordingWriter | undefined;
  let signedBatchPending = false;
  client.on("connect", (e) => {
    recorder = new RecordingWriter(write, { uniqueId: e.uniqueId, roomId: e.roomId });
    setRecorder(recorder);
    signedBatchPending = true;
  });
  client.on("reconnecting", () => {
    signedBatchPending = true;
  });
  client.on("websocketResponse", ({ response }) => {
    if (!signedBatchPending) return;
    signedBatchPending = false;
    if (response.messages.length > 0)
      recorder?.frame(
        encodeBatchFrame(response.messages, 0n, 0n, {
          cursor: response.cursor,
          internalExt: response.internalExt,
          needAck: false,
        }),
      );
  });
}

/** Polls until the user is live; false when interrupted (Ctrl-C) first. */
async function waitUntilLive(
  client: TikTokLiveClient,
  options: WatchOptions,
  io: Io,
  colors: ReturnType<typeof createColors>,
): Promise<boolean> {
  const interrupted = new AbortController();
  const stopWaiting = io.onInterrupt(() => interrupted.abort(new Error("interrupted")));
  try {
    if (!options.json) io.err(colors.dim(`Waiting for @${client.uniqueId} to go live…`));
    await client.waitUntilLive({
      signal: interrupted.signal,
      ...(options.intervalMs !== undefined ? { intervalMs: options.intervalMs } : {}),
    });
    return true;
  } catch (error) {
    if (interrupted.signal.aborted) return false;
    throw error;
  } finally {
    stopWaiting();
  }
}

/** Prints the chosen events (one JSON line each with --json, else a readable line) and client errors. */
function printEvents(
  client: TikTokLiveClient,
  names: readonly string[],
  json: boolean,
  io: Io,
  colors: ReturnType<typeof createColors>,
): void {
  const print = (event: BaseEvent) => {
    if (json) {
      io.out(JSON.stringify(event));
      return;
    }
    const line = formatEvent(event, colors);
    if (line !== undefined) io.out(line);
  };
  for (const name of names) client.on(name as ClientEventName, print);
  client.on("error", (error: TikTokLiveError) => {
    if (json)
      io.out(JSON.stringify({ event: "error", name: error.name, code: error.code, message: error.message }));
    else io.err(colors.yellow(`⚠ ${error.message}`));
  });
}

export async function watch(options: WatchOptions, io: Io): Promise<number> {
  const colors = createColors(colorsWanted({ isTTY: io.isTTY }, io.env, options.color));
  const names = options.events ?? (options.json ? knownEventNames : prettyDefaults);
  const unknownNames = names.filter((n) => !knownEventNames.includes(n));
  if (unknownNames.length > 0) {
    io.err(
      `Unknown event name(s): ${unknownNames.join(", ")}. Known: ${knownEventNames.slice(0, 30).join(", ")}, …`,
    );
    return ExitCode.usage;
  }

  let recordFile: WriteStream | undefined;
  let recorder: RecordingWriter | undefined;
  const clientOptions: TikTokLiveClientOptions = {
    ...(options.simulator?.clientOptions() ?? {}),
    ...(options.sessionId ? { sessionId: options.sessionId } : {}),
    ...(options.signApiKey ? { signApiKey: options.signApiKey } : {}),
    ...(options.record ? { onRawFrame: (bytes: Uint8Array) => recorder?.frame(bytes) } : {}),
  };

  let client: TikTokLiveClient;
  try {
    client = new TikTokLiveClient(options.uniqueId, clientOptions);
  } catch (error) {
    reportFailure(io, options.json, error, exitCodeFor(error), colors);
    return exitCodeFor(error);
  }

  if (options.record) {
    // Opened before connecting: a path that cannot be written ends the command here, with why.
    try {
      recordFile = await openForWriting(options.record);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const failure = new Error(`Cannot write the recording to ${options.record}: ${reason}`);
      reportFailure(io, options.json, failure, ExitCode.failure, colors);
      return ExitCode.failure;
    }
  }
  // A recording that stops being written (disk full, file removed…) ends the watch rather than
  // going on unrecorded; without a listener the stream's error would also crash the process.
  let recordError: Error | undefined;
  recordFile?.on("error", (error) => {
    if (recordError) return;
    recordError = new Error(`Could not write the recording to ${options.record}: ${error.message}`);
    void client.disconnect();
  });

  printEvents(client, names, options.json, io, colors);

  const stopInterrupt = io.onInterrupt(() => {
    if (!options.json) io.err(colors.dim("Disconnecting…"));
    void client.disconnect();
  });
  try {
    if (recordFile) {
      const stream = recordFile;
      recordFrames(
        client,
        (line) => stream.write(line),
        (r) => {
          recorder = r;
        },
      );
    }
    if (options.wait && !(await waitUntilLive(client, options, io, colors))) return ExitCode.ok;
    await client.run();
    if (recordError) {
      reportFailure(io, options.json, recordError, ExitCode.failure, colors);
      return ExitCode.failure;
    }
    return ExitCode.ok;
  } catch (error) {
    reportFailure(io, options.json, error, exitCodeFor(error), colors);
    return exitCodeFor(error);
  } finally {
    stopInterrupt();
    if (recordFile) {
      const file = recordFile;
      if (!file.destroyed) await new Promise<void>((resolve) => file.end(() => resolve()));
      if (!options.json) io.err(colors.dim(`Recorded ${recorder?.count ?? 0} frames to ${options.record}`));
    }
  }
}

/** Creates (or replaces) `path` and resolves once it is open; rejects with the system's error. */
function openForWriting(path: string): Promise<WriteStream> {
  const file = createWriteStream(path, { flags: "w" });
  return new Promise((resolve, reject) => {
    file.once("error", reject);
    file.once("open", () => {
      file.off("error", reject);
      resolve(file);
    });
  });
}
