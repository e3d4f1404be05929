import { nodeGunzip } from "@tiktok-live/node";
import { createEvent, type ProtoEvent, ProtoMessageFetchResult, WebcastPushFrame } from "@tiktok-live/proto";
import * as codecs from "@tiktok-live/proto/codecs";
import type { Corpus } from "./corpus.js";

/**
 * What a kept event retains: `count` events of the kinds a bot typically keeps
 * (comments, gifts, joins), each read as a handler would (top-level fields and
 * the user's nickname), held in an array while the stream goes on. Lazy: the
 * client's events (their payload copy, in a shared slab or alone, and what was
 * decoded). Eager: a payload copy of its own and the message decoded eagerly,
 * as before nested messages were decoded on first read. Heap is
 * `heapUsed + arrayBuffers` after a full GC.
 */
export interface Retained {
  count: number;
  lazyBytesPerEvent: number;
  eagerBytesPerEvent: number;
  ratio: number;
  /**
   * The same with only one event kept per frame: the worst case for events
   * sharing buffers (each kept event holds a shared buffer on its own).
   */
  sparseLazyBytesPerEvent: number;
  sparseEagerBytesPerEvent: number;
  sparseRatio: number;
}

const kept = new Set(["WebcastChatMessage", "WebcastGiftMessage", "WebcastMemberMessage"]);

function heap(): number {
  for (let i = 0; i < 3; i++) (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

function keep(
  corpus: Corpus,
  count: number,
  make: (method: string, payload: Uint8Array) => unknown,
  perFrame: number,
): unknown[] {
  const out: unknown[] = [];
  for (let f = 0; out.length < count; f = (f + 1) % corpus.frames.length) {
    const push = WebcastPushFrame.decode(corpus.frames[f]!);
    const batch = ProtoMessageFetchResult.decode(nodeGunzip(push.payload, 64 << 20));
    let taken = 0;
    for (const m of batch.messages) {
      if (taken < perFrame && out.length < count && kept.has(m.method)) {
        out.push(make(m.method, m.payload));
        taken++;
      } else if (perFrame !== Number.POSITIVE_INFINITY) {
        // Sparse: the rest still become events, as in a client listening to everything, and are dropped.
        createEvent({ method: m.method, msgId: 1n, payload: m.payload });
      }
    }
  }
  return out;
}

function perEvent(
  corpus: Corpus,
  count: number,
  make: (method: string, payload: Uint8Array) => unknown,
  perFrame = Number.POSITIVE_INFINITY,
): number {
  const before = heap();
  const list = keep(corpus, count, make, perFrame);
  const after = heap();
  if (list.length !== count) throw new Error("retained: wrong count");
  return (after - before) / count;
}

export function retainedPerEvent(corpus: Corpus, count = 10_000): Retained {
  const eagerCodecs = codecs as unknown as Record<
    string,
    { decode(b: Uint8Array): { user?: { nickname: string } } }
  >;
  let sink = 0;
  const lazy = (perFrame?: number) =>
    perEvent(
      corpus,
      count,
      (method, payload) => {
        const e = createEvent({ method, msgId: 1n, payload }) as ProtoEvent<{ user?: { nickname: string } }>;
        sink += e.data.user?.nickname.length ?? 0;
        return e;
      },
      perFrame,
    );
  const eager = (perFrame?: number) =>
    perEvent(
      corpus,
      count,
      (method, payload) => {
        const own = payload.slice();
        const data = eagerCodecs[method]!.decode(own);
        sink += data.user?.nickname.length ?? 0;
        return { payload: own, data };
      },
      perFrame,
    );
  lazy();
  eager();
  const lazyBytesPerEvent = lazy();
  const eagerBytesPerEvent = eager();
  const sparseLazyBytesPerEvent = lazy(1);
  const sparseEagerBytesPerEvent = eager(1);
  if (sink === 0) throw new Error("retained: no nickname read");
  return {
    count,
    lazyBytesPerEvent,
    eagerBytesPerEvent,
    ratio: lazyBytesPerEvent / eagerBytesPerEvent,
    sparseLazyBytesPerEvent,
    sparseEagerBytesPerEvent,
    sparseRatio: sparseLazyBytesPerEvent / sparseEagerBytesPerEvent,
  };
}
