import { describe, expect, it } from "vitest";
import { silentLogger } from "../../src/capabilities.js";
import type { WebSocketClosedError } from "../../src/errors/errors.js";
import { PushConnection } from "../../src/ws/push-connection.js";
import { fakeSocket } from "../fake-socket.js";

/**
 * Issue 14 row 10 where the runtime's WebSocket has no message cap (Deno,
 * Bun): the connection enforces `limits.maxFrameBytes` itself, with the same
 * close 1009 as Node's `ws` maxPayload. And the cap is handed to the adapter.
 */
function setup() {
  const socket = fakeSocket();
  const requests: Array<{ maxMessageBytes?: number }> = [];
  const closes: Array<{ code: number; error?: WebSocketClosedError }> = [];
  const raw: Uint8Array[] = [];
  const connection = new PushConnection({
    createSocket: (request) => {
      requests.push(request);
      return socket;
    },
    gunzip: (d) => d,
    limits: { maxFrameBytes: 1000, maxDecompressedBytes: 4000 },
    roomId: 1n,
    heartbeatIntervalMs: 60_000,
    silenceTimeoutMs: 60_000,
    logger: silentLogger,
    sink: { routeBatch: () => {}, reportError: () => {} },
    onRawFrame: (bytes) => raw.push(bytes),
    onClose: (code, _reason, error) => closes.push({ code, ...(error ? { error } : {}) }),
  });
  return { socket, connection, requests, closes, raw };
}

describe("PushConnection frame cap", () => {
  it("closes with 1009 on a frame over maxFrameBytes, before handing it to anyone", async () => {
    const t = setup();
    const open = t.connection.open({ url: "ws://test", headers: {}, maxMessageBytes: 1000 });
    t.socket.onopen?.({});
    await open;
    t.socket.onmessage?.({ data: new Uint8Array(1001) });
    expect(t.raw).toHaveLength(0);
    expect(t.closes).toHaveLength(1);
    expect(t.closes[0]?.code).toBe(1009);
    expect(t.closes[0]?.error?.message).toMatch(/larger than limits\.maxFrameBytes \(1000 bytes\)/);
    expect(t.requests[0]?.maxMessageBytes).toBe(1000);
  });

  it("turns ws's own payload-cap error into the same close, without waiting for the close handshake", async () => {
    const t = setup();
    const open = t.connection.open({ url: "ws://test", headers: {} });
    t.socket.onopen?.({});
    await open;
    t.socket.onerror?.({
      error: Object.assign(new RangeError("Max payload size exceeded"), {
        code: "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH",
      }),
    });
    expect(t.closes.map((c) => c.code)).toEqual([1009]);
  });
});
