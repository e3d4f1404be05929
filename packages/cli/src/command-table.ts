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
import { type parseFlags, portFlag, UsageError } from "./flags.js";
import type { Io } from "./io.js";

type Flags = ReturnType<typeof parseFlags>["values"];

/** One command line, parsed: the flags, the arguments after the command name, and where to print. */
export interface Invocation {
  values: Flags;
  args: string[];
  io: Io;
}

/** Runs one command and resolves to its exit code; throws UsageError for a bad command line. */
type Command = (invocation: Invocation) => Promise<number>;

function number(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0)
    throw new UsageError(`--${name} must be a non-negative number (got "${value}")`);
  return n;
}

const withoutAt = (name: string) => name.replace(/^@/, "");

/** Options shared by watch and replay: output format, event filter, recording, color, secrets. */
function commonOptions(values: Flags, io: Io) {
  const sessionId = values["session-id"] ?? io.env.TIKTOK_SESSION_ID;
  const signApiKey = values["sign-api-key"] ?? io.env.SIGN_API_KEY;
  return {
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
    ...(sessionId ? { sessionId } : {}),
    ...(signApiKey ? { signApiKey } : {}),
  };
}

/** The secrets alone, for commands that pass client options through. */
function secrets(values: Flags, io: Io) {
  const { sessionId, signApiKey } = commonOptions(values, io);
  return { ...(sessionId ? { sessionId } : {}), ...(signApiKey ? { signApiKey } : {}) };
}

/** `--wait` and `--interval` (seconds on the command line, milliseconds for the client). */
function waitOptions(values: Flags) {
  const interval = number("interval", values.interval);
  return {
    ...(values.wait ? { wait: true } : {}),
    ...(interval !== undefined ? { intervalMs: interval * 1000 } : {}),
  };
}

function speedOption(values: Flags) {
  const speed = number("speed", values.speed);
  return speed !== undefined ? { speed } : {};
}

const colorOption = (values: Flags) => (values["no-color"] ? { color: false } : {});

function knownScenario(name: string): string {
  if (!scenarioNames.includes(name))
    throw new UsageError(`Unknown scenario "${name}"; known: ${scenarioNames.join(", ")}`);
  return name;
}

/** check and record against the embedded simulator (with --simulate), whose user is the first one named. */
async function withSimulator(
  values: Flags,
  uniqueId: string | undefined,
  run: (sim?: Simulator) => Promise<number>,
): Promise<number> {
  if (values.simulate === undefined) return run();
  const sim = await startSimulator({ ...(uniqueId ? { uniqueId: withoutAt(uniqueId) } : {}) });
  try {
    return await run(sim);
  } finally {
    await sim.close();
  }
}

/** `watch @user`, or `watch --simulate [scenario]` against a simulator started for the purpose. */
const watchCommand: Command = async ({ values, args, io }) => {
  const target = args[0];
  const options = { ...commonOptions(values, io), ...waitOptions(values) };
  if (values.simulate === undefined) {
    if (!target)
      throw new UsageError("watch needs a username, e.g. tiktok-live watch @someone (or --simulate)");
    return await watch({ ...options, uniqueId: target }, io);
  }
  const scenario = knownScenario(values.simulate === "" ? "showcase" : values.simulate);
  const sim = await startSimulator({
    scenario,
    ...(target ? { uniqueId: withoutAt(target) } : {}),
    ...speedOption(values),
  });
  try {
    return await watch({ ...options, uniqueId: sim.uniqueId, simulator: sim }, io);
  } finally {
    await sim.close();
  }
};

const checkCommand: Command = async ({ values, args, io }) => {
  if (args.length === 0)
    throw new UsageError("check needs one or more usernames, e.g. tiktok-live check @a @b");
  return await withSimulator(values, args[0], (sim) =>
    check(
      args,
      {
        json: values.json === true,
        ...colorOption(values),
        clientOptions: { ...secrets(values, io), ...sim?.clientOptions() },
      },
      io,
    ),
  );
};

const recordCommand: Command = async ({ values, args, io }) => {
  const target = args[0];
  if (!target) throw new UsageError("record needs a username, e.g. tiktok-live record @someone -o live.flv");
  const output = values.output;
  if (!output) throw new UsageError("record needs an output file: -o live.flv");
  const quality = values.quality;
  if (quality !== undefined && !isVideoQuality(quality))
    throw new UsageError(`--quality must be one of origin, uhd, hd, sd, ld (got "${quality}")`);
  return await withSimulator(values, target, (sim) =>
    record(
      {
        uniqueId: target,
        output,
        json: values.json === true,
        ...colorOption(values),
        ...waitOptions(values),
        ...(quality ? { quality } : {}),
        clientOptions: { ...secrets(values, io), ...sim?.clientOptions() },
      },
      io,
    ),
  );
};

const replayCommand: Command = async ({ values, args, io }) => {
  if (!args[0]) throw new UsageError("replay needs a recording file, e.g. tiktok-live replay stream.ndjson");
  return await replay(args[0], { ...commonOptions(values, io), ...speedOption(values) }, io);
};

const auditCommand: Command = async ({ values, args, io }) => {
  if (!args[0]) throw new UsageError("audit needs a recording file, e.g. tiktok-live audit stream.ndjson");
  return await audit(args[0], { json: values.json === true }, io);
};

const simulateCommand: Command = async ({ values, args, io }) => {
  const scenario = values.scenario ? knownScenario(values.scenario) : undefined;
  const port = portFlag(values.port);
  const faults = values.fault ?? [];
  for (const f of faults)
    if (!isHostileFault(f))
      throw new UsageError(`Unknown fault "${f}"; known: ${hostileFaultNames.join(", ")}`);
  const liveAfterPolls = number("live-after-polls", values["live-after-polls"]);
  return await simulate(
    {
      ...(scenario ? { scenario } : {}),
      ...(faults.length ? { faults: faults.filter(isHostileFault) } : {}),
      ...(port !== undefined ? { port } : {}),
      ...(values["api-key"] ? { apiKey: values["api-key"] } : {}),
      ...speedOption(values),
      ...(args[0] ? { uniqueId: withoutAt(args[0]) } : {}),
      ...(liveAfterPolls !== undefined ? { liveAfterPolls } : {}),
    },
    io,
  );
};

const fleetCommand: Command = ({ values, args, io }) =>
  fleet(args, { ...values, ...commonOptions(values, io) }, io);

/** Checks the numeric flags several commands share, whichever command runs (as a typo should never pass silently). */
export function checkSharedNumbers(values: Flags): void {
  number("speed", values.speed);
  number("interval", values.interval);
}

/** Every command by name; main looks the first positional argument up here. */
export const commands: ReadonlyMap<string, Command> = new Map([
  ["watch", watchCommand],
  ["check", checkCommand],
  ["record", recordCommand],
  ["replay", replayCommand],
  ["audit", auditCommand],
  ["simulate", simulateCommand],
  ["fleet", fleetCommand],
]);
