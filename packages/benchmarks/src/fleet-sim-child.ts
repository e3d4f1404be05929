// A simulator streaming `count` busy-stream messages, `perBatch` every `intervalMs` (argv), once a client enters.
import { scenario, startSimulator } from "@tiktok-live/testkit";

const [count, perBatch, intervalMs] = process.argv.slice(2).map(Number) as [number, number, number];
const sim = await startSimulator({
  scenario: scenario("fleet-bench").load(count, { perBatch, intervalMs }).build(),
});
process.stdout.write(
  `${JSON.stringify({ uniqueId: sim.uniqueId, roomId: sim.roomId, clientOptions: sim.clientOptions() })}\n`,
);
process.stdin.resume();
process.stdin.on("end", () => {
  void sim.close().then(() => process.exit(0));
});
