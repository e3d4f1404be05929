import { type OutputReuse, outputReuseOf } from "@tiktok-live/core/zlib-engine";
import { nodeGunzip } from "@tiktok-live/node";
import { eventClassByMethod, ProtoMessageFetchResult, WebcastPushFrame } from "@tiktok-live/proto";
import * as codecs from "@tiktok-live/proto/codecs";
import type { Corpus } from "./corpus.js";
import type { Variant } from "./harness.js";

type Decoder = (bytes: Uint8Array) => unknown;

/** The generated codec of each method, looked up by name among the codecs entry's exports. */
function decoderFor(method: string): Decoder | undefined {
  const codec = (codecs as unknown as Record<string, { decode?: Decoder } | undefined>)[method];
  if (typeof codec?.decode === "function") return (bytes) => codec.decode!(bytes);
  // Only methods without an event class (unknown to the schema) may go undecoded.
  if (eventClassByMethod.has(method)) throw new Error(`raw limit: no codec found for ${method}`);
  return undefined;
}

/**
 * The fastest synchronous gunzip we have is the limit's: @tiktok-live/node's, the client's own, through
 * the same output-reuse offer the client inflates with (each body is handed back once the frame is done).
 */
const reuse: OutputReuse = (() => {
  const offer = outputReuseOf(nodeGunzip);
  if (!offer) throw new Error("raw limit: @tiktok-live/node's gunzip makes no output-reuse offer");
  return offer;
})();
const gunzip = (data: Uint8Array): Uint8Array => reuse.inflate(data, Number.MAX_SAFE_INTEGER);

/** Keeps results observable (a property of a module-level object) so the optimizer cannot drop the work. */
const sink = { value: 0 };

/**
 * The decode limit with no client around it: synchronous gunzip, the
 * envelope (push frame + fetch result) and every message through its
 * generated codec; plus gunzip alone and the envelope alone, to show where
 * the time goes.
 */
export function rawLimitVariants(corpus: Corpus): Variant[] {
  const decoders = new Map<string, Decoder | undefined>();
  for (const frame of corpus.methods)
    for (const m of frame) if (!decoders.has(m)) decoders.set(m, decoderFor(m));
  // The bytes our client gets (ArrayBuffer views); inputs of the partial variants prepared outside the timing.
  const frames = corpus.arrays.map((a) => new Uint8Array(a));
  const payloads = frames.map((f) => WebcastPushFrame.decode(f).payload);
  const bodies = payloads.map((p) => nodeGunzip(p, Number.MAX_SAFE_INTEGER));

  return [
    {
      name: "raw: gunzip + envelope + messages",
      async run() {
        for (const bytes of frames) {
          const frame = WebcastPushFrame.decode(bytes);
          const body = gunzip(frame.payload);
          const result = ProtoMessageFetchResult.decode(body);
          for (const message of result.messages) {
            const decode = decoders.get(message.method);
            if (decode) sink.value += decode(message.payload) === undefined ? 0 : 1;
          }
          // Nothing decoded above is kept (only counted), so the body is free again.
          reuse.release(body);
        }
      },
    },
    {
      name: "raw: gunzip only",
      async run() {
        for (const payload of payloads) {
          const body = gunzip(payload);
          sink.value += body.length;
          reuse.release(body);
        }
      },
    },
    {
      name: "raw: envelope only",
      async run() {
        for (let i = 0; i < bodies.length; i++) {
          sink.value += WebcastPushFrame.decode(frames[i]!).payload.length;
          sink.value += ProtoMessageFetchResult.decode(bodies[i]!).messages.length;
        }
      },
    },
  ];
}
