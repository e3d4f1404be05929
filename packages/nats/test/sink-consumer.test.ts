import { type JetStreamClient, jetstream } from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import {
  type BaseEvent,
  CommentEvent,
  type ConnectEvent,
  type DecodeErrorEvent,
  FollowEvent,
  type GiftEvent,
  SocialEvent,
  TikTokLiveClient,
  type UnknownEvent,
} from "@tiktok-live/node";
import { scenario, startSimulator } from "@tiktok-live/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NatsServerProcess } from "../../../tests/shared/nats-server.js";
import { consumeEvents, deliveryOf, publishEvents, SinkOverflowError } from "../src/index.js";

let server: NatsServerProcess;
let nc: NatsConnection;
let js: JetStreamClient;
let streamNo = 0;

beforeAll(async () => {
  server = await NatsServerProcess.start();
  nc = await connect({ servers: server.url, maxReconnectAttempts: -1, reconnectTimeWait: 100 });
  js = jetstream(nc);
}, 30_000);

afterAll(async () => {
  await nc?.close();
  await server?.dispose();
});

/** Each test its own stream and prefix, so they cannot see each other's events. */
function names() {
  streamNo++;
  return { stream: `T${streamNo}`, subjectPrefix: `t${streamNo}` };
}

async function take(iter: AsyncGenerator<BaseEvent>, n: number): Promise<BaseEvent[]> {
  const out: BaseEvent[] = [];
  if (n === 0) return out;
  for await (const e of iter) {
    out.push(e);
    if (out.length === n) break;
  }
  return out;
}

async function streamRoom(uniqueId: string, roomId: string, build: (b: ReturnType<typeof scenario>) => void) {
  const b = scenario(uniqueId).wait(10);
  build(b);
  const sim = await startSimulator({ uniqueId, roomId, scenario: b.end().build(), speed: 0 });
  const client = new TikTokLiveClient(uniqueId, { baseUrls: sim.baseUrls });
  return { sim, client };
}

