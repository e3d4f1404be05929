import { readFileSync } from "node:fs";
import {
  hostileFaultNames,
  isHostileFault,
  type Simulator,
  scenarioNames,
  startSimulator,
} from "@tiktok-live/testkit";
import { audit } from "./commands/audit.js";
import { check } from "./commands/check.js";
import { fleet } from "./commands/fleet.js";
import { isVideoQuality, record } from "./commands/record.js";
import { replay } from "./commands/replay.js";
import { simulate } from "./commands/simulate.js";
import { watch } from "./commands/watch.js";
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

function number(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0)
    throw new UsageError(`--${name} must be a non-negative number (got "${value}")`);
  return n;
}

/** Parses argv and runs a command; returns the exit code. Exported for tests. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  let parsed: ReturnType<typeof parseFlags>;
  try {
    parsed = parseFlags(argv);
  } catch (error) {
    if (argv.includes("--json")) reportFailure(io, true, error, ExitCode.usage);
    else io.err(`${(error as Error).message}\n\n${usage}`);
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
    const color = values["no-color"] ? { color: false } : {};
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
    const interval = number("interval", values.interval);
    const waitOptions = {
      ...(values.wait ? { wait: true } : {}),
      ...(interval !== undefined ? { intervalMs: interval * 1000 } : {}),
    };
    const secrets = {
      ...(common.sessionId ? { sessionId: common.sessionId } : {}),
      ...(common.signApiKey ? { signApiKey: common.signApiKey } : {}),
    };
    // check and record against the embedded simulator, whose user is the first one named.
    const withSimulator = async (uniqueId: string | undefined, run: (sim?: Simulator) => Promise<number>) => {
      if (values.simulate === undefined) return run();
      const sim = await startSimulator({ ...(uniqueId ? { uniqueId: uniqueId.replace(/^@/, "") } : {}) });
      try {
        return await run(sim);
      } finally {
        await sim.close();
      }
    };
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
            return await watch({ ...common, ...waitOptions, uniqueId: sim.uniqueId, simulator: sim }, io);
          } finally {
            await sim.close();
          }
        }
        if (!target)
          throw new UsageError("watch needs a username, e.g. tiktok-live watch @someone (or --simulate)");
        return await watch({ ...common, ...waitOptions, uniqueId: target }, io);
      }
      case "check": {
        if (rest.length === 0)
          throw new UsageError("check needs one or more usernames, e.g. tiktok-live check @a @b");
        return await withSimulator(rest[0], (sim) =>
          check(
            rest,
            { json: common.json, ...color, clientOptions: { ...secrets, ...sim?.clientOptions() } },
            io,
          ),
        );
      }
      case "record": {
        const target = rest[0];
        if (!target)
          throw new UsageError("record needs a username, e.g. tiktok-live record @someone -o live.flv");
        if (!values.output) throw new UsageError("record needs an output file: -o live.flv");
        const quality = values.quality;
        if (quality !== undefined && !isVideoQuality(quality))
          throw new UsageError(`--quality must be one of origin, uhd, hd, sd, ld (got "${quality}")`);
        const output = values.output;
        return await withSimulator(target, (sim) =>
          record(
            {
              uniqueId: target,
              output,
              json: common.json,
              ...color,
              ...waitOptions,
              ...(quality ? { quality } : {}),
              clientOptions: { ...secrets, ...sim?.clientOptions() },
            },
            io,
          ),
        );
      }
      case "replay": {
        if (!rest[0])
          throw new UsageError("replay needs a recording file, e.g. tiktok-live replay stream.ndjson");
        return await replay(rest[0], { ...common, ...(speed !== undefined ? { speed } : {}) }, io);
      }
      case "audit": {
        if (!rest[0])
          throw new UsageError("audit needs a recording file, e.g. tiktok-live audit stream.ndjson");
        return await audit(rest[0], { json: common.json }, io);
      }
      case "simulate": {
        const scenarioName = values.scenario;
        if (scenarioName && !scenarioNames.includes(scenarioName))
          throw new UsageError(`Unknown scenario "${scenarioName}"; known: ${scenarioNames.join(", ")}`);
        const port = number("port", values.port);
        const faults = values.fault ?? [];
        for (const f of faults)
          if (!isHostileFault(f))
            throw new UsageError(`Unknown fault "${f}"; known: ${hostileFaultNames.join(", ")}`);
        const liveAfterPolls = number("live-after-polls", values["live-after-polls"]);
        return await simulate(
          {
            ...(scenarioName ? { scenario: scenarioName } : {}),
            ...(faults.length ? { faults: faults.filter(isHostileFault) } : {}),
            ...(port !== undefined ? { port } : {}),
            ...(values["api-key"] ? { apiKey: values["api-key"] } : {}),
            ...(speed !== undefined ? { speed } : {}),
            ...(rest[0] ? { uniqueId: rest[0].replace(/^@/, "") } : {}),
            ...(liveAfterPolls !== undefined ? { liveAfterPolls } : {}),
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
      if (values.json) reportFailure(io, true, error, ExitCode.usage);
      else io.err(`${error.message}\n\nRun tiktok-live --help for usage.`);
      return ExitCode.usage;
    }
    reportFailure(io, values.json === true, error, ExitCode.failure);
    return ExitCode.failure;
  }
}
