/// <reference types="node" />
import { gunzipSync } from "node:zlib";
import type { MessageBatch } from "@tiktok-live/proto";
import { describe, expect, it } from "vitest";
import type { Gunzip, SocketLike } from "../../src/capabilities.js";
import { silentLogger } from "../../src/capabilities.js";
import { type DecodeError, WebSocketClosedError } from "../../src/errors/errors.js";
import { PushConnection } from "../../src/ws/push-connection.js";
import { batchFrame, chatMessage } from "../batch-frames.js";
import { fakeSocket } from "../fake-socket.js";

const syncGunzip: Gunzip = (data, max) => new Uint8Array(gunzipSync(data, { maxOutputLength: max }));

function setup(gunzip: Gunzip, onBatch?: (cursor: string) => void) {
  const batches: string[] = [];
  const errors: DecodeError[] = [];
  const sent: Uint8Array[] = [];
  const socket = fakeSocket(sent);
  const connection = new PushConnection({
    createSocket: () => socket,
    gunzip,
    limits: { maxFrameBytes: 1 << 20, maxDecompressedBytes: 1 << 22 },
    roomId: 1n,
    heartbeatIntervalMs: 60_000,
    silenceTimeoutMs: 60_000,
    logger: silentLogger,
    sink: {
      routeBatch: (result: MessageBatch) => {
        batches.push(result.cursor);
        onBatch?.(result.cursor);
      },
      reportError: (error) => errors.push(error),
    },
    onClose: () => {},
  });
  return { batches, errors, sent, socket, connection };
}

const frame = (n: number) =>
  batchFrame([chatMessage(n), chatMessage(n + 1)], BigInt(100 + n), BigInt(n), {
    cursor: `c${n}`,
    internalExt: `ext${n}`,
  });

async function opened(t: ReturnType<typeof setup>): Promise<void> {
  const open = t.connection.open({ url: "ws://test", headers: {} });
  t.socket.onopen?.({});
  await open;
}

describe("PushConnection frame handling", () => {
  it("with a synchronous gunzip, handles each frame inside the message callback (no promise per frame)", async () => {
    const t = setup(syncGunzip);
    await opened(t);
    t.socket.onmessage?.({ data: frame(1) });
    expect(t.batches).toEqual(["c1"]);
    expect(t.sent).toHaveLength(1); // the ack
    t.socket.onmessage?.({ data: frame(2).slice().buffer });
    expect(t.batches).toEqual(["c1", "c2"]);
    await t.connection.settled();
    t.connection.close();
  });

  it("keeps arrival order when gunzip is async for some frames and sync for others", async () => {
    let call = 0;
    // Every third call is slow and async, the others synchronous: later frames must still wait their turn.
    const mixed: Gunzip = (data, max) => {
      const out = syncGunzip(data, max) as Uint8Array;
      return call++ % 3 === 0 ? new Promise((resolve) => setTimeout(() => resolve(out), 5)) : out;
    };
    const t = setup(mixed);
    await opened(t);
    const cursors: string[] = [];
    for (let n = 0; n < 12; n++) {
      t.socket.onmessage?.({ data: frame(n) });
      cursors.push(`c${n}`);
    }
    expect(t.batches).toEqual([]); // the first frame's gunzip is async: everything waits behind it
    await t.connection.settled();
    expect(t.batches).toEqual(cursors);
    expect(t.errors).toEqual([]);
    t.connection.close();
  });

  it("a frame received while a batch is being delivered waits until that batch is done", async () => {
    const order: string[] = [];
    let nested = false;
    const t = setup(syncGunzip, (cursor) => {
      order.push(`start ${cursor}`);
      if (!nested) {
        // A handler that makes the socket deliver another frame before the batch is done.
        nested = true;
        t.socket.onmessage?.({ data: frame(9) });
      }
      order.push(`end ${cursor}`);
    });
    await opened(t);
    t.socket.onmessage?.({ data: frame(1) });
    await t.connection.settled();
    expect(order).toEqual(["start c1", "end c1", "start c9", "end c9"]);
    t.connection.close();
  });

  it("reports a failing async gunzip as a DecodeError and goes on with the next frame", async () => {
    let call = 0;
    const failing: Gunzip = async (data, max) => {
      if (call++ === 0) throw new Error("inflate failed");
      return syncGunzip(data, max);
    };
    const t = setup(failing);
    await opened(t);
    t.socket.onmessage?.({ data: frame(1) });
    t.socket.onmessage?.({ data: frame(2) });
    await t.connection.settled();
    expect(t.errors.map((e) => e.message)).toEqual([
      expect.stringContaining("Could not decompress push frame payload"),
    ]);
    expect(t.batches).toEqual(["c2"]);
    t.connection.close();
  });

  it("settled() resolves at once when nothing is pending", async () => {
    const t = setup(syncGunzip);
    await opened(t);
    await expect(t.connection.settled()).resolves.toBeUndefined();
    t.connection.close();
  });
});

describe("PushConnection with a WebSocket factory that returns a promise", () => {
  function connectionWith(createSocket: () => Promise<SocketLike>, batches: string[] = []): PushConnection {
    return new PushConnection({
      createSocket,
      gunzip: syncGunzip,
      limits: { maxFrameBytes: 1 << 20, maxDecompressedBytes: 1 << 22 },
      roomId: 1n,
      heartbeatIntervalMs: 60_000,
      silenceTimeoutMs: 60_000,
      logger: silentLogger,
      sink: { routeBatch: (batch) => batches.push(batch.cursor), reportError: () => {} },
      onClose: () => {},
    });
  }

  function asyncSetup() {
    let createSocket!: (socket: ReturnType<typeof fakeSocket>) => void;
    const created = new Promise<ReturnType<typeof fakeSocket>>((resolve) => {
      createSocket = resolve;
    });
    const socket = fakeSocket();
    const closed: Array<[number | undefined, string | undefined]> = [];
    socket.close = (code, reason) => {
      closed.push([code, reason]);
    };
    const batches: string[] = [];
    const connection = connectionWith(() => created, batches);
    return { socket, closed, batches, connection, resolveSocket: () => createSocket(socket) };
  }

  it("attaches to the socket once it exists, then opens and handles frames", async () => {
    const t = asyncSetup();
    const open = t.connection.open({ url: "ws://test", headers: {} });
    expect(t.socket.onopen).toBeNull();
    t.resolveSocket();
    await new Promise((r) => setTimeout(r, 0));
    expect(t.socket.onopen).toBeTypeOf("function");
    t.socket.onopen?.({});
    await open;
    t.socket.onmessage?.({ data: frame(7) });
    expect(t.batches).toEqual(["c7"]);
    t.connection.close();
  });

  it("closes a socket that arrives after the connect was aborted", async () => {
    const t = asyncSetup();
    const abort = new AbortController();
    const open = t.connection.open({ url: "ws://test", headers: {} }, abort.signal);
    abort.abort(new Error("stop"));
    t.resolveSocket();
    await expect(open).rejects.toThrow("stop");
    expect(t.closed).toEqual([[1000, "aborted"]]);
  });

  it("reports a factory that rejects as a WebSocketClosedError with the cause", async () => {
    const connection = connectionWith(() => Promise.reject(new Error("no ws module")));
    const error = await connection.open({ url: "ws://test", headers: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebSocketClosedError);
    expect(((error as Error).cause as Error).message).toBe("no ws module");
  });
});
