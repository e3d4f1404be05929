import { type HostileFault, startSimulator } from "@tiktok-live/testkit";
import { ExitCode } from "../exit-codes.js";
import type { Io } from "../io.js";

export interface SimulateOptions {
  scenario?: string;
  port?: number;
  apiKey?: string;
  speed?: number;
  uniqueId?: string;
  /** Hostile faults on from the start (`--fault accept-and-drop`, repeatable). */
  faults?: HostileFault[];
  /** Start offline and go live after this many polls of the live page. */
  liveAfterPolls?: number;
}

/**
 * Runs the simulator until interrupted. The first stdout line is a JSON
 * object with the base URLs, so another process (a Deno or Bun test, a bot
 * under development) can point its client at it.
 */
export async function simulate(options: SimulateOptions, io: Io): Promise<number> {
  const sim = await startSimulator({
    ...(options.scenario ? { scenario: options.scenario } : {}),
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
    ...(options.speed !== undefined ? { speed: options.speed } : {}),
    ...(options.uniqueId ? { uniqueId: options.uniqueId } : {}),
    ...(options.faults?.length ? { faults: options.faults } : {}),
    ...(options.liveAfterPolls ? { offline: true, liveAfterPolls: options.liveAfterPolls } : {}),
  });
  io.out(
    JSON.stringify({
      ready: true,
      uniqueId: sim.uniqueId,
      roomId: sim.roomId,
      baseUrls: sim.baseUrls,
      scenario: options.scenario ?? null,
      faults: options.faults ?? [],
    }),
  );
  void sim.done.then(() => io.out(JSON.stringify({ done: true, messages: sim.log.length })));
  await new Promise<void>((resolve) => {
    const stop = io.onInterrupt(() => {
      stop();
      resolve();
    });
  });
  await sim.close();
  return ExitCode.ok;
}
