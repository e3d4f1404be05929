import { gzipSync } from "node:zlib";
import { WebcastPushFrame } from "@tiktok-live/proto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DecodeError } from "../../src/errors/errors.js";
import { batchFrame, chatMessage } from "../batch-frames.js";
import { badFrame, framePathProperty, runFramePath } from "./frame-path.js";

/** A valid batch with one comment, to show the path still works after bad frames. */
const commentFrame = () => batchFrame([chatMessage(1)], 1n, 1n, { cursor: "c", internalExt: "e" });

describe("frame → event path under bad input", () => {
  it("survives a fixed-seed fuzz run: no throw, no rejection, no hang; every failure is a DecodeError", async () => {
    await fc.assert(framePathProperty, { seed: 20261126, numRuns: 300 });
  });

  it("goes on after bad frames: a valid frame behind them still produces its event", async () => {
    const garbage = fc.sample(badFrame, { seed: 7, numRuns: 20 });
    const outcome = await runFramePath([new Uint8Array([0xff, 0xff, 0xff]), ...garbage, commentFrame()]);
    expect(outcome.errors.length).toBeGreaterThanOrEqual(1);
    expect(outcome.errors.every((e) => e instanceof DecodeError)).toBe(true);
    expect(outcome.events).toBeGreaterThanOrEqual(1);
  });

  it("reports a gzip bomb as a DecodeError naming the stage and the compressed size", async () => {
    const compressed = gzipSync(new Uint8Array(64 * 1024 * 1024));
    const bomb = WebcastPushFrame.encode(
      WebcastPushFrame.fromPartial({
        payloadType: "msg",
        headers: { compress_type: "gzip" },
        payload: compressed,
      }),
    ).finish();
    const outcome = await runFramePath([bomb, commentFrame()]);
    expect(outcome.errors).toHaveLength(1);
    expect(outcome.errors[0]).toBeInstanceOf(DecodeError);
    expect(outcome.errors[0]).toMatchObject({
      method: "ProtoMessageFetchResult",
      byteLength: compressed.length,
    });
    // The comment after the bomb, and its batch as a websocketResponse.
    expect(outcome.events).toBe(2);
  });

  it("reports a payload that does not match its method, with the method and byte count", async () => {
    const frame = batchFrame(
      [
        {
          method: "WebcastGiftMessage",
          payload: new Uint8Array([0x7a, 0xff, 0xff]),
          msgId: 9n,
          msgType: 0,
          offset: 0n,
          isHistory: false,
        },
      ],
      1n,
      1n,
      { cursor: "c", internalExt: "e" },
    );
    const outcome = await runFramePath([frame]);
    expect(outcome.errors).toHaveLength(1);
    expect(outcome.errors[0]).toMatchObject({
      name: "DecodeError",
      method: "WebcastGiftMessage",
      byteLength: 3,
    });
  });
});
