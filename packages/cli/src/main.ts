import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { scenarioNames, startSimulator } from "@tiktok-live/testkit";
import { fleet } from "./commands/fleet.js";
import { replay } from "./commands/replay.js";
import { simulate } from "./commands/simulate.js";
import { watch } from "./commands/watch.js";
import { ExitCode } from "./exit-codes.js";
import { type Io, processIo } from "./io.js";
import { usage } from "./usage.js";

/**
 * The CLI's version, printed by `--version`: read from the package's own package.json
 * (one level above both src/ and dist/), so a release bump needs no code change.
 */
export const version: string = JSON.parse(
  readFileSync(new URL("../package.json", import.meta.url), "utf8"),
).version;

function number(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0)
    throw new UsageError(`--${name} must be a non-negative number (got "${value}")`);
  return n;
}

class UsageError extends Error {}

/** Parses argv and runs a command; returns the exit code. Exported for tests. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${usage}`);
    return ExitCode.usage;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(usage);
    return ExitCode.ok;
  }
  if (values.version) {
    io.out(version);
    return ExitCode.ok;
  }
  const [command, ...rest] = positionals;
  try {
    const common = {
      json: values.json === true,
      ...(values.events
        ? {
            events: values.events
              .split(",")
              .map((s) => s.trim())
              .filter(Boolean),
          }
        : {}),
      ...(values.record ? { record: values.record } : {}),
      ...(values["no-color"] ? { color: false } : {}),
      ...((values["session-id"] ?? io.env.TIKTOK_SESSION_ID)
        ? { sessionId: values["session-id"] ?? io.env.TIKTOK_SESSION_ID }
        : {}),
      ...((values["sign-api-key"] ?? io.env.SIGN_API_KEY)
        ? { signApiKey: values["sign-api-key"] ?? io.env.SIGN_API_KEY }
        : {}),
    };
    const speed = number("speed", values.speed);
    switch (command) {
      case "watch": {
        const target = rest[0];
        if (values.simulate !== undefined) {
          const scenarioName = values.simulate === "" ? "showcase" : values.simulate;
          if (!scenarioNames.includes(scenarioName))
            throw new UsageError(`Unknown scenario "${scenarioName}"; known: ${scenarioNames.join(", ")}`);
          const uniqueId = target ? target.replace(/^@/, "") : undefined;
          const sim = await startSimulator({
            scenario: scenarioName,
            ...(uniqueId ? { uniqueId } : {}),
            ...(speed !== undefined ? { speed } : {}),
          });
          try {
            return await watch({ ...common, uniqueId: sim.uniqueId, simulator: sim }, io);
          } finally {
            await sim.close();
          }
        }
        if (!target)
          throw new UsageError("watch needs a username, e.g. tiktok-live watch @someone (or --simulate)");
        return await watch({ ...common, uniqueId: target }, io);
      }
      case "replay": {
        if (!rest[0])
          throw new UsageError("replay needs a recording file, e.g. tiktok-live replay stream.ndjson");
        return await replay(rest[0], { ...common, ...(speed !== undefined ? { speed } : {}) }, io);
      }
      case "simulate": {
        const scenarioName = values.scenario;
        if (scenarioName && !scenarioNames.includes(scenarioName))
          throw new UsageError(`Unknown scenario "${scenarioName}"; known: ${scenarioNames.join(", ")}`);
        const port = number("port", values.port);
        return await simulate(
          {
            ...(scenarioName ? { scenario: scenarioName } : {}),
            ...(port !== undefined ? { port } : {}),
            ...(values["api-key"] ? { apiKey: values["api-key"] } : {}),
            ...(speed !== undefined ? { speed } : {}),
            ...(rest[0] ? { uniqueId: rest[0].replace(/^@/, "") } : {}),
          },
          io,
        );
      }
      case "fleet":
        return await fleet(rest, { ...values, ...common }, io);
      case undefined:
        io.out(usage);
        return ExitCode.usage;
      default:
        throw new UsageError(`Unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n\nRun tiktok-live --help for usage.`);
      return ExitCode.usage;
    }
    io.err(`✖ ${(error as Error).message}`);
    return ExitCode.failure;
  }
}

function parse(argv: string[]) {
  // `--simulate` takes an optional scenario name: rewrite a bare flag to an empty value.
  const args = argv.flatMap((a, i) =>
    a === "--simulate" && (argv[i + 1] === undefined || argv[i + 1]!.startsWith("-")) ? ["--simulate="] : [a],
  );
  return parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      help: { type: "boolean", short: "h" },
      version: { type: "boolean", short: "v" },
      json: { type: "boolean" },
      events: { type: "string" },
      record: { type: "string" },
      simulate: { type: "string" },
      speed: { type: "string" },
      "session-id": { type: "string" },
      "sign-api-key": { type: "string" },
      "no-color": { type: "boolean" },
      scenario: { type: "string" },
      port: { type: "string" },
      "api-key": { type: "string" },
      // fleet commands
      nats: { type: "string" },
      "base-url": { type: "string" },
      "lease-ttl": { type: "string" },
      "worker-id": { type: "string" },
      poll: { type: "string" },
      budget: { type: "string" },
    },
  });
}
