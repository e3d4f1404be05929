import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SilenceWatchdog } from "../../src/ws/silence-watchdog.js";

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("SilenceWatchdog", () => {
  it("fires after the timeout without frames, on time", () => {
    const silent = vi.fn();
    const dog = new SilenceWatchdog(1_000, silent);
    dog.start();
    vi.advanceTimersByTime(999);
    expect(silent).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(silent).toHaveBeenCalledTimes(1);
  });

  it("each frame pushes the verdict back", () => {
    const silent = vi.fn();
    const dog = new SilenceWatchdog(1_000, silent);
    dog.start();
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(600);
      dog.frame();
    }
    expect(silent).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1_000);
    expect(silent).toHaveBeenCalledTimes(1);
  });

  it("a blocked event loop (the timer fires late) is not taken for silence; frames read right after save the socket", () => {
    const silent = vi.fn();
    const dog = new SilenceWatchdog(1_000, silent);
    dog.start();
    // The wall clock jumps 5 s while no timer runs: what a handler blocking the loop looks like.
    vi.setSystemTime(5_000);
    vi.advanceTimersByTime(1_000);
    expect(silent).not.toHaveBeenCalled();
    // The I/O phase then reads the frames that waited in the socket.
    dog.frame();
    vi.advanceTimersByTime(999);
    expect(silent).not.toHaveBeenCalled();
  });

  it("after a blocked loop, real silence is still caught after the grace period", () => {
    const silent = vi.fn();
    const dog = new SilenceWatchdog(1_000, silent);
    dog.start();
    vi.setSystemTime(5_000);
    vi.advanceTimersByTime(1_000);
    expect(silent).not.toHaveBeenCalled();
    vi.advanceTimersByTime(500);
    expect(silent).toHaveBeenCalledTimes(1);
  });

  it("stop() cancels the verdict", () => {
    const silent = vi.fn();
    const dog = new SilenceWatchdog(1_000, silent);
    dog.start();
    dog.stop();
    vi.advanceTimersByTime(10_000);
    expect(silent).not.toHaveBeenCalled();
  });
});
