/**
 * Pieces of the fleet tests: simulator rooms with scripted streams, worker
 * processes (the built CLI's `fleet worker`) and a consumer that records what
 * it sees per room.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { JetStreamClient } from "@nats-io/jetstream";
import { CommentEvent } from "@tiktok-live/core";
import { consumeEvents, deliveryOf } from "@tiktok-live/nats";
import { type Simulator, scenario, startSimulator } from "@tiktok-live/testkit";

const cli = fileURLToPath(new URL("../../../packages/cli/dist/cli.js", import.meta.url));

/** A room streaming `count` comments `r<i>-<k>`, one every `intervalMs`, once a client enters. */
export async function scriptedRoom(i: number, count: number, intervalMs: number): Promise<Simulator> {
  const b = scenario(`fleet_room_${i}`).wait(intervalMs);
  for (let k = 0; k < count; k++) b.comment("bob_builds", `r${i}-${k}`).wait(intervalMs);
  return startSimulator({
    uniqueId: `fleet.room_${i}`,
    roomId: String(7_200_000_000_000_000_000n + BigInt(i)),
    scenario: b.build(),
  });
}

export const expectedTexts = (i: number, count: number): string[] =>
  Array.from({ length: count }, (_, k) => `r${i}-${k}`);

export class WorkerProcess {
  readonly child: ChildProcess;
  output = "";
  constructor(
    readonly id: string,
    natsUrl: string,
    leaseTtlMs: number,
  ) {
    this.child = spawn(
      process.execPath,
      [
        cli,
        "fleet",
        "worker",
        "--nats",
        natsUrl,
        "--worker-id",
        id,
        "--lease-ttl",
        String(leaseTtlMs),
        "--poll",
        "300",
        "--budget",
        "400",
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    const keep = (c: Buffer) => {
      this.output = (this.output + c.toString()).slice(-20_000);
    };
    this.child.stdout!.on("data", keep);
    this.child.stderr!.on("data", keep);
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  async kill(signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
    if (!this.alive) return;
    const exited = new Promise((r) => this.child.once("exit", r));
    this.child.kill(signal);
    await exited;
  }
}

/** Records every comment per room, in the order consumed; restartable with the same durable name. */
export class RecordingConsumer {
  readonly seen = new Map<string, string[]>();
  #stop: AbortController | undefined;
  #running: Promise<void> | undefined;
  error: unknown;

  constructor(
    private readonly js: JetStreamClient,
    private readonly durable: string,
  ) {}

  start(): void {
    const stop = new AbortController();
    this.#stop = stop;
    this.#running = (async () => {
      try {
        for await (const e of consumeEvents(this.js, {
          durable: this.durable,
          events: [CommentEvent],
          signal: stop.signal,
          ackWaitSeconds: 3,
        })) {
          const room = deliveryOf(e)!.uniqueId;
          const list = this.seen.get(room) ?? [];
          list.push((e as CommentEvent).comment);
          this.seen.set(room, list);
        }
      } catch (error) {
        this.error = error;
      }
    })();
  }

  async stop(): Promise<void> {
    this.#stop?.abort();
    await this.#running;
  }

  count(room: string): number {
    return this.seen.get(room)?.length ?? 0;
  }
}
