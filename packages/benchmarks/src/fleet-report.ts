/** The fleet suite's configuration for `pnpm bench` and its section of docs/benchmarks.md. */
import type { FleetBenchConfig, FleetBenchResult } from "./fleet-bench.js";

export function fleetConfig(smoke: boolean): FleetBenchConfig {
  return smoke
    ? {
        throughput: { rooms: 2, eventsPerRoom: 200, runs: 1 },
        latency: { seconds: 1, rooms: 20, runs: 0 },
        failover: { leaseTtlMs: 3_000, runs: 0 },
        scale: { rooms: 0, workers: 4, sampleSeconds: 5 },
      }
    : {
        throughput: { rooms: 50, eventsPerRoom: 4_000, runs: 3 },
        latency: { seconds: 10, rooms: 20, runs: 3 },
        failover: { leaseTtlMs: 3_000, runs: 2 },
        scale: { rooms: 1_000, workers: 4, sampleSeconds: 20 },
      };
}

const range = (values: number[], digits = 0): string => {
  if (values.length === 0) return "not run";
  const lo = Math.min(...values).toFixed(digits);
  const hi = Math.max(...values).toFixed(digits);
  return lo === hi ? lo : `${lo}–${hi}`;
};

/** The "Fleet on NATS JetStream" section, or one line saying why it was skipped. */
export function fleetMarkdown(result: FleetBenchResult): string {
  if ("skipped" in result) return `\n## Fleet on NATS JetStream (issue 15)\n\nSkipped: ${result.skipped}.\n`;
  const t = result.throughput;
  const l = result.latency;
  const f = result.failover;
  const s = result.scale;
  const lines = [
    "",
    "## Fleet on NATS JetStream (issue 15)",
    "",
    `${result.natsServer}, a private server per run; the suite runs in a Node process of its own (src/fleet-sink.ts, also \`pnpm --filter @tiktok-live/benchmarks run bench:fleet\`), so its CPU and pauses are the fleet's alone; load average ${result.loadAverage.before.join(" / ")} before, ${result.loadAverage.after.join(" / ")} after (the machine is shared, so figures are noisy; ranges over the runs).`,
    "",
    "| Measure | Target | Result |",
    "| --- | --- | --- |",
    `| Sink throughput, events per CPU-second of the client + sink process (${t[0]?.rooms ?? 0} rooms, ${t.length} runs) | ≥ 50,000 | ${range(t.map((r) => r.eventsPerCpuSecond))} (wall: ${range(t.map((r) => r.eventsPerSecond))} events/s) |`,
    `| End-to-end latency at 2,000 events/s, message built → consumer loop body, p99 (${l[0]?.rooms ?? "-"} rooms, ${l.length} runs) | < 100 ms | ${range(l.map((r) => r.p99))} ms (p50 ${range(l.map((r) => r.p50))} ms; event-loop delay p99 ${range(l.map((r) => r.eventLoopDelayP99))} ms, longest GC pause ${range(l.map((r) => r.gcPauseMax))} ms) |`,
    `| Failover: kill -9 → the room's next event at the consumer (lease TTL ${f[0]?.leaseTtlMs ?? "-"} ms, ${f.length} runs) | ≤ TTL + 5 s | ${range(f.map((r) => r.resumeMs))} ms; lost ${range(f.map((r) => r.lost))}, doubled ${range(f.map((r) => r.doubled))}, out of order ${range(f.map((r) => r.outOfOrder))} |`,
    s
      ? `| ${s.rooms} rooms over ${s.workers} workers (${s.streaming} streaming, ${s.eventsPerSecond.toFixed(0)} events/s) | CPU and memory per room | ${s.cpuPercentPerRoom.toFixed(3)} % of a core and ${s.rssKiBPerRoom.toFixed(0)} KiB RSS per room (${s.cpuPercent.toFixed(0)} % and ${s.rssMiB.toFixed(0)} MiB in all) |`
      : "| Many rooms over 4 workers | CPU and memory per room | not run |",
    "",
  ];
  return lines.join("\n");
}
