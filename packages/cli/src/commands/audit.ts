import { readFile } from "node:fs/promises";
import { schemaFields } from "@tiktok-live/proto/codecs";
import { parseRecording } from "@tiktok-live/testkit";
import { formatAudit } from "../audit/format-audit.js";
import { auditRecording } from "../audit/recording-audit.js";
import { ExitCode } from "../exit-codes.js";
import type { Io } from "../io.js";

/**
 * `tiktok-live audit <recording>`: compares every push message of a recording
 * with the schema and prints, per method, fields the schema lacks, wire-type
 * conflicts and methods without a codec (see docs/guides/schema-updates.md).
 */
export async function audit(file: string, options: { json: boolean }, io: Io): Promise<number> {
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
  const report = auditRecording(recording, schemaFields);
  io.out(options.json ? JSON.stringify(report, null, 2) : formatAudit(file, report));
  return ExitCode.ok;
}
