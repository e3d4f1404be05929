import type { EventClass, SocketLike, TikTokLiveClient, WebSocketFactory } from "@tiktok-live/core";
import { EventCounter, type Feed } from "./harness.js";

/**
 * A WebSocket that opens at once and never touches the network: the client
 * installs its handlers on it, and the benchmark calls `onmessage` with the
 * corpus frames, exactly as a runtime WebSocket would. Web APIs only, so the
 * same socket serves the Node, Deno and Bun runs.
 */
export class LoopbackSocket implements SocketLike {
  binaryType = "blob";
  readyState = 0;
  bytesSent = 0;
  onopen: SocketLike["onopen"] = null;
  onmessage: SocketLike["onmessage"] = null;
  onclose: SocketLike["onclose"] = null;
  onerror: SocketLike["onerror"] = null;

  constructor() {
    setTimeout(() => {
      this.readyState = 1;
      this.onopen?.({});
    }, 0);
  }

  send(data: Uint8Array): void {
    this.bytesSent += data.byteLength;
  }

  close(): void {
    this.readyState = 3;
  }
}

export interface LoopbackClient<C extends TikTokLiveClient> extends Feed<ArrayBuffer> {
  client: C;
  socket: LoopbackSocket;
}

/**
 * Connects a client built by `create` (any adapter's, given this socket's
 * factory) with one counting listener per class, and returns a feed that
 * hands frames to the `onmessage` handler the client installed.
 */
export async function connectLoopback<C extends TikTokLiveClient>(
  create: (webSocketFactory: WebSocketFactory) => C,
  listeners: EventClass[],
): Promise<LoopbackClient<C>> {
  let socket: LoopbackSocket | undefined;
  const client = create(() => {
    socket = new LoopbackSocket();
    return socket;
  });
  const counter = new EventCounter();
  for (const cls of listeners) client.on(cls, counter.handler);
  await client.connect();
  const onmessage = socket!.onmessage!;
  return { client, socket: socket!, counter, deliver: (frame) => onmessage({ data: frame }) };
}
