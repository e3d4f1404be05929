import { readFile } from "node:fs/promises";
import { parseRecording, replayScenario, startSimulator } from "@tiktok-live/testkit";
import { ExitCode } from "../exit-codes.js";
import type { Io } from "../io.js";
import { type WatchOptions, watch } from "./watch.js";

/** Plays a recording through a simulator and watches it with the real client. */
export async function replay(
  file: string,
  options: Omit<WatchOptions, "uniqueId" | "simulator"> & { speed?: number },
  io: Io,
): Promise<number> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    io.err(`Cannot read ${file}: ${(error as Error).message}`);
    return ExitCode.usage;
  }
  let recording: ReturnType<typeof parseRecording>;
  try {
    recording = parseRecording(text);
  } catch (error) {
    io.err(`${file} is not a valid recording: ${(error as Error).message}`);
    return ExitCode.usage;
  }
  const scenario = replayScenario(recording);
  // The replay ends the stream itself so `watch` returns when the frames run out.
  scenario.steps.push({ kind: "wait", ms: 100 });
  const sim = await startSimulator({
    scenario,
    uniqueId: recording.header.uniqueId,
    roomId: recording.header.roomId,
    speed: options.speed ?? 1,
  });
  void sim.done.then(() => sim.endLive());
  try {
    return await watch({ ...options, uniqueId: recording.header.uniqueId, simulator: sim }, io);
  } finally {
    await sim.close();
  }
}
