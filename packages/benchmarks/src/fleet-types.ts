/** Shapes of the fleet benchmark's configuration and figures (shared by fleet-bench.ts and fleet-failover.ts). */

export interface FleetBenchConfig {
  throughput: { rooms: number; eventsPerRoom: number; runs: number };
  latency: { seconds: number; rooms: number; runs: number };
  failover: { leaseTtlMs: number; runs: number };
  scale: { rooms: number; workers: number; sampleSeconds: number };
}

export interface ThroughputRun {
  rooms: number;
  events: number;
  wallSeconds: number;
  cpuSeconds: number;
  eventsPerCpuSecond: number;
  eventsPerSecond: number;
}
export interface LatencyRun {
  rooms: number;
  samples: number;
  p50: number;
  p99: number;
  max: number;
  /** The process's event-loop delay while the rooms streamed (ms). */
  eventLoopDelayP99: number;
  eventLoopDelayMax: number;
  /** Longest GC pause (wall time, so it includes the process being descheduled). */
  gcPauseMax: number;
}
export interface FailoverRun {
  leaseTtlMs: number;
  /** From the kill to the room's next event at the consumer. */
  resumeMs: number;
  lost: number;
  doubled: number;
  outOfOrder: number;
}
export interface ScaleRun {
  rooms: number;
  workers: number;
  streaming: number;
  eventsPerSecond: number;
  /** CPU of all workers, in % of one core, while the rooms stream. */
  cpuPercent: number;
  cpuPercentPerRoom: number;
  rssMiB: number;
  /** Worker RSS over the same workers' RSS before they had rooms, per room. */
  rssKiBPerRoom: number;
}
export interface FleetFigures {
  natsServer: string;
  loadAverage: { before: number[]; after: number[] };
  throughput: ThroughputRun[];
  latency: LatencyRun[];
  failover: FailoverRun[];
  scale: ScaleRun | undefined;
}

export type FleetBenchResult = { skipped: string } | FleetFigures;
