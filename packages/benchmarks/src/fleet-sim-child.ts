// Simulator rooms for the fleet benchmarks, in their own process so their CPU does not count against
// the sink's. argv: rooms, messages per room, messages per frame, ms between frames. Each room streams
// its busy-stream load once a client enters. Prints one JSON line (the rooms), exits when stdin closes.
import { scenario, startSimulator } from "@tiktok-live/testkit";

const [rooms, count, perBatch, intervalMs] = process.argv.slice(2).map(Number) as [
  number,
  number,
  number,
  number,
];
const sims = await Promise.all(
  Array.from({ length: rooms }, (_, i) =>
    startSimulator({
      uniqueId: `bench_room_${i}`,
      roomId: String(7_300_000_000_000_000_000n + BigInt(i)),
      heartbeatTimeoutMs: 120_000,
      scenario: scenario(`fleet-bench-${i}`).load(count, { perBatch, intervalMs }).build(),
    }),
  ),
);
process.stdout.write(
  `${JSON.stringify(sims.map((s) => ({ uniqueId: s.uniqueId, roomId: s.roomId, clientOptions: s.clientOptions() })))}\n`,
);
process.stdin.resume();
process.stdin.on("end", () => {
  void Promise.all(sims.map((s) => s.close())).then(() => process.exit(0));
});
