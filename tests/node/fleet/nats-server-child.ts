// A process that starts a private nats-server, prints the server's pid and waits to be killed
// (nats-server-watchdog.test.ts kills it with SIGKILL, so none of its cleanup runs).
import { NatsServerProcess } from "../../shared/nats-server.js";

const server = await NatsServerProcess.start();
process.stdout.write(`${server.serverPid}\n`);
setInterval(() => {}, 60_000);
