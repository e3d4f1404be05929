import {
  isPromiseLike,
  type SocketLike,
  type SocketRequest,
  type WebSocketFactory,
} from "../capabilities.js";
import { WebSocketClosedError } from "../errors/errors.js";
import {
  deadSocketCloseCode,
  detachSocket,
  frameTooLargeCloseCode,
  frameTooLargeReason,
} from "./close-codes.js";

/** What the push connection does at each step of opening its socket. */
export interface HandshakeSteps {
  /** The socket exists: from now on the connection can close it, and it reads the socket's messages. */
  attached(socket: SocketLike): void;
  opened(): void;
  /** Ends the connection from our side: handshake timeout, abort, or a frame over the size cap. */
  close(code: number, reason: string): void;
  /** The socket closed after it had opened. */
  closed(code: number, reason: string): void;
  /** The socket closed before it opened; the returned promise rejects with why. */
  refused(): void;
}

/**
 * Creates the socket and waits for it to open: resolves on open, rejects if it closes, fails,
 * times out (a server that never answers would otherwise leave the client "connecting" forever)
 * or is aborted first.
 */
export function openSocket(
  createSocket: WebSocketFactory,
  request: SocketRequest,
  handshakeTimeoutMs: number,
  steps: HandshakeSteps,
  signal?: AbortSignal,
): Promise<void> {
  const failed = (cause: unknown) =>
    new WebSocketClosedError("Could not create the WebSocket", undefined, undefined, { cause });
  let created: SocketLike | Promise<SocketLike>;
  try {
    created = createSocket(request);
  } catch (cause) {
    return Promise.reject(failed(cause));
  }
  if (!isPromiseLike(created)) return attach(created, handshakeTimeoutMs, steps, signal);
  // The adapter loads its WebSocket on first use; the socket exists only after that.
  return Promise.resolve(created).then(
    (socket) => {
      if (signal?.aborted) {
        discard(socket);
        throw signal.reason;
      }
      return attach(socket, handshakeTimeoutMs, steps, signal);
    },
    (cause: unknown) => {
      throw failed(cause);
    },
  );
}

/**
 * Closes a socket the connection will never use (it arrived after an abort). It is still
 * connecting, so `ws` reports the close as an error event afterwards: detached first, it has a
 * listener for it (close-codes.ts).
 */
function discard(socket: SocketLike): void {
  detachSocket(socket);
  try {
    socket.close(1000, "aborted");
  } catch {
    // Some WebSockets throw on close while connecting; the socket is dropped either way.
  }
}

function attach(
  socket: SocketLike,
  handshakeTimeoutMs: number,
  steps: HandshakeSteps,
  signal: AbortSignal | undefined,
): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.binaryType = "arraybuffer";
    steps.attached(socket);
    let opened = false;
    const settle = () => {
      clearTimeout(handshakeTimer);
      signal?.removeEventListener("abort", onAbort);
    };
    const handshakeTimer = setTimeout(() => {
      settle();
      steps.close(deadSocketCloseCode, "handshake timeout");
      reject(
        new WebSocketClosedError(
          `The push server did not answer the handshake within ${handshakeTimeoutMs} ms`,
          deadSocketCloseCode,
          "handshake timeout",
        ),
      );
    }, handshakeTimeoutMs);
    const onAbort = () => {
      settle();
      steps.close(1000, "aborted");
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    socket.onopen = () => {
      opened = true;
      settle();
      steps.opened();
      resolve();
    };
    socket.onerror = (ev) => {
      // The close event that follows carries the code, except for `ws`'s own payload cap:
      // it reports the oversized frame here and may wait 30 s for the close to finish.
      const cause = (ev as { error?: { code?: unknown } } | undefined)?.error;
      if (opened && cause?.code === "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH")
        steps.close(frameTooLargeCloseCode, frameTooLargeReason);
    };
    socket.onclose = (ev) => {
      settle();
      if (opened) {
        steps.closed(ev.code, ev.reason);
        return;
      }
      steps.refused();
      reject(refusedError(ev.code, ev.reason));
    };
  });
}

function refusedError(code: number, reason: string): WebSocketClosedError {
  return new WebSocketClosedError(
    `The push server refused the connection (code ${code}${reason ? `, ${reason}` : ""})`,
    code,
    reason,
  );
}
