import { TikTokLiveError } from "@tiktok-live/node";
import type { Colors } from "./colors.js";
import type { Io } from "./io.js";

/**
 * Prints a failure that ends the command: a red line on stderr, or with
 * `--json` an object on stdout in the same stream as the events, so a
 * program reading the NDJSON sees why it ended.
 */
export function reportFailure(
  io: Io,
  json: boolean,
  error: unknown,
  exitCode: number,
  colors?: Colors,
): void {
  const message = error instanceof Error ? error.message : String(error);
  if (json) {
    const name = error instanceof Error ? error.name : "Error";
    const code = error instanceof TikTokLiveError ? error.code : exitCode === 2 ? "USAGE" : "FAILURE";
    io.out(JSON.stringify({ event: "error", fatal: true, name, code, message, exitCode }));
    return;
  }
  io.err(colors ? colors.red(`✖ ${message}`) : `✖ ${message}`);
}
