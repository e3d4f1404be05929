import { HeartBeatMessage, WebcastPushFrame } from "@tiktok-live/proto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Heartbeat } from "../../src/ws/heartbeat.js";

/** The sequence number a heartbeat frame carries. */
const seqOf = (bytes: Uint8Array) =>
  HeartBeatMessage.decode(WebcastPushFrame.decode(bytes).payload).sendPacketSeqId;

describe("Heartbeat", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("beats at once, then every interval, numbered from 1 again after each start", () => {
    const sent: Uint8Array[] = [];
    const heartbeat = new Heartbeat(
      7n,
      1000,
      (b) => sent.push(b) > 0,
      () => {},
    );
    heartbeat.start();
    vi.advanceTimersByTime(2500);
    expect(sent.map(seqOf)).toEqual([1n, 2n, 3n]);
    heartbeat.start();
    vi.advanceTimersByTime(1000);
    expect(sent.map(seqOf)).toEqual([1n, 2n, 3n, 1n, 2n]);
    heartbeat.stop();
    vi.advanceTimersByTime(5000);
    expect(sent).toHaveLength(5);
  });

  it("stops and reports once when a beat cannot be sent, also the very first one", () => {
    let attempts = 0;
    const onFailed = vi.fn();
    const heartbeat = new Heartbeat(
      7n,
      1000,
      () => {
        attempts++;
        return false;
      },
      onFailed,
    );
    heartbeat.start();
    vi.advanceTimersByTime(10_000);
    expect(attempts).toBe(1);
    expect(onFailed).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});
