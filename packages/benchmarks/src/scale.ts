import { runFresh } from "./fresh-process.js";

/**
 * Scale: N concurrent clients in one process against one simulator process.
 * The clients run in a fresh process of their own (scale-clients.ts), so the
 * process CPU and heap are theirs alone; the simulator runs in a child of
 * that process. Each client's stream runs at a steady rate; every message's
 * createTime is the moment the simulator built its frame, and each handler
 * records Date.now() − createTime (same machine, same clock; ms resolution).
 */
export interface ScaleConfig {
  clients: number;
  /** Clients connecting at once while setting up. */
  connectConcurrency: number;
  /** Frames per client and mode, one every intervalMs. */
  frames: number;
  intervalMs: number;
  messagesPerFrame: number;
  modes: Array<"staggered" | "broadcast">;
}

export interface ScaleModeFigures {
  mode: "staggered" | "broadcast";
  sessions: number;
  messagesPerClient: number;
  clientsWithEveryMessage: number;
  minMessagesPerClient: number;
  maxMessagesPerClient: number;
  messages: number;
  seconds: number;
  messagesPerSecond: number;
  cpuUs: number;
  /** Client process CPU (user + system) over wall time: 1 = one core busy. */
  cpuShareOfOneCore: number;
  cpuUsPerMessage: number;
  simulatorCpuShareOfOneCore: number;
  /** How late the simulator's sends ran behind their schedule at worst. */
  simulatorMaxLagMs: number;
  /** The simulator's longest tick (building frames and writing them to every due socket). */
  simulatorMaxTickMs: number;
  latencyMs: { p50: number; p99: number; max: number; mean: number };
  /** The latency distribution: [quantile, ms] from p10 to the maximum (quantile 1). */
  latencyQuantilesMs: Array<[number, number]>;
}

export interface ScaleFigures {
  config: ScaleConfig;
  clients: number;
  connectSeconds: number;
  disconnectSeconds: number;
  /** heapUsed added by the connected, idle clients, per client. */
  heapPerClient: number;
  /** `external` memory (ArrayBuffers, sockets' buffers) added per client. */
  outsideHeapPerClient: number;
  heapPerClientAfterStreaming: number;
  outsideHeapPerClientAfterStreaming: number;
  modes: ScaleModeFigures[];
}

export function scale(config: ScaleConfig): Promise<ScaleFigures> {
  return runFresh<ScaleFigures>("scale-clients.ts", config);
}
