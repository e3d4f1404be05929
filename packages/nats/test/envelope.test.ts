/** Envelopes cut from shared slabs (the sink's) stay intact and apart; public ones own their buffer. */
import { CommentEvent, loadCodecs } from "@tiktok-live/core";
import { describe, expect, it } from "vitest";
import { decodeEnvelope, encodeEnvelope, encodeMessageEnvelope } from "../src/envelope.js";

const payloadOf = (size: number, seed: number) =>
  Uint8Array.from({ length: size }, (_, i) => (i * 7 + seed) & 0xff);

describe("event envelopes", () => {
  it("keeps every sink envelope intact across slabs, a large one included", () => {
    // Sizes that cross several 256 KiB slabs, and some over the slab's cut-off (their own buffer).
    const sizes = Array.from({ length: 600 }, (_, i) => (i % 50 === 7 ? 40_000 : 200 + ((i * 997) % 3_000)));
    const sent = sizes.map((size, i) => ({
      payload: payloadOf(size, i),
      msgId: 7_000_000_000_000_000_000n + BigInt(i),
      bytes: new Uint8Array() as Uint8Array<ArrayBufferLike>,
    }));
    for (const s of sent)
      s.bytes = encodeMessageEnvelope(
        "comment",
        { method: "WebcastChatMessage", msgId: s.msgId, payload: s.payload },
        "some.user",
        "7300000000000000001",
      );
    // Decoded only after all were written: a later one overwriting an earlier one would show.
    for (const s of sent) {
      const { event, uniqueId, roomId } = decodeEnvelope(s.bytes);
      expect(uniqueId).toBe("some.user");
      expect(roomId).toBe("7300000000000000001");
      expect(event.msgId).toBe(s.msgId);
      expect(event.method).toBe("WebcastChatMessage");
      expect(event.payload).toEqual(s.payload);
    }
  });

  it("writes the same bytes for a message and for its event; the public encoder's buffer is its own", async () => {
    await loadCodecs(CommentEvent);
    const payload = payloadOf(300, 1);
    const message = { method: "WebcastChatMessage", msgId: -5n, payload };
    const fromMessage = encodeMessageEnvelope("comment", message, "a", "1");
    const fromEvent = encodeEnvelope(new CommentEvent(message), "a", "1");
    expect(fromEvent).toEqual(fromMessage);
    expect(fromEvent.byteOffset).toBe(0);
    expect(fromEvent.buffer.byteLength).toBe(fromEvent.length);
    expect(decodeEnvelope(fromMessage).event.msgId).toBe(-5n);
  });
});
