/**
 * A private `nats-server -js` for a test: a free port, a temporary store
 * directory, killed afterwards. Never the development machine's server on 4222.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Runs the server under a shell that dies with this process: when our end of
 * its stdin closes (we exited, or were killed with SIGKILL and never ran a
 * cleanup) it stops the server, so no nats-server outlives its test or
 * benchmark. SIGTERM to the shell stops the server and waits for it, so the
 * port and store are free once the shell has exited.
 */
const tiedToParent = [
  // A background job's stdin is /dev/null unless redirected: keep ours on fd 3 for the reader.
  "exec 3<&0",
  '"$@" </dev/null 3<&- & server=$!',
  'echo "server pid $server" >&2',
  "trap 'kill -TERM $server 2>/dev/null; wait $server; exit 0' TERM INT",
  "(cat <&3 >/dev/null; kill -TERM $server 2>/dev/null) &",
  "wait $server",
].join("\n");

export class NatsServerProcess {
  #child: ChildProcess | undefined;
  #serverPid: number | undefined;
  private constructor(
    readonly port: number,
    readonly storeDir: string,
  ) {}

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<NatsServerProcess> {
    const storeDir = await mkdtemp(join(tmpdir(), "tiktok-live-nats-"));
    const server = new NatsServerProcess(await freePort(), storeDir);
    await server.restart();
    return server;
  }

  /** Starts the server (again, on the same port and store). */
  async restart(): Promise<void> {
    if (this.#child) await this.stop();
    const child = spawn(
      "sh",
      [
        "-c",
        tiedToParent,
        "nats-server-watchdog",
        "nats-server",
        "-js",
        "-a",
        "127.0.0.1",
        "-p",
        String(this.port),
        "-sd",
        this.storeDir,
      ],
      { stdio: ["pipe", "ignore", "pipe"] },
    );
    this.#child = child;
    // The shell may be gone when stop() closes its stdin.
    child.stdin?.on("error", () => {});
    await new Promise<void>((resolve, reject) => {
      let log = "";
      const timer = setTimeout(() => reject(new Error(`nats-server did not start:\n${log}`)), 20_000);
      child.once("error", (e) => {
        clearTimeout(timer);
        reject(e);
      });
      child.stderr?.on("data", (chunk: Buffer) => {
        log += chunk.toString();
        this.#serverPid ??= Number(/^server pid (\d+)$/m.exec(log)?.[1]) || undefined;
        if (log.includes("Server is ready")) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
  }

  /** The nats-server process id (not its watchdog shell's), once it started. */
  get serverPid(): number | undefined {
    return this.#serverPid;
  }

  /** Stops the server (SIGTERM, the store stays). */
  async stop(): Promise<void> {
    const child = this.#child;
    this.#child = undefined;
    this.#serverPid = undefined;
    if (!child) return;
    // Closing stdin also ends the watchdog's reader, which would otherwise wait for us to exit.
    child.stdin?.end();
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await exited;
  }

  async dispose(): Promise<void> {
    await this.stop();
    await rm(this.storeDir, { recursive: true, force: true });
  }
}
