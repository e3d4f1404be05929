import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type BaseProtoMessage, MessageBatch, ProtoMessageFetchResult } from "../src/index.js";
import { MethodNames } from "../src/method-names.js";
import { bytes, int, message, msg, str } from "./hand-wire.js";

const int64 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
const baseMessage: fc.Arbitrary<BaseProtoMessage> = fc.record({
  method: fc.oneof(
    fc.constantFrom("WebcastChatMessage", "WebcastGiftMessage", "WebcastLikeMessage"),
    fc.string(),
  ),
  payload: fc.uint8Array({ maxLength: 40 }),
  msgId: int64,
  msgType: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  offset: int64,
  isHistory: fc.boolean(),
});
const fetchResult: fc.Arbitrary<ProtoMessageFetchResult> = fc.record({
  messages: fc.array(baseMessage, { maxLength: 8 }),
  cursor: fc.string(),
  fetchInterval: int64,
  now: int64,
  internalExt: fc.string(),
  fetchType: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  routeParams: fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
  heartbeatDuration: int64,
  needAck: fc.boolean(),
  pushServer: fc.string(),
  isFirst: fc.boolean(),
  historyCommentCursor: fc.string(),
  historyNoMore: fc.boolean(),
});

const encode = (r: ProtoMessageFetchResult) => ProtoMessageFetchResult.encode(r).finish();

/** The generated decoder's outcome, or the fact that it threw. */
function generated(bytes: Uint8Array): ProtoMessageFetchResult | "throws" {
  try {
    return ProtoMessageFetchResult.decode(bytes);
  } catch {
    return "throws";
  }
}

function ours(bytes: Uint8Array): ProtoMessageFetchResult | "throws" {
  let batch: MessageBatch;
  try {
    batch = MessageBatch.decode(bytes);
  } catch {
    return "throws";
  }
  // Read message by message first, as the router does, then as a whole.
  const one = Array.from({ length: batch.length }, (_, i) => batch.message(i));
  expect(one.map((m) => m.method)).toEqual(Array.from({ length: batch.length }, (_, i) => batch.method(i)));
  const whole = batch.toResult();
  expect(whole.messages).toEqual(one);
  return whole;
}

