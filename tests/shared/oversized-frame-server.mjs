// Run by oversized-frame-process.ts under Node: the simulator, which sends one
// frame of argv[2] bytes to the first client that enters the room.
import { startSimulator } from "@tiktok-live/testkit";

const bytes = Number(process.argv[2]);
const sim = await startSimulator();
process.stdout.write(`${JSON.stringify({ baseUrls: sim.baseUrls, uniqueId: sim.uniqueId })}\n`);
await sim.waitForClient(60_000);
sim.sendRaw(new Uint8Array(bytes).fill(7));
process.on("SIGTERM", () => void sim.close().then(() => process.exit(0)));
