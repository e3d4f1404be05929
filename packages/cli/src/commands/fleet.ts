import { ExitCode } from "../exit-codes.js";
import { portFlag } from "../flags.js";
import type { Io } from "../io.js";
import { fleetAdd, fleetList, fleetRemove, fleetTail } from "./fleet-admin.js";
import { fleetDashboard } from "./fleet-dashboard.js";
import { fleetWorker } from "./fleet-worker.js";

export interface FleetFlags {
  nats?: string | undefined;
  "base-url"?: string | undefined;
  "lease-ttl"?: string | undefined;
  "worker-id"?: string | undefined;
  poll?: string | undefined;
  budget?: string | undefined;
  port?: string | undefined;
  json?: boolean | undefined;
  sessionId?: string | undefined;
  signApiKey?: string | undefined;
}

function ms(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number of milliseconds`);
  return n;
}

/** `tiktok-live fleet <worker|add|remove|ls|tail|dashboard>`; NATS from --nats or NATS_URL. */
export async function fleet(args: string[], flags: FleetFlags, io: Io): Promise<number> {
  const [sub, ...rest] = args;
  const url = flags.nats ?? io.env.NATS_URL ?? "nats://127.0.0.1:4222";
  switch (sub) {
    case "worker": {
      const leaseTtlMs = ms("lease-ttl", flags["lease-ttl"]);
      const pollIntervalMs = ms("poll", flags.poll);
      const budget = ms("budget", flags.budget);
      return fleetWorker(
        {
          nats: url,
          ...(flags["worker-id"] ? { workerId: flags["worker-id"] } : {}),
          ...(leaseTtlMs !== undefined ? { leaseTtlMs } : {}),
          ...(pollIntervalMs !== undefined ? { pollIntervalMs } : {}),
          ...(budget !== undefined ? { fleetBudgetPerSecond: budget } : {}),
          ...(flags.sessionId ? { sessionId: flags.sessionId } : {}),
          ...(flags.signApiKey ? { signApiKey: flags.signApiKey } : {}),
        },
        io,
      );
    }
    case "add":
    case "remove":
      if (rest.length === 0) {
        io.err(`fleet ${sub} needs a username, e.g. tiktok-live fleet ${sub} @someone`);
        return ExitCode.usage;
      }
      return sub === "add" ? fleetAdd(url, rest, flags["base-url"], io) : fleetRemove(url, rest, io);
    case "ls":
      return fleetList(url, flags.json === true, io);
    case "tail":
      return fleetTail(url, flags.json === true, io);
    case "dashboard":
      return fleetDashboard(url, portFlag(flags.port) ?? 8090, io);
    default:
      io.err(`Unknown fleet command "${sub ?? ""}"; known: worker, add, remove, ls, tail, dashboard`);
      return ExitCode.usage;
  }
}
