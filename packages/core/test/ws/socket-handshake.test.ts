import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { SocketLike } from "../../src/capabilities.js";
import { WebSocketClosedError } from "../../src/errors/errors.js";
import { type HandshakeSteps, openSocket } from "../../src/ws/socket-handshake.js";
import { fakeSocket } from "../fake-socket.js";

/** Records which steps the handshake took, in order. */
function recordSteps() {
  const taken: string[] = [];
  const steps: HandshakeSteps = {
    attached: () => taken.push("attached"),
    opened: () => taken.push("opened"),
    close: (code, reason) => taken.push(`close ${code} ${reason}`),
    closed: (code, reason) => taken.push(`closed ${code} ${reason}`),
    refused: () => taken.push("refused"),
  };
  return { taken, steps };
}

const request = { url: "ws://test", headers: {} };

describe("openSocket", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("attaches, opens, and reports a later close as closed", async () => {
    const socket = fakeSocket();
    const { taken, steps } = recordSteps();
    const open = openSocket(() => socket, request, 5000, steps);
    expect(socket.binaryType).toBe("arraybuffer");
    socket.onopen?.({});
    await open;
    socket.onclose?.({ code: 1006, reason: "gone" });
    expect(taken).toEqual(["attached", "opened", "closed 1006 gone"]);
    // The handshake timer is gone once open.
    expect(vi.getTimerCount()).toBe(0);
  });

  it("rejects with the close code when the server closes before opening", async () => {
    const socket = fakeSocket();
    const { taken, steps } = recordSteps();
    const open = openSocket(() => socket, request, 5000, steps);
    socket.onclose?.({ code: 1008, reason: "policy" });
    const error = await open.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebSocketClosedError);
    expect(error).toMatchObject({
      closeCode: 1008,
      message: expect.stringContaining("refused the connection"),
    });
    expect(taken).toEqual(["attached", "refused"]);
  });

  it("closes with 4000 and rejects when the handshake is not answered in time", async () => {
    const { taken, steps } = recordSteps();
    const open = openSocket(() => fakeSocket(), request, 5000, steps);
    const settled = open.catch((e: unknown) => e);
    vi.advanceTimersByTime(5000);
    expect(await settled).toMatchObject({ closeCode: 4000, reason: "handshake timeout" });
    expect(taken).toEqual(["attached", "close 4000 handshake timeout"]);
  });

  it("closes with 1000 and rejects with the reason on abort", async () => {
    const { taken, steps } = recordSteps();
    const abort = new AbortController();
    const open = openSocket(() => fakeSocket(), request, 5000, steps, abort.signal);
    abort.abort(new Error("stop"));
    await expect(open).rejects.toThrow("stop");
    expect(taken).toEqual(["attached", "close 1000 aborted"]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("closes a socket that arrives after an abort without leaving its handshake error unhandled", async () => {
    // As `ws` does: closing a socket that is still connecting aborts the handshake and reports an
    // error; with no error handler, that error is an uncaught exception (a crashed process).
    const unhandled: string[] = [];
    const closes: string[] = [];
    const connecting: SocketLike = {
      ...fakeSocket(),
      readyState: 0,
      close(code, reason) {
        closes.push(`${code} ${reason}`);
        queueMicrotask(() => {
          if (this.onerror)
            this.onerror({ error: new Error("closed before the connection was established") });
          else unhandled.push("WebSocket was closed before the connection was established");
        });
      },
    };
    let deliver!: (socket: SocketLike) => void;
    const { taken, steps } = recordSteps();
    const abort = new AbortController();
    // The adapter is still loading its WebSocket when the connection is aborted.
    const open = openSocket(
      () => new Promise<SocketLike>((r) => (deliver = r)),
      request,
      5000,
      steps,
      abort.signal,
    );
    abort.abort(new Error("stop"));
    deliver(connecting);
    await expect(open).rejects.toThrow("stop");
    await Promise.resolve();
    await Promise.resolve();
    expect(closes).toEqual(["1000 aborted"]);
    expect(unhandled).toEqual([]);
    // It was never attached: the connection does not read it or count it as its socket.
    expect(taken).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("turns ws's payload-cap error after opening into a 1009 close, and ignores other errors", async () => {
    const socket: SocketLike = fakeSocket();
    const { taken, steps } = recordSteps();
    const open = openSocket(() => socket, request, 5000, steps);
    socket.onopen?.({});
    await open;
    socket.onerror?.({ error: { code: "ECONNRESET" } });
    socket.onerror?.({ error: { code: "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH" } });
    expect(taken).toEqual(["attached", "opened", "close 1009 frame too large"]);
  });

  it("reports a factory that throws as a WebSocketClosedError with the cause", async () => {
    const { steps } = recordSteps();
    const error = await openSocket(
      () => {
        throw new Error("bad url");
      },
      request,
      5000,
      steps,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebSocketClosedError);
    expect(((error as Error).cause as Error).message).toBe("bad url");
  });
});