describe("publishEvents + consumeEvents", () => {
  it("carries proto, derived, unknown and lifecycle events to a consumer as the same classes, once", async () => {
    const n = names();
    const { sim, client } = await streamRoom("alice.streams", "7100000000000000001", (b) =>
      b.comment("bob_builds", "hello").gift("carol", "Rose").follow("erin_").unknown("WebcastNewThing"),
    );
    const sink = await publishEvents(client, js, n);
    await client.run();
    await sink.flush();
    await sink.close();
    const events = await take(consumeEvents(js, { ...n, durable: "all" }), 7);
    const summary = events.map((e) => `${e.constructor.name}:${e.eventName}`);
    expect(summary).toEqual([
      "ConnectEvent:connect",
      "CommentEvent:comment",
      "GiftEvent:gift",
      "SocialEvent:social",
      "FollowEvent:follow",
      "UnknownEvent:unknown",
      "ControlEvent:control",
    ]);
    expect((events[1] as CommentEvent).comment).toBe("hello");
    expect((events[2] as GiftEvent).data.gift?.name).toBe("Rose");
    expect(events[4]).toBeInstanceOf(FollowEvent);
    expect(events[4]).toBeInstanceOf(SocialEvent);
    expect((events[5] as UnknownEvent).method).toBe("WebcastNewThing");
    expect((events[0] as ConnectEvent).roomId).toBe("7100000000000000001");
    expect(deliveryOf(events[1]!)).toMatchObject({
      uniqueId: "alice.streams",
      roomId: "7100000000000000001",
      subject: `${n.subjectPrefix}.alice-streams.comment`,
    });
    expect(sink.stats.published).toBeGreaterThanOrEqual(8);
    expect(sink.stats.overflowed).toBe(0);
    await sim.close();
  });

  it("forwards a payload that does not decode; the consumer hands it out as DecodeErrorEvent or reports it", async () => {
    const n = names();
    const { sim, client } = await streamRoom("bad_room", "7100000000000000005", (b) =>
      b.comment("bob_builds", "before").corruptMessage("WebcastChatMessage").comment("bob_builds", "after"),
    );
    const sink = await publishEvents(client, js, { ...n, events: [CommentEvent] });
    await client.run();
    await sink.close();
    expect(sink.stats.published).toBe(3);
    // Asked for comments only: the bad one is reported, the loop body never sees it.
    const errors: Error[] = [];
    const comments = await take(
      consumeEvents(js, { ...n, durable: "c", events: [CommentEvent], onError: (e) => errors.push(e) }),
      2,
    );
    expect(comments.map((e) => (e as CommentEvent).comment)).toEqual(["before", "after"]);
    expect(errors.map((e) => e.name)).toEqual(["DecodeError"]);
    // Asked for everything: it comes in its place as a DecodeErrorEvent with the bytes.
    const all = await take(consumeEvents(js, { ...n, durable: "all" }), 3);
    expect(all.map((e) => e.constructor.name)).toEqual(["CommentEvent", "DecodeErrorEvent", "CommentEvent"]);
    expect((all[1] as DecodeErrorEvent).method).toBe("WebcastChatMessage");
    await sim.close();
  });

  it("drops an event republished with the same room and message id (a second worker's replay)", async () => {
    const n = names();
    const { sim, client } = await streamRoom("dup_room", "7100000000000000002", (b) => {
      for (let i = 0; i < 20; i++) b.comment("bob_builds", `c${i}`);
    });
    const first = await publishEvents(client, js, { ...n, events: [CommentEvent] });
    await client.run();
    await first.close();
    sim.state.status = 2; // the scenario ended the LIVE; the second client reads its log again
    // A second client reads the same log from the simulator's start (resume cursor sim-0).
    const second = new TikTokLiveClient("dup_room", {
      baseUrls: sim.baseUrls,
      roomId: sim.roomId,
      checkLiveOnConnect: false,
    });
    second.resumeFrom(sim.cursorAt(0));
    const replay = await publishEvents(second, js, { ...n, events: [CommentEvent], skipStreamSetup: true });
    await second.connect();
    await replay.flush();
    await second.disconnect();
    await replay.close();
    expect(replay.stats.published).toBe(20);
    expect(replay.stats.duplicates).toBe(20);
    const texts = (await take(consumeEvents(js, { ...n, durable: "d", events: [CommentEvent] }), 20)).map(
      (e) => (e as CommentEvent).comment,
    );
    expect(texts).toEqual(Array.from({ length: 20 }, (_, i) => `c${i}`));
    const info = await (await js.jetstreamManager()).streams.info(n.stream);
    expect(info.state.messages).toBe(20);
    await sim.close();
  });

  it("a consumer restarted with the same durable name resumes where it stopped, in order", async () => {
    const n = names();
    const { sim, client } = await streamRoom("restart_room", "7100000000000000003", (b) => {
      for (let i = 0; i < 50; i++) b.comment("bob_builds", `m${i}`);
    });
    const sink = await publishEvents(client, js, { ...n, events: [CommentEvent] });
    await client.run();
    await sink.close();
    const first = (
      await take(consumeEvents(js, { ...n, durable: "r", batch: 16, ackWaitSeconds: 2 }), 17)
    ).map((e) => (e as CommentEvent).comment);
    const rest = (
      await take(consumeEvents(js, { ...n, durable: "r", batch: 16, ackWaitSeconds: 2 }), 33)
    ).map((e) => (e as CommentEvent).comment);
    expect([...first, ...rest]).toEqual(Array.from({ length: 50 }, (_, i) => `m${i}`));
    await sim.close();
  });

  it("buffers while NATS is away, overflows with a typed error and a count, and delivers the rest once", async () => {
    const n = names();
    const sim = await startSimulator({ uniqueId: "away_room", roomId: "7100000000000000004" });
    const client = new TikTokLiveClient("away_room", { baseUrls: sim.baseUrls });
    const errors: Error[] = [];
    const sink = await publishEvents(client, js, {
      ...n,
      events: [CommentEvent],
      bufferSize: 30,
      ackTimeoutMs: 500,
      onError: (e) => errors.push(e),
    });
    await client.connect();
    await sim.waitForClient();
    const { chat, userByName } = await import("@tiktok-live/testkit");
    const bob = userByName("bob_builds");
    for (let i = 0; i < 10; i++) sim.send(chat(bob, `before${i}`));
    await expect.poll(() => sink.stats.published).toBe(10);
    await server.stop();
    for (let i = 0; i < 40; i++) sim.send(chat(bob, `away${i}`));
    await expect.poll(() => sink.stats.overflowed, { timeout: 10_000 }).toBe(10);
    expect(errors.filter((e) => e instanceof SinkOverflowError)).toHaveLength(10);
    await server.restart();
    await sink.flush();
    await client.disconnect();
    await sink.close();
    const texts = (await take(consumeEvents(js, { ...n, durable: "a" }), 40)).map(
      (e) => (e as CommentEvent).comment,
    );
    expect(texts).toEqual([
      ...Array.from({ length: 10 }, (_, i) => `before${i}`),
      ...Array.from({ length: 30 }, (_, i) => `away${i}`),
    ]);
    expect(sink.stats.retries).toBeGreaterThan(0);
    await sim.close();
  }, 40_000);
});
