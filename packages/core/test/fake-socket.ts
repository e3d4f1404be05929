import type { SocketLike } from "../src/capabilities.js";

/** An open socket that records what the client sends; tests drive its `on*` handlers by hand. */
export function fakeSocket(sent: Uint8Array[] = []): SocketLike {
  return {
    binaryType: "",
    readyState: 1,
    send: (bytes) => {
      sent.push(bytes);
    },
    close() {},
    onopen: null,
    onmessage: null,
    onclose: null,
    onerror: null,
  };
}
