import type { ClientCapabilities, Logger, SocketRequest } from "../capabilities.js";
import type { WebSocketClosedError } from "../errors/errors.js";
import type { SignedConnection } from "../http/routes/sign-server.js";
import type { BatchSink } from "../ws/frame-reader.js";
import { PushConnection } from "../ws/push-connection.js";
import { buildPushUrl } from "../ws/websocket-url.js";
import type { ResolvedOptions } from "./options.js";

/** Everything one push connection is built from: the signed handshake, the options, and where frames go. */
export interface PushOpening {
  signed: SignedConnection;
  roomId: string;
  options: ResolvedOptions;
  capabilities: ClientCapabilities;
  /** The Cookie header of the handshake. */
  cookies: string;
  logger: Logger;
  /** The next layer of the frame path (the client's MessageRouter). */
  sink: BatchSink;
  onRawFrame: ((bytes: Uint8Array) => void) | undefined;
  onClose: (connection: PushConnection, code: number, reason: string, error?: WebSocketClosedError) => void;
}

/**
 * Builds the push connection of a signed handshake and opens its socket;
 * resolves once open. An abort while opening closes it again and rejects
 * with the abort reason.
 */
export async function openPushConnection(opening: PushOpening, signal: AbortSignal): Promise<PushConnection> {
  const { options, signed, roomId } = opening;
  const connection: PushConnection = new PushConnection({
    createSocket: opening.capabilities.webSocketFactory,
    gunzip: opening.capabilities.gunzip,
    limits: options.limits,
    roomId: BigInt(roomId),
    heartbeatIntervalMs: options.heartbeatIntervalMs,
    silenceTimeoutMs: options.silenceTimeoutMs,
    logger: opening.logger,
    sink: opening.sink,
    ...(opening.onRawFrame ? { onRawFrame: opening.onRawFrame } : {}),
    onClose: (code, reason, error) => opening.onClose(connection, code, reason, error),
  });
  const request: SocketRequest = {
    url: buildPushUrl({
      initial: signed.initial,
      roomId,
      userAgent: options.userAgent,
      locale: options.locale,
      heartbeatIntervalMs: options.heartbeatIntervalMs,
    }),
    headers: { Cookie: opening.cookies, "User-Agent": options.userAgent },
    maxMessageBytes: options.limits.maxFrameBytes,
  };
  await connection.open(request, signal);
  if (signal.aborted) {
    connection.close(1000, "aborted");
    throw signal.reason;
  }
  return connection;
}
