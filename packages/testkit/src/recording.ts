import type { Scenario, ScenarioStep } from "./scenario.js";

/**
 * Recording format (NDJSON, one JSON object per line, UTF-8):
 *
 *   {"format":"tiktok-live-recording","version":1,"uniqueId":"user","roomId":"73…","startedAt":"2026-…Z"}
 *   {"t":0,"frame":"<base64>"}
 *   {"t":153,"frame":"<base64>"}
 *
 * `t` is milliseconds since the recording started; `frame` is one binary
 * WebSocket message exactly as received (a WebcastPushFrame, payload still
 * gzip-compressed). Replaying sends the same bytes, so a recording exercises
 * the full decode path.
 */
export const recordingFormat = "tiktok-live-recording";
export const recordingVersion = 1;

export interface RecordingHeader {
  format: typeof recordingFormat;
  version: number;
  uniqueId: string;
  roomId: string;
  startedAt: string;
}

export interface RecordedFrame {
  t: number;
  frame: Uint8Array;
}

export interface Recording {
  header: RecordingHeader;
  frames: RecordedFrame[];
}

/** Writes a recording line by line through `write` (e.g. a file stream's write). */
export class RecordingWriter {
  private readonly started = Date.now();
  count = 0;

  constructor(
    private readonly write: (line: string) => void,
    header: Omit<RecordingHeader, "format" | "version" | "startedAt">,
  ) {
    const full: RecordingHeader = {
      format: recordingFormat,
      version: recordingVersion,
      startedAt: new Date(this.started).toISOString(),
      ...header,
    };
    this.write(`${JSON.stringify(full)}\n`);
  }

  frame(bytes: Uint8Array, at = Date.now()): void {
    this.count++;
    this.write(`${JSON.stringify({ t: at - this.started, frame: Buffer.from(bytes).toString("base64") })}\n`);
  }
}

/** Parses a recording; throws with the line number on anything malformed. */
export function parseRecording(text: string): Recording {
  // Line numbers count blank lines too, so they match what an editor shows.
  const lines = text
    .split("\n")
    .map((line, i) => ({ line, n: i + 1 }))
    .filter(({ line }) => line.trim() !== "");
  if (lines.length === 0) throw new Error("Empty recording");
  const first = lines[0]!;
  let header: RecordingHeader | null;
  try {
    header = JSON.parse(first.line) as RecordingHeader;
  } catch (cause) {
    throw new Error(`Recording line ${first.n} is not JSON`, { cause });
  }
  if (header?.format !== recordingFormat)
    throw new Error(`Not a ${recordingFormat} file (format: ${String(header?.format)})`);
  if (header.version !== recordingVersion) throw new Error(`Unsupported recording version ${header.version}`);
  for (const field of ["uniqueId", "roomId"] as const) {
    if (typeof header[field] !== "string" || header[field] === "")
      throw new Error(`Recording line ${first.n} (the header) needs a string "${field}"`);
  }
  const frames = lines.slice(1).map(({ line, n }) => {
    let entry: { t?: unknown; frame?: unknown } | null;
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch (cause) {
      throw new Error(`Recording line ${n} is not JSON`, { cause });
    }
    if (typeof entry?.t !== "number" || typeof entry.frame !== "string") {
      throw new Error(`Recording line ${n} needs a numeric "t" and a base64 "frame"`);
    }
    return { t: entry.t, frame: new Uint8Array(Buffer.from(entry.frame, "base64")) };
  });
  return { header, frames };
}

/** A scenario that sends the recorded frames with their original spacing (the simulator's `speed` scales it). */
export function replayScenario(recording: Recording): Scenario {
  const steps: ScenarioStep[] = [];
  let last = 0;
  for (const f of recording.frames) {
    if (f.t > last) steps.push({ kind: "wait", ms: f.t - last });
    last = f.t;
    steps.push({ kind: "raw", bytes: f.frame });
  }
  return {
    name: `replay of @${recording.header.uniqueId}`,
    description: `${recording.frames.length} recorded frames`,
    initial: [],
    steps,
  };
}
