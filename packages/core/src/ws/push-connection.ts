import type { Gunzip, Logger, SocketLike, SocketRequest, WebSocketFactory } from "../capabilities.js";
import type { WebSocketClosedError } from "../errors/errors.js";
import {
  closeError,
  deadSocketCloseCode,
  detachSocket,
  frameTooLargeCloseCode,
  frameTooLargeReason,
} from "./close-codes.js";
import { type BatchSink, FrameReader } from "./frame-reader.js";
import { Heartbeat } from "./heartbeat.js";
import { encodeEnterRoom, type FrameLimits } from "./push-frame.js";
import { SilenceWatchdog } from "./silence-watchdog.js";
import { openSocket } from "./socket-handshake.js";

export interface PushConnectionOptions {
  createSocket: WebSocketFactory;
  gunzip: Gunzip;
  limits: FrameLimits;
  roomId: bigint;
  heartbeatIntervalMs: number;
  /** No frame for this long means the socket is dead even if it has not closed; also the handshake's timeout. */
  silenceTimeoutMs: number;
  logger: Logger;
  /** Where decoded batches and unreadable frames go, in arrival order (the client's MessageRouter). */
  sink: BatchSink;
  onRawFrame?: (bytes: Uint8Array) => void;
  /** Called once, when the socket closes for any reason after opening. */
  onClose: (code: number, reason: string, error?: WebSocketClosedError) => void;
}

/**
 * One WebSocket to the push server, from opening (socket-handshake.ts) to close (close-codes.ts):
 * enter-room, heartbeats (heartbeat.ts) and the silence watchdog. Its messages go straight to a
 * FrameReader (frame-reader.ts), the first step of the frame path. Reconnecting is the client's
 * job, not this one's.
 */
export class PushConnection {
  private socket: SocketLike | undefined;
  private readonly reader: FrameReader;
  private readonly heartbeat: Heartbeat;
  private readonly watchdog: SilenceWatchdog;
  private closed = false;

  constructor(private readonly options: PushConnectionOptions) {
    this.reader = new FrameReader({
      gunzip: options.gunzip,
      limits: options.limits,
      sink: options.sink,
      onRawFrame: options.onRawFrame,
      send: (bytes) => this.send(bytes),
      tooLarge: () => this.close(frameTooLargeCloseCode, frameTooLargeReason),
      alive: () => this.watchdog.frame(),
    });
    this.watchdog = new SilenceWatchdog(options.silenceTimeoutMs, () => {
      options.logger.warn(
        `[tiktok-live] no frame for ${options.silenceTimeoutMs} ms; closing the silent socket`,
      );
      this.close(deadSocketCloseCode, "silent socket");
    });
    this.heartbeat = new Heartbeat(
      options.roomId,
      options.heartbeatIntervalMs,
      (bytes) => this.send(bytes),
      () => this.close(deadSocketCloseCode, "heartbeat failed"),
    );
  }

  /** Opens the socket; resolves on open, rejects if it closes or fails first. */
  open(request: SocketRequest, signal?: AbortSignal): Promise<void> {
    return openSocket(
      this.options.createSocket,
      request,
      this.options.silenceTimeoutMs,
      {
        attached: (socket) => {
          this.socket = socket;
          socket.onmessage = (ev) => this.reader.receive(ev.data);
        },
        opened: () => this.watchdog.start(),
        close: (code, reason) => this.close(code, reason),
        closed: (code, reason) => this.finish(code, reason),
        refused: () => {
          this.stopTimers();
          this.closed = true;
        },
      },
      signal,
    );
  }

  /** Sends enter-room, then starts heartbeats: TikTok drops heartbeats that come before enter-room. */
  enterRoom(cursor: string): void {
    if (this.closed) return;
    this.send(encodeEnterRoom(this.options.roomId, cursor));
    this.heartbeat.start();
  }

  close(code = 1000, reason = "client disconnect"): void {
    if (this.closed) return;
    try {
      this.socket?.close(code, reason);
    } catch (e) {
      this.options.logger.debug("[tiktok-live] socket.close threw", e);
    }
    this.finish(code, reason);
  }

  /** Latest resume position seen on this connection. */
  get cursor(): string {
    return this.reader.cursor;
  }

  /** Message batches decoded and handed on: proof that the server sends real data, not just pings. */
  get batchesDelivered(): number {
    return this.reader.batchesDelivered;
  }

  /** Resolves after every frame received so far has been handled. */
  settled(): Promise<void> {
    return this.reader.settled();
  }

  private finish(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.reader.stop();
    this.stopTimers();
    if (this.socket) detachSocket(this.socket);
    this.options.onClose(code, reason, closeError(code, reason, this.options.limits.maxFrameBytes));
  }

  private stopTimers(): void {
    this.heartbeat.stop();
    this.watchdog.stop();
  }

  private send(bytes: Uint8Array): boolean {
    const socket = this.socket;
    if (!socket || this.closed || socket.readyState !== 1) return false;
    try {
      socket.send(bytes);
      return true;
    } catch (e) {
      this.options.logger.debug("[tiktok-live] send failed", e);
      return false;
    }
  }
}