describe("MessageBatch", () => {
  it("reads every field exactly as the generated decoder (random batches)", () => {
    fc.assert(
      fc.property(fetchResult, (r) => {
        const bytes = encode(r);
        const want = generated(bytes);
        expect(ours(bytes)).toEqual(want);
        expect(want).toEqual(r);
      }),
      { numRuns: 300, seed: 8 },
    );
  });

  it("agrees with the generated decoder when only payload bytes are corrupt", () => {
    const withCorruptPayloads = fc
      .tuple(fetchResult, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }))
      .map(([r, edits]) => {
        const copy = ProtoMessageFetchResult.fromPartial(r);
        for (const [at, value] of edits) {
          const m = copy.messages.length ? copy.messages[at % copy.messages.length]! : undefined;
          if (m?.payload.length)
            m.payload = Uint8Array.from(m.payload, (b, i) => (i === at % m.payload.length ? value : b));
        }
        return encode(copy);
      });
    fc.assert(
      fc.property(withCorruptPayloads, (bytes) => {
        expect(ours(bytes)).toEqual(generated(bytes));
      }),
      { numRuns: 500, seed: 10 },
    );
  });

  it("on any bytes, fails only by throwing, and reads every message within the batch", () => {
    const corrupted = fc
      .tuple(
        fetchResult,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
        fc.nat(),
      )
      .map(([r, edits, cut]) => {
        const bytes = encode(r).slice();
        for (const [at, value] of edits) if (bytes.length) bytes[at % bytes.length] = value;
        return bytes.subarray(0, bytes.length ? bytes.length - (cut % Math.min(4, bytes.length)) : 0);
      });
    fc.assert(
      fc.property(fc.oneof(corrupted, fc.uint8Array({ maxLength: 64 })), (bytes) => {
        let batch: MessageBatch;
        try {
          batch = MessageBatch.decode(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(Error);
          return;
        }
        for (let i = 0; i < batch.length; i++) {
          try {
            const m = batch.message(i);
            // A payload is a view into the batch's own bytes, never past them.
            expect(m.payload.byteLength).toBeLessThanOrEqual(bytes.byteLength);
          } catch (error) {
            expect(error).toBeInstanceOf(Error);
          }
        }
      }),
      { numRuns: 2000, seed: 9 },
    );
  });

  it("a corrupt message fails alone, when read; the others still decode", () => {
    const good = (id: number) => msg(1, str(1, "WebcastChatMessage"), bytes(2, [id]), int(3, id));
    // Message 2's msg_id is a varint of eleven bytes: invalid.
    const bad = msg(1, str(1, "WebcastGiftMessage"), [24, ...Array(10).fill(0xff), 1]);
    const batch = MessageBatch.decode(message(good(1), bad, good(3)));
    expect(batch.length).toBe(3);
    expect(batch.method(1)).toBe("WebcastGiftMessage");
    expect(batch.message(0).msgId).toBe(1n);
    expect(() => batch.message(1)).toThrow("invalid varint");
    expect(batch.message(2).msgId).toBe(3n);
    // The generated decoder skips the bad message too (a field that does not decode), keeping the others.
    const whole = generated(message(good(1), bad, good(3)));
    expect(whole === "throws" ? whole : whole.messages.map((m) => m.msgId)).toEqual([1n, 3n]);
  });

  it("a field that runs past the end of its message is an error, not a read into the next one", () => {
    // Message 1 declares 4 bytes but its payload field claims 5.
    const overrun = [10, 4, 18, 5, 1, 2, ...msg(1, str(1, "WebcastLikeMessage"))];
    expect(() => MessageBatch.decode(new Uint8Array(overrun)).message(0)).toThrow(/past the end/);
    // Also when the method comes first and only a later field overruns.
    const late = [10, 6, ...str(1, "X"), 18, 5, 1, ...msg(1, str(1, "WebcastLikeMessage"))];
    const batch = MessageBatch.decode(new Uint8Array(late));
    expect(batch.method(0)).toBe("X");
    expect(() => batch.message(0)).toThrow(/past the end/);
  });

  it("a method field given twice: the last one wins, in the list of methods and in the message", () => {
    const body = message(
      msg(1, str(1, "WebcastChatMessage"), int(3, 1), str(1, "WebcastGiftMessage")),
      // Fields before the method, then the method once.
      msg(1, int(3, 2), bytes(2, [9]), str(1, "WebcastLikeMessage")),
    );
    const batch = MessageBatch.decode(body);
    expect(batch.message(0).method).toBe("WebcastGiftMessage");
    expect(batch.message(1).method).toBe("WebcastLikeMessage");
    expect(batch.message(1).msgId).toBe(2n);
    const want = generated(body);
    expect(want === "throws" ? want : want.messages.map((m) => m.method)).toEqual([
      "WebcastGiftMessage",
      "WebcastLikeMessage",
    ]);
  });

  it("leaves message fields unread until asked", () => {
    const body = message(
      msg(1, str(1, "WebcastChatMessage"), bytes(2, [1, 2, 3]), int(3, 77n)),
      str(2, "cursor-1"),
      int(9, true),
    );
    const batch = MessageBatch.decode(body);
    expect(batch.length).toBe(1);
    expect(batch.method(0)).toBe("WebcastChatMessage");
    expect(batch.cursor).toBe("cursor-1");
    expect(batch.needAck).toBe(true);
    const m = batch.message(0);
    expect(m.msgId).toBe(77n);
    expect([...m.payload]).toEqual([1, 2, 3]);
    // A message that runs past the end of the batch is caught when the batch is read.
    expect(() => MessageBatch.decode(message([10, 50, 10, 1, 88]))).toThrow();
  });

  it("from() wraps an already decoded batch without copying it", () => {
    const result = ProtoMessageFetchResult.fromPartial({
      messages: [{ method: "WebcastChatMessage", msgId: 5n }],
      cursor: "c",
    });
    const batch = MessageBatch.from(result);
    expect(batch.method(0)).toBe("WebcastChatMessage");
    expect(batch.message(0)).toBe(result.messages[0]);
    expect(batch.toResult()).toBe(result);
    expect(batch.cursor).toBe("c");
  });
});

describe("MethodNames", () => {
  const utf8 = new TextEncoder();

  it("returns the same string object for the same bytes, wherever they sit", () => {
    const names = new MethodNames();
    const a = utf8.encode("xxWebcastChatMessage");
    const b = utf8.encode("WebcastChatMessageyy");
    const first = names.read(a, 2, a.length);
    const second = names.read(b, 0, b.length - 2);
    expect(first).toBe("WebcastChatMessage");
    expect(second).toBe(first);
    expect(names.size).toBe(1);
  });

  it("never confuses two names, and decodes UTF-8 like TextDecoder", () => {
    const names = new MethodNames();
    for (const s of ["WebcastLikeMessage", "WebcastLikeMessagf", "Ünïcödé 🛠", "", "a"]) {
      const bytes = utf8.encode(s);
      expect(names.read(bytes, 0, bytes.length)).toBe(s);
      expect(names.read(bytes, 0, bytes.length)).toBe(s);
    }
  });

  it("stops keeping new names past its cap, but still decodes them", () => {
    const names = new MethodNames();
    for (let i = 0; i < 1500; i++) {
      const bytes = utf8.encode(`Method${i}`);
      expect(names.read(bytes, 0, bytes.length)).toBe(`Method${i}`);
    }
    expect(names.size).toBeLessThanOrEqual(1024);
    expect(names.size).toBeGreaterThan(100);
  });
});
