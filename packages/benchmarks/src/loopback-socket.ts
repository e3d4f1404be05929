import type { SocketLike } from "@tiktok-live/core";

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
