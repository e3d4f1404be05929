import { nodeGunzip } from "@tiktok-live/node";
import { createEvent, type ProtoEvent, ProtoMessageFetchResult, WebcastPushFrame } from "@tiktok-live/proto";
import * as codecs from "@tiktok-live/proto/codecs";
import type { Corpus } from "./corpus.js";

/**
 * What a kept event retains: `count` events of the kinds a bot typically keeps
 * (comments, gifts, joins), each read as a handler would (top-level fields and
 * the user's nickname), held in an array while the stream goes on. Lazy: the
 * client's events (own payload copy + what was decoded). Eager: the same
 * payload copy and the message decoded eagerly, as before nested messages were
 * decoded on first read. Heap is `heapUsed + arrayBuffers` after a full GC.
 */
export interface Retained {
  count: number;
  lazyBytesPerEvent: number;
  eagerBytesPerEvent: number;
  ratio: number;
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
): unknown[] {
  const out: unknown[] = [];
  for (let f = 0; out.length < count; f = (f + 1) % corpus.frames.length) {
    const push = WebcastPushFrame.decode(corpus.frames[f]!);
    const batch = ProtoMessageFetchResult.decode(nodeGunzip(push.payload, 64 << 20));
    for (const m of batch.messages) {
      if (out.length < count && kept.has(m.method)) out.push(make(m.method, m.payload));
    }
  }
  return out;
}

function perEvent(
  corpus: Corpus,
  count: number,
  make: (method: string, payload: Uint8Array) => unknown,
): number {
  const before = heap();
  const list = keep(corpus, count, make);
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
  const lazy = () =>
    perEvent(corpus, count, (method, payload) => {
      const e = createEvent({ method, msgId: 1n, payload }) as ProtoEvent<{ user?: { nickname: string } }>;
      sink += e.data.user?.nickname.length ?? 0;
      return e;
    });
  const eager = () =>
    perEvent(corpus, count, (method, payload) => {
      const own = payload.slice();
      const data = eagerCodecs[method]!.decode(own);
      sink += data.user?.nickname.length ?? 0;
      return { payload: own, data };
    });
  lazy();
  eager();
  const lazyBytesPerEvent = lazy();
  const eagerBytesPerEvent = eager();
  if (sink === 0) throw new Error("retained: no nickname read");
  return { count, lazyBytesPerEvent, eagerBytesPerEvent, ratio: lazyBytesPerEvent / eagerBytesPerEvent };
}
