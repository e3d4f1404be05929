import { afterEach, describe, expect, it, vi } from "vitest";
import {
  parseRecording,
  type Recording,
  RecordingWriter,
  recordingFormat,
  recordingVersion,
  replayScenario,
} from "../src/index.js";

const header = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    format: recordingFormat,
    version: recordingVersion,
    uniqueId: "host",
    roomId: "7311111111111111111",
    startedAt: "2026-01-01T00:00:00.000Z",
    ...extra,
  });

const frameLine = (t: number, bytes: number[] = [1, 2, 3]) =>
  JSON.stringify({ t, frame: Buffer.from(bytes).toString("base64") });

afterEach(() => {
  vi.useRealTimers();
});

describe("RecordingWriter + parseRecording", () => {
  it("round-trips the header, the frame bytes and the timestamps", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = new Date("2026-03-04T05:06:07.890Z");
    vi.setSystemTime(start);

    const lines: string[] = [];
    const writer = new RecordingWriter((line) => lines.push(line), {
      uniqueId: "alice.streams",
      roomId: "7311111111111111111",
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]!.endsWith("\n")).toBe(true);

    const frames = [
      new Uint8Array([0x08, 0x96, 0x01]),
      new Uint8Array([]),
      new Uint8Array(Array.from({ length: 300 }, (_, i) => (i * 7) % 256)),
    ];
    writer.frame(frames[0]!); // t = 0
    vi.setSystemTime(start.getTime() + 153);
    writer.frame(frames[1]!); // t = 153
    writer.frame(frames[2]!, start.getTime() + 2000); // explicit time
    expect(writer.count).toBe(3);
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(line.split("\n")).toEqual([line.slice(0, -1), ""]);

    const recording = parseRecording(lines.join(""));
    expect(recording.header).toEqual({
      format: "tiktok-live-recording",
      version: 1,
      uniqueId: "alice.streams",
      roomId: "7311111111111111111",
      startedAt: "2026-03-04T05:06:07.890Z",
    });
    expect(recording.frames.map((f) => f.t)).toEqual([0, 153, 2000]);
    recording.frames.forEach((f, i) => {
      expect(f.frame).toBeInstanceOf(Uint8Array);
      expect(Array.from(f.frame)).toEqual(Array.from(frames[i]!));
    });
  });

  it("parses a file without a trailing newline and with CRLF line ends", () => {
    const text = [header(), frameLine(0, [9]), frameLine(20, [8, 7])].join("\r\n");
    const r = parseRecording(text);
    expect(r.header.uniqueId).toBe("host");
    expect(r.frames.map((f) => [f.t, Array.from(f.frame)])).toEqual([
      [0, [9]],
      [20, [8, 7]],
    ]);
  });

  it("accepts a recording with only a header", () => {
    expect(parseRecording(`${header()}\n`).frames).toEqual([]);
  });
});

describe("parseRecording errors", () => {
  const parseError = (text: string): string => {
    try {
      parseRecording(text);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error("parseRecording accepted bad input");
  };

  it("names line 3 when line 3 is not JSON", () => {
    const message = parseError(`${header()}\n${frameLine(0)}\n{"t":5,"frame":\n${frameLine(9)}\n`);
    expect(message).toMatch(/line 3\b/);
    expect(message).toMatch(/not JSON/);
  });

  it("counts blank lines when naming the line", () => {
    const message = parseError(`${header()}\n\n{oops\n`);
    expect(message).toMatch(/line 3\b/);
  });

  it("names line 1 when the header is not JSON", () => {
    expect(parseError("garbage\n")).toMatch(/line 1\b/);
  });

  it("names the line of a frame without t or frame", () => {
    expect(parseError(`${header()}\n${frameLine(0)}\n{"frame":"AA=="}\n`)).toMatch(
      /line 3 needs a numeric "t" and a base64 "frame"/,
    );
    expect(parseError(`${header()}\n{"t":1}\n`)).toMatch(/line 2 needs/);
    expect(parseError(`${header()}\n{"t":"1","frame":"AA=="}\n`)).toMatch(/line 2 needs/);
    expect(parseError(`${header()}\nnull\n`)).toMatch(/line 2 needs/);
  });

  it("rejects a header without uniqueId or roomId, naming line 1", () => {
    const noUser = JSON.stringify({ format: recordingFormat, version: 1, roomId: "1", startedAt: "" });
    expect(parseError(`${noUser}\n`)).toMatch(/line 1.*uniqueId/);
    const noRoom = JSON.stringify({ format: recordingFormat, version: 1, uniqueId: "u", startedAt: "" });
    expect(parseError(`${noRoom}\n`)).toMatch(/line 1.*roomId/);
    expect(parseError("null\n")).toMatch(/Not a tiktok-live-recording file/);
  });

  it("rejects another format", () => {
    expect(parseError(`${header({ format: "something-else" })}\n`)).toMatch(
      /Not a tiktok-live-recording file \(format: something-else\)/,
    );
    expect(parseError(`{"hello":"world"}\n`)).toMatch(/Not a tiktok-live-recording file/);
  });

  it("rejects another version", () => {
    expect(parseError(`${header({ version: 2 })}\n`)).toMatch(/Unsupported recording version 2/);
  });

  it("rejects an empty file", () => {
    expect(parseError("")).toMatch(/Empty recording/);
    expect(parseError("\n  \n\n")).toMatch(/Empty recording/);
  });
});

describe("replayScenario", () => {
  const recording = (times: number[]): Recording => ({
    header: {
      format: recordingFormat,
      version: 1,
      uniqueId: "host",
      roomId: "1",
      startedAt: "2026-01-01T00:00:00.000Z",
    },
    frames: times.map((t, i) => ({ t, frame: new Uint8Array([i]) })),
  });

  it("sends every frame in order with waits equal to the gaps", () => {
    const s = replayScenario(recording([0, 100, 100, 250, 1000]));
    expect(s.initial).toEqual([]);
    expect(s.name).toContain("@host");
    expect(
      s.steps.map((step) =>
        step.kind === "wait" ? ["wait", step.ms] : step.kind === "raw" ? ["raw", step.bytes[0]] : [step.kind],
      ),
    ).toEqual([
      ["raw", 0],
      ["wait", 100],
      ["raw", 1],
      ["raw", 2],
      ["wait", 150],
      ["raw", 3],
      ["wait", 750],
      ["raw", 4],
    ]);
  });

  it("waits before a first frame recorded after the start, and sends the exact bytes", () => {
    const r = recording([40, 90]);
    const s = replayScenario(r);
    expect(s.steps[0]).toEqual({ kind: "wait", ms: 40 });
    expect(s.steps[1]).toEqual({ kind: "raw", bytes: r.frames[0]!.frame });
    expect(s.steps[2]).toEqual({ kind: "wait", ms: 50 });
    const total = s.steps.reduce((sum, step) => sum + (step.kind === "wait" ? step.ms : 0), 0);
    expect(total).toBe(90);
  });

  it("replays a parsed recording with its spacing", () => {
    const text = [header(), frameLine(0, [1]), frameLine(30, [2]), frameLine(75, [3])].join("\n");
    const s = replayScenario(parseRecording(text));
    expect(s.steps.filter((step) => step.kind === "wait").map((step) => (step as { ms: number }).ms)).toEqual(
      [30, 45],
    );
    expect(s.steps.filter((step) => step.kind === "raw")).toHaveLength(3);
  });
});
