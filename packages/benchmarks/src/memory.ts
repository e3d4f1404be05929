import { getHeapSpaceStatistics } from "node:v8";
import { nodeWebSocketFactory, TikTokLiveClient, type WebSocketFactory } from "@tiktok-live/node";
import { allListeners, connectClient } from "./client-dispatch.js";
import type { Corpus } from "./corpus.js";
import { collect, EventCounter, nextTurn } from "./harness.js";
import type { RemoteSimulator } from "./simulator-process.js";

const heap = (): number => {
  collect();
  return process.memoryUsage().heapUsed;
};

/**
 * The cycle run connects one client 10,000 times in a few seconds; the per-client
 * sign budget (10 a minute by default) exists to stop exactly that against a real
 * sign server, so the benchmark lifts it to look for leaks instead.
 */
const unlimitedSigning = {
  maxSignRequestsPerMinute: Number.MAX_SAFE_INTEGER,
  maxSignRequestsPerHour: Number.MAX_SAFE_INTEGER,
};

/** A client as a bot would make one: Node's WebSocket (ws), fetch and zlib, one listener per event type. */
function realClient(
  sim: RemoteSimulator,
  webSocketFactory?: WebSocketFactory,
  reconnect: Partial<typeof unlimitedSigning> = {},
): TikTokLiveClient {
  const client = new TikTokLiveClient(`@${sim.uniqueId}`, {
    ...sim.clientOptions,
    reconnect,
    ...(webSocketFactory ? { webSocketFactory } : {}),
  });
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
  // Warm up past first-use costs (codecs, ws, fetch internals), whose transient garbage would otherwise
  // be collected during the measurement and hide the clients' own heap in a small run.
  for (let i = 0; i < 3; i++) {
    const warm = realClient(sim);
    await warm.connect();
    await warm.disconnect();
  }
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
  passes: number;
  /** Passes counted as warm-up (JIT, lazily grown tables); growth is measured after them. */
  warmupPasses: number;
  /** Heap after each pass over the corpus. */
  heapAfterPass: number[];
  /** Events dispatched in each pass: the same every pass, since no message is dropped as a repeat. */
  minEventsPerPass: number;
  maxEventsPerPass: number;
  msPerPass: number;
  /** Last sample minus the sample at the end of the warm-up. */
  growthBytes: number;
  /** Largest minus smallest sample after the warm-up. */
  spreadBytes: number;
}

/**
 * Heap of one client while it handles `passes` passes over the corpus, sampled
 * after each pass. The corpus is reused as is: its message ids repeat from one
 * pass to the next, but the dedupe only remembers the last 4,096 ids and a
 * pass holds far more, so a repeat is never seen as one and every frame is
 * fully decoded and dispatched every pass (the event counts per pass show it).
 */
export async function heapOverFrames(
  sim: RemoteSimulator,
  corpus: Corpus,
  passes: number,
  warmupPasses: number,
): Promise<FrameHeap> {
  const feed = await connectClient(sim, allListeners);
  const heapAfterPass: number[] = [];
  const events: number[] = [];
  let elapsed = 0;
  for (let p = 0; p < passes; p++) {
    const before = feed.counter.count;
    const t0 = performance.now();
    for (let i = 0; i < corpus.arrays.length; i++) {
      feed.deliver(corpus.arrays[i]!);
      // Synchronous gunzip: each frame is handled inside deliver; yield now and then all the same.
      if (i % 32 === 31) await nextTurn();
    }
    await nextTurn();
    elapsed += performance.now() - t0;
    events.push(feed.counter.count - before);
    heapAfterPass.push(heap());
  }
  await feed.client.disconnect();
  const settled = heapAfterPass.slice(Math.min(warmupPasses, passes - 1));
  return {
    frames: passes * corpus.arrays.length,
    passes,
    warmupPasses,
    heapAfterPass,
    minEventsPerPass: Math.min(...events),
    maxEventsPerPass: Math.max(...events),
    msPerPass: elapsed / passes,
    growthBytes: settled.at(-1)! - settled[0]!,
    spreadBytes: Math.max(...settled) - Math.min(...settled),
  };
}

export interface CycleHeap {
  cycles: number;
  warmup: number;
  msPerCycle: number;
  before: number;
  /** Heap after every `every` cycles. */
  every: number;
  checkpoints: number[];
  after: number;
  /** After minus before. */
  growthBytes: number;
  /** Growth over the second half of the cycles. */
  secondHalfGrowthBytes: number;
  /** Growth of V8's code space alone (compiled code), after minus before. */
  codeGrowthBytes: number;
  /** WebSockets the client opened during the measured cycles, and how many were still alive at the end. */
  sockets: number;
  socketsAlive: number;
}

const codeSpace = () =>
  getHeapSpaceStatistics()
    .filter((s) => s.space_name.startsWith("code"))
    .reduce((sum, s) => sum + s.space_used_size, 0);

/**
 * One client connecting to and disconnecting from the simulator `cycles` times (after a warm-up), heap
 * sampled `samples` times. Every WebSocket it opens is tracked with a FinalizationRegistry, so a
 * connection kept alive by something would show up as a socket that is never collected.
 */
export async function connectCycles(
  sim: RemoteSimulator,
  cycles: number,
  warmup: number,
  samples: number,
): Promise<CycleHeap> {
  const factory = nodeWebSocketFactory();
  let sockets = 0;
  let collected = 0;
  let tracking = false;
  const registry = new FinalizationRegistry<null>(() => {
    collected++;
  });
  const client = realClient(
    sim,
    async (request) => {
      const socket = await factory(request);
      if (tracking) {
        sockets++;
        registry.register(socket, null);
      }
      return socket;
    },
    unlimitedSigning,
  );
  for (let i = 0; i < warmup; i++) {
    await client.connect();
    await client.disconnect();
  }
  await nextTurn();
  const before = heap();
  const code0 = codeSpace();
  const checkpoints: number[] = [];
  const every = Math.max(1, Math.floor(cycles / samples));
  let elapsed = 0;
  tracking = true;
  for (let i = 0; i < cycles; i++) {
    const t0 = performance.now();
    await client.connect();
    await client.disconnect();
    elapsed += performance.now() - t0;
    if ((i + 1) % every === 0 || i === cycles - 1) {
      await nextTurn();
      checkpoints.push(heap());
    }
  }
  const after = checkpoints.at(-1)!;
  const codeGrowthBytes = codeSpace() - code0;
  // Let the last sockets finish closing, then give finalizers a few turns after collecting.
  await new Promise((resolve) => setTimeout(resolve, 100));
  for (let k = 0; k < 5; k++) {
    heap();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const mid = checkpoints[Math.floor((checkpoints.length - 1) / 2)]!;
  return {
    cycles,
    warmup,
    msPerCycle: elapsed / cycles,
    before,
    every,
    checkpoints,
    after,
    growthBytes: after - before,
    secondHalfGrowthBytes: after - mid,
    codeGrowthBytes,
    sockets,
    socketsAlive: sockets - collected,
  };
}
