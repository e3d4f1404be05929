import { readFileSync } from "node:fs";
import { checkSharedNumbers, commands } from "./command-table.js";
import { ExitCode } from "./exit-codes.js";
import { parseFlags, UsageError } from "./flags.js";
import { type Io, processIo } from "./io.js";
import { reportFailure } from "./report-error.js";
import { usage } from "./usage.js";

/**
 * The CLI's version, printed by `--version`: read from the package's own package.json
 * (one level above both src/ and dist/), so a release bump needs no code change.
 */
export const version: string = JSON.parse(
  readFileSync(new URL("../package.json", import.meta.url), "utf8"),
).version;

/** Parses argv, or reports the mistake (with usage, or as JSON with --json) and returns undefined. */
function parseOrReport(argv: string[], io: Io): ReturnType<typeof parseFlags> | undefined {
  try {
    return parseFlags(argv);
  } catch (error) {
    if (argv.includes("--json")) reportFailure(io, true, error, ExitCode.usage);
    else io.err(`${(error as Error).message}\n\n${usage}`);
    return undefined;
  }
}

/** A usage mistake exits 2 with a hint; anything else is a failure, reported without secrets. */
function reportError(error: unknown, json: boolean, io: Io): number {
  if (error instanceof UsageError) {
    if (json) reportFailure(io, true, error, ExitCode.usage);
    else io.err(`${error.message}\n\nRun tiktok-live --help for usage.`);
    return ExitCode.usage;
  }
  reportFailure(io, json, error, ExitCode.failure);
  return ExitCode.failure;
}

/** Parses argv and runs a command; returns the exit code. Exported for tests. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const parsed = parseOrReport(argv, io);
  if (!parsed) return ExitCode.usage;
  const { values, positionals } = parsed;
  if (values.help || values.version) {
    io.out(values.help ? usage : version);
    return ExitCode.ok;
  }
  const [name, ...args] = positionals;
  if (name === undefined) {
    io.out(usage);
    return ExitCode.usage;
  }
  try {
    checkSharedNumbers(values);
    const command = commands.get(name);
    if (!command) throw new UsageError(`Unknown command "${name}"`);
    return await command({ values, args, io });
  } catch (error) {
    return reportError(error, values.json === true, io);
  }
}
