// How a push connection ends: the codes we close with, and the error a user sees for a close.
import type { SocketLike } from "../capabilities.js";
import { WebSocketClosedError } from "../errors/errors.js";

/** Code we close with when the handshake, heartbeats or the silence watchdog find the socket dead. */
export const deadSocketCloseCode = 4000;

/** RFC 6455 "message too big": how every frame over `limits.maxFrameBytes` ends the connection. */
export const frameTooLargeCloseCode = 1009;
export const frameTooLargeReason = "frame too large";

/**
 * The error of a close, or none for a normal one (1000). Our own 1009 names the limit, so a user
 * knows which option to raise; a 1009 from the server keeps the server's reason.
 */
export function closeError(
  code: number,
  reason: string,
  maxFrameBytes: number,
): WebSocketClosedError | undefined {
  if (code === 1000) return undefined;
  const message =
    code === frameTooLargeCloseCode && reason === frameTooLargeReason
      ? `The push connection closed (code 1009): a frame was larger than limits.maxFrameBytes (${maxFrameBytes} bytes)`
      : `The push connection closed (code ${code}${reason ? `, ${reason}` : ""})`;
  return new WebSocketClosedError(message, code, reason);
}

/** Stops a socket's events from reaching a connection that has finished. */
export function detachSocket(socket: SocketLike): void {
  socket.onopen = socket.onmessage = socket.onclose = null;
  // Keep a no-op error listener: closing a socket that is still connecting makes `ws`
  // emit "error" afterwards, and an EventEmitter error without a listener crashes the process.
  socket.onerror = () => {};
}
