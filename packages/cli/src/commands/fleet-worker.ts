import { FleetWorker } from "@tiktok-live/nats";
import { TikTokLiveClient } from "@tiktok-live/node";
import { ExitCode } from "../exit-codes.js";
import type { Io } from "../io.js";
import { connectFleet } from "./fleet-connect.js";

export interface FleetWorkerCommandOptions {
  nats: string;
  workerId?: string;
  leaseTtlMs?: number;
  pollIntervalMs?: number;
  /** Requests per second to the sign server and TikTok's lookups for the whole fleet. */
  fleetBudgetPerSecond?: number;
  sessionId?: string;
  signApiKey?: string;
}

/** `tiktok-live fleet worker`: takes rooms from the fleet bucket and publishes their events until Ctrl-C. */
export async function fleetWorker(options: FleetWorkerCommandOptions, io: Io): Promise<number> {
  const { nc, js } = await connectFleet(options.nats);
  const worker = new FleetWorker({
    js,
    createClient: (id, o) => new TikTokLiveClient(id, o),
    ...(options.workerId ? { workerId: options.workerId } : {}),
    ...(options.leaseTtlMs !== undefined ? { leaseTtlMs: options.leaseTtlMs } : {}),
    ...(options.pollIntervalMs !== undefined ? { pollIntervalMs: options.pollIntervalMs } : {}),
    ...(options.fleetBudgetPerSecond !== undefined
      ? { fleetBudgetPerSecond: options.fleetBudgetPerSecond }
      : {}),
    clientOptions: {
      ...(options.sessionId ? { sessionId: options.sessionId } : {}),
      ...(options.signApiKey ? { signApiKey: options.signApiKey } : {}),
    },
    onError: (error) => io.err(`! ${error.message}`),
  });
  await worker.start();
  io.out(`worker ${worker.workerId} started`);
  await new Promise<void>((resolve) => {
    const off = io.onInterrupt(() => {
      off();
      resolve();
    });
  });
  await worker.stop();
  await nc.drain();
  io.out(`worker ${worker.workerId} stopped`);
  return ExitCode.ok;
}
