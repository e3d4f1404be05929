import * as node from "@tiktok-live/node";
import { CommentEvent, type EventClass, TikTokLiveClient } from "@tiktok-live/node";
import type { Corpus } from "./corpus.js";
import { drive, nextTurn, type Variant } from "./harness.js";
import { busyStreamListeners } from "./listeners.js";
import { connectLoopback, type LoopbackClient } from "./loopback-socket.js";
import type { RemoteSimulator } from "./simulator-process.js";

/** One listener per event type the busy-stream mix produces. */
export const allListeners: EventClass[] = busyStreamListeners(node);
export const commentOnly: EventClass[] = [CommentEvent];

export type ConnectedClient = LoopbackClient<TikTokLiveClient>;

/**
 * A real TikTokLiveClient (from @tiktok-live/node, with its zlib gunzip)
 * connected through the simulator's HTTP routes, with a loopback socket.
 */
export function connectClient(sim: RemoteSimulator, listeners: EventClass[]): Promise<ConnectedClient> {
  return connectLoopback(
    (webSocketFactory) =>
      new TikTokLiveClient(`@${sim.uniqueId}`, { ...sim.clientOptions, webSocketFactory }),
    listeners,
  );
}

/** Cumulative events after each frame, measured by settling after every frame (gunzip is synchronous). */
async function calibrate(sim: RemoteSimulator, corpus: Corpus, listeners: EventClass[]): Promise<number[]> {
  const feed = await connectClient(sim, listeners);
  const expected: number[] = [];
  for (const frame of corpus.arrays) {
    feed.deliver(frame);
    await nextTurn();
    expected.push(feed.counter.count);
  }
  await feed.client.disconnect();
  return expected;
}

/** Our client, one fresh connected client per sample (its dedupe must not see the corpus twice). */
export async function clientVariant(
  name: string,
  sim: RemoteSimulator,
  corpus: Corpus,
  listeners: EventClass[],
  inFlight: number,
): Promise<Variant & { expected: number[] }> {
  const expected = await calibrate(sim, corpus, listeners);
  let feed: ConnectedClient | undefined;
  return {
    name,
    expected,
    async prepare() {
      feed = await connectClient(sim, listeners);
    },
    run: () => drive(feed!, corpus.arrays, expected, inFlight),
    async cleanup() {
      await feed!.client.disconnect();
      feed = undefined;
    },
  };
}
