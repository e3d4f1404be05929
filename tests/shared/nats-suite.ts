/**
 * The sink and consumer on Deno and Bun (built dist): a client watches the
 * e2e scenario, `publishEvents` puts its events on a private nats-server, and
 * `consumeEvents` reads the comments back as CommentEvent, once and in order.
 */
import { jetstream } from "@nats-io/jetstream";
import { connect } from "@nats-io/transport-node";
import { CommentEvent, TikTokLiveClient } from "../../packages/deno-bun/dist/index.js";
import { consumeEvents, deliveryOf, publishEvents } from "../../packages/nats/dist/index.js";
import { NatsServerProcess } from "./nats-server.ts";
import { startSimulatorProcess } from "./simulator-process.ts";

/** The comments of the e2e scenario, in order (the corrupt one is not a comment event). */
export const e2eComments = [
  "first!",
  "before the drop",
  "while you were away 1",
  "while you were away 2",
  "after the reconnect",
];

/** Returns the comments the consumer saw, as `room: text`. */
export async function natsRoundTrip(): Promise<string[]> {
  const server = await NatsServerProcess.start();
  const sim = await startSimulatorProcess("e2e");
  const nc = await connect({ servers: server.url });
  try {
    const js = jetstream(nc);
    const client = new TikTokLiveClient(`@${sim.uniqueId}`, { baseUrls: sim.baseUrls });
    const sink = await publishEvents(client, js);
    await client.run();
    await sink.close();
    const seen: string[] = [];
    for await (const e of consumeEvents(js, { durable: "runtime", events: [CommentEvent] })) {
      if (!(e instanceof CommentEvent)) throw new Error(`not a CommentEvent: ${e.constructor.name}`);
      seen.push(`${deliveryOf(e)?.uniqueId}: ${e.comment}`);
      if (seen.length === e2eComments.length) break;
    }
    return seen;
  } finally {
    await nc.close();
    sim.stop();
    await server.dispose();
  }
}
