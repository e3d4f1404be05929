// Runs a simulator until stdin closes; prints its connection details as one JSON line.
import { startSimulator } from "@tiktok-live/testkit";

const sim = await startSimulator();
process.stdout.write(
  `${JSON.stringify({ uniqueId: sim.uniqueId, roomId: sim.roomId, clientOptions: sim.clientOptions() })}\n`,
);
process.stdin.resume();
process.stdin.on("end", () => {
  void sim.close().then(() => process.exit(0));
});
