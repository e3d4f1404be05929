import { TikTokLiveClient } from "@tiktok-live/node";
import { allListeners, connectClient } from "./client-dispatch.js";
import type { Corpus } from "./corpus.js";
import { collect, EventCounter, nextTurn } from "./harness.js";
import type { RemoteSimulator } from "./simulator-process.js";

const heap = (): number => {
  collect();
  return process.memoryUsage().heapUsed;
};

/** A client as a bot would make one: Node's WebSocket (ws), fetch and zlib, one listener per event type. */
function realClient(sim: RemoteSimulator): TikTokLiveClient {
  const client = new TikTokLiveClient(`@${sim.uniqueId}`, sim.clientOptions);
  const counter = new EventCounter();
  for (const cls of allListeners) client.on(cls, counter.handler);
  return client;
}

export interface IdleHeap {
  clients: number;
  bytesPerClient: number;
}

/** Heap of idle connected clients (real WebSockets to the simulator process), per client. */
export async function idleClientHeap(sim: RemoteSimulator, clients: number): Promise<IdleHeap> {
  const warm = realClient(sim);
  await warm.connect();
  await warm.disconnect();
  const before = heap();
  const connected: TikTokLiveClient[] = [];
  for (let i = 0; i < clients; i++) {
    const client = realClient(sim);
    await client.connect();
    connected.push(client);
  }
  await nextTurn();
  const after = heap();
  for (const client of connected) await client.disconnect();
  return { clients, bytesPerClient: (after - before) / clients };
}

export interface FrameHeap {
  frames: number;
  /** Heap after each pass over the corpus (the first is the warm-up). */
  heapAfterPass: number[];
  /** Last pass minus first pass. */
  growthBytes: number;
}

/** Heap of one client while it handles `passes` passes over the corpus. */
export async function heapOverFrames(
  sim: RemoteSimulator,
  corpus: Corpus,
  passes: number,
): Promise<FrameHeap> {
  const feed = await connectClient(sim, allListeners);
  const heapAfterPass: number[] = [];
  for (let p = 0; p < passes; p++) {
    for (let i = 0; i < corpus.arrays.length; i++) {
      feed.deliver(corpus.arrays[i]!);
      // Synchronous gunzip: one turn settles every frame delivered so far.
      if (i % 32 === 31) await nextTurn();
    }
    await nextTurn();
    heapAfterPass.push(heap());
  }
  await feed.client.disconnect();
  return {
    frames: passes * corpus.arrays.length,
    heapAfterPass,
    growthBytes: heapAfterPass.at(-1)! - heapAfterPass[0]!,
  };
}

export interface CycleHeap {
  cycles: number;
  warmup: number;
  msPerCycle: number;
  before: number;
  /** Heap after each quarter of the cycles. */
  checkpoints: number[];
  after: number;
  growthBytes: number;
}

/** One client connecting to and disconnecting from the simulator `cycles` times (after a warm-up). */
export async function connectCycles(
  sim: RemoteSimulator,
  cycles: number,
  warmup: number,
): Promise<CycleHeap> {
  const client = realClient(sim);
  for (let i = 0; i < warmup; i++) {
    await client.connect();
    await client.disconnect();
  }
  await nextTurn();
  const before = heap();
  const checkpoints: number[] = [];
  const quarter = Math.max(1, Math.floor(cycles / 4));
  let elapsed = 0;
  for (let i = 0; i < cycles; i++) {
    const t0 = performance.now();
    await client.connect();
    await client.disconnect();
    elapsed += performance.now() - t0;
    if ((i + 1) % quarter === 0 || i === cycles - 1) {
      await nextTurn();
      checkpoints.push(heap());
    }
  }
  const after = checkpoints.at(-1)!;
  return {
    cycles,
    warmup,
    msPerCycle: elapsed / cycles,
    before,
    checkpoints,
    after,
    growthBytes: after - before,
  };
}
