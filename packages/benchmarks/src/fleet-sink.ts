/**
 * `pnpm --filter @tiktok-live/benchmarks run bench:fleet`: the fleet suite on
 * its own (`pnpm bench` runs this file in a fresh process too, see
 * `fleetInFreshProcess`). FLEET_BENCH_PARTS=sink,latency,failover,scale picks
 * parts; FLEET_BENCH_ROOMS sets the rooms of the scale part; FLEET_BENCH_SMOKE=1
 * the smoke configuration. The last line of stdout is the figures as JSON.
 */
import { runFleetBench } from "./fleet-bench.js";
import { fleetConfig } from "./fleet-report.js";

const parts = new Set((process.env.FLEET_BENCH_PARTS ?? "sink,latency,failover,scale").split(","));
const config = fleetConfig(process.env.FLEET_BENCH_SMOKE === "1");
if (!parts.has("sink")) config.throughput.runs = 0;
if (!parts.has("latency")) config.latency.runs = 0;
if (process.env.FLEET_BENCH_ROOMS) config.scale.rooms = Number(process.env.FLEET_BENCH_ROOMS);
const result = await runFleetBench(config, (l) => console.log(l), {
  failover: parts.has("failover"),
  scale: parts.has("scale"),
});
console.log(JSON.stringify(result));
process.exit(0);
