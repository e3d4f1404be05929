// Run by hostile-simulator-process.ts under Node. argv[2] picks the misbehaviour:
//   "oversized-frame <bytes>": one frame of that size to the first client that enters the room;
//   "foreign-push": the sign server names a push server on another local port (which records handshakes).
import { createServer } from "node:http";
import { startSimulator } from "@tiktok-live/testkit";

const [mode, arg] = process.argv.slice(2);
const sim = await startSimulator();
const ready = { baseUrls: sim.baseUrls, uniqueId: sim.uniqueId };
if (mode === "foreign-push") {
  const foreign = createServer((_req, res) => res.end());
  foreign.on("upgrade", (_req, socket) => {
    process.stderr.write("foreign host received a handshake\n");
    socket.destroy();
  });
  await new Promise((resolve) => foreign.listen(0, "127.0.0.1", resolve));
  const port = foreign.address().port;
  sim.state.pushServerUrl = () => `ws://127.0.0.1:${port}/webcast/im/push/v2/`;
  ready.foreignHost = `127.0.0.1:${port}`;
}
process.stdout.write(`${JSON.stringify(ready)}\n`);
process.on("SIGTERM", () => void sim.close().then(() => process.exit(0)));
if (mode === "oversized-frame") {
  await sim.waitForClient(60_000);
  sim.sendRaw(new Uint8Array(Number(arg)).fill(7));
}
