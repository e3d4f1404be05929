/**
 * `tiktok-live fleet tail [--json]` as a user runs it: the built CLI in a child
 * process against a private nats-server, while a sink publishes a simulator
 * room. Both views must show the room's events as they arrive, in order.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { type JetStreamClient, jetstream } from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { type EventSink, ensureEventStream, publishEvents } from "@tiktok-live/nats";
import { CommentEvent, TikTokLiveClient } from "@tiktok-live/node";
import { type Simulator, scenario, startSimulator } from "@tiktok-live/testkit";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { NatsServerProcess } from "../../shared/nats-server.js";

const cli = fileURLToPath(new URL("../../../packages/cli/dist/cli.js", import.meta.url));

class Tail {
  readonly child: ChildProcess;
  stdout = "";
  stderr = "";
  constructor(url: string, json: boolean) {
    this.child = spawn(process.execPath, [cli, "fleet", "tail", "--nats", url, ...(json ? ["--json"] : [])], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NO_COLOR: "1" },
    });
    this.child.stdout!.on("data", (c: Buffer) => {
      this.stdout += c.toString();
    });
    this.child.stderr!.on("data", (c: Buffer) => {
      this.stderr += c.toString();
    });
  }
  get lines(): string[] {
    return this.stdout.split("\n").filter((l) => l !== "");
  }
  async stop(): Promise<number | null> {
    if (this.child.exitCode !== null) return this.child.exitCode;
    const exited = new Promise<number | null>((r) => this.child.once("exit", (code) => r(code)));
    this.child.kill("SIGINT");
    return exited;
  }
}

let server: NatsServerProcess;
let nc: NatsConnection;
let js: JetStreamClient;
let sim: Simulator | undefined;
let sink: EventSink | undefined;
let tails: Tail[] = [];

beforeEach(async () => {
  server = await NatsServerProcess.start();
  nc = await connect({ servers: server.url });
  js = jetstream(nc);
}, 30_000);

afterEach(async () => {
  await Promise.all(tails.map((t) => t.stop()));
  tails = [];
  await sink?.close({ flush: false });
  await sim?.close();
  await nc?.close();
  await server?.dispose();
}, 30_000);

describe("fleet tail", () => {
  it("prints the fleet's new events as JSON lines (--json) and as readable lines, in order", async () => {
    // History: a message in the stream before the tails start. It is not an event envelope, so a
    // tail that read the history would fail on it instead of exiting cleanly at the end.
    await ensureEventStream(js);
    await js.publish("tiktok.tail-room.comment", new Uint8Array([9, 9]));

    const json = new Tail(server.url, true);
    const human = new Tail(server.url, false);
    tails = [json, human];
    await expect.poll(() => json.stderr + human.stderr, { timeout: 15_000 }).toMatch(/tailing[\s\S]*tailing/);

    const b = scenario("tail").wait(10);
    for (let i = 0; i < 5; i++) b.comment("bob_builds", `tail comment ${i}`);
    b.gift("alice.streams", "Rose").likes("carol_likes", 3, 30);
    sim = await startSimulator({ uniqueId: "tail.room", scenario: b.end().build(), speed: 0 });
    const client = new TikTokLiveClient("tail.room", { baseUrls: sim.baseUrls });
    sink = await publishEvents(client, js);
    await client.run();
    await sink.flush();

    await expect
      .poll(() => json.lines.filter((l) => l.includes('"comment"')).length, { timeout: 15_000 })
      .toBe(5);
    const objects = json.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    // Every line is one event of the room, with its event name and fields.
    for (const o of objects) expect(o.room).toBe("tail.room");
    const comments = objects.filter((o) => o.event === CommentEvent.eventName);
    // The event's own JSON: its proto fields under `data`.
    expect(comments.map((o) => (o.data as { content: string }).content)).toEqual(
      [0, 1, 2, 3, 4].map((i) => `tail comment ${i}`),
    );
    expect(comments[0]).toMatchObject({ method: "WebcastChatMessage" });
    expect(JSON.stringify(comments[0])).toContain("bob_builds");
    await expect.poll(() => json.lines.some((l) => l.includes('"event":"like"'))).toBe(true);
    expect(json.lines.some((l) => l.includes('"event":"gift"'))).toBe(true);

    // The readable view: the room in front, then the watch view's line.
    await expect
      .poll(() => human.lines.filter((l) => l.includes("tail comment")).length, { timeout: 15_000 })
      .toBe(5);
    const said = human.lines.filter((l) => l.includes("tail comment"));
    said.forEach((line, i) => {
      expect(line).toMatch(new RegExp(`^@tail\\.room\\s+💬 .+: tail comment ${i}$`));
    });
    expect(human.lines.some((l) => /^@tail\.room\s+🎁 .*Rose/.test(l))).toBe(true);
    expect(human.stdout).not.toContain("{");

    // Ctrl-C: both stop cleanly and remove their consumers.
    expect(await json.stop()).toBe(0);
    expect(await human.stop()).toBe(0);
    const jsm = await js.jetstreamManager();
    const left = [];
    for await (const c of jsm.consumers.list("TIKTOK_LIVE")) left.push(c.name);
    expect(left).toEqual([]);
  }, 90_000);
});
