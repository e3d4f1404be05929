import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { type BaseProtoMessage, ProtoMessageFetchResult, WebcastPushFrame } from "@tiktok-live/proto";
import {
  busyStreamMix,
  encodeBatchFrame,
  mixedMessageFactory,
  parseRecording,
  RecordingWriter,
} from "@tiktok-live/testkit";
import { realisticMessage } from "./realistic-messages.js";
import { seeded } from "./seeded-random.js";

/**
 * `light`: the testkit's busy-stream messages as they are (about 0.9 KB inflated
 * on average). `realistic`: the same stream with users, gifts and viewer lists
 * the size TikTok sends them (2–6 KB per message; realistic-messages.ts).
 */
export type CorpusVariant = "light" | "realistic";
export const corpusVariants: readonly CorpusVariant[] = ["light", "realistic"];

/** The recorded stream every benchmark reads: frames exactly as a WebSocket delivers them. */
export interface Corpus {
  variant: CorpusVariant;
  path: string;
  fileBytes: number;
  /** Each frame as the Buffer `ws` hands the connector (its default binaryType "nodebuffer"). */
  frames: Buffer[];
  /** The same bytes as the ArrayBuffer `ws` hands our client (which sets binaryType "arraybuffer"). */
  arrays: ArrayBuffer[];
  /** Methods of the messages of each frame, in order. */
  methods: string[][];
  /** Message ids of every message, in order. */
  msgIds: bigint[];
  messages: number;
  /** Bytes on the wire: the WebcastPushFrames. */
  wireBytes: number;
  /** Gzip-compressed fetch results inside the frames. */
  compressedBytes: number;
  /** The same fetch results after gunzip. */
  decompressedBytes: number;
}

const corpusDir = join(dirname(fileURLToPath(import.meta.url)), "..", "corpus");
/** Fixed clock for generation, so the same corpus comes out every time. */
const epoch = Date.UTC(2026, 0, 1);
const frameSpacingMs = 10;

/** Runs `fn` with Math.random and Date.now pinned (the testkit builders read both). */
function deterministic<T>(fn: () => T): T {
  const random = Math.random;
  const now = Date.now;
  let clock = epoch;
  Math.random = seeded(0x7117);
  Date.now = () => clock++;
  try {
    return fn();
  } finally {
    Math.random = random;
    Date.now = now;
  }
}

/** Writes `frameCount` frames of 1–20 busy-stream messages to `path` in the testkit recording format. */
function generate(path: string, frameCount: number, variant: CorpusVariant): void {
  const lines: string[] = [];
  deterministic(() => {
    const make = mixedMessageFactory(busyStreamMix);
    const batchSize = seeded(0xb00c);
    const enrich = seeded(0x5eed);
    const writer = new RecordingWriter((line) => lines.push(line), {
      uniqueId: "simulated_host",
      roomId: "7311111111111111111",
    });
    let next = 0;
    for (let f = 0; f < frameCount; f++) {
      const size = 1 + Math.floor(batchSize() * 20);
      const batch: BaseProtoMessage[] = [];
      for (let k = 0; k < size; k++) {
        const m = make(next++);
        batch.push(variant === "realistic" ? realisticMessage(m, enrich) : m);
      }
      const bytes = encodeBatchFrame(batch, 1000n + BigInt(f), 1n + BigInt(f), {
        cursor: `sim-${next}`,
        internalExt: `internal_src:sim|cursor:${next}`,
      });
      writer.frame(bytes, epoch + f * frameSpacingMs);
    }
  });
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, lines.join(""));
}

/** Loads the corpus of `frameCount` frames, generating it first when it is missing or short. */
export function loadCorpus(frameCount: number, variant: CorpusVariant = "light"): Corpus {
  const name = variant === "light" ? "busy-stream" : "busy-stream-realistic";
  const path = join(corpusDir, `${name}-${frameCount}.ndjson`);
  let recording = existsSync(path) ? parseRecording(readFileSync(path, "utf8")) : undefined;
  if (recording?.frames.length !== frameCount) {
    generate(path, frameCount, variant);
    recording = parseRecording(readFileSync(path, "utf8"));
  }
  const frames: Buffer[] = [];
  const arrays: ArrayBuffer[] = [];
  const methods: string[][] = [];
  const msgIds: bigint[] = [];
  let messages = 0;
  let wireBytes = 0;
  let compressedBytes = 0;
  let decompressedBytes = 0;
  for (const { frame } of recording.frames) {
    const bytes = Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength);
    const push = WebcastPushFrame.decode(bytes);
    const body = gunzipSync(push.payload);
    const result = ProtoMessageFetchResult.decode(body);
    frames.push(bytes);
    arrays.push(frame.slice().buffer);
    methods.push(result.messages.map((m) => m.method));
    for (const m of result.messages) msgIds.push(m.msgId);
    messages += result.messages.length;
    wireBytes += bytes.length;
    compressedBytes += push.payload.length;
    decompressedBytes += body.length;
  }
  return {
    variant,
    path,
    fileBytes: statSync(path).size,
    frames,
    arrays,
    methods,
    msgIds,
    messages,
    wireBytes,
    compressedBytes,
    decompressedBytes,
  };
}

/** Average inflated size of each method's payload (the message inside BaseProtoMessage), in bytes. */
export function payloadSizes(corpus: Corpus): Map<string, number> {
  const sums = new Map<string, [number, number]>();
  for (const bytes of corpus.frames) {
    const result = ProtoMessageFetchResult.decode(gunzipSync(WebcastPushFrame.decode(bytes).payload));
    for (const m of result.messages) {
      const s = sums.get(m.method) ?? [0, 0];
      s[0] += m.payload.length;
      s[1]++;
      sums.set(m.method, s);
    }
  }
  return new Map([...sums].map(([k, [total, n]]) => [k, total / n]));
}

/** Share of each method in the corpus, for the report. */
export function methodMix(corpus: Corpus): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const frame of corpus.methods) for (const m of frame) counts.set(m, (counts.get(m) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]);
}
