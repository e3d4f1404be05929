import { MessageBatch, WebcastPushFrame } from "@tiktok-live/proto";
import type { Gunzip, Logger, SocketLike, SocketRequest, WebSocketFactory } from "../capabilities.js";
import { DecodeError, WebSocketClosedError } from "../errors/errors.js";
import { encodeAck, encodeEnterRoom, encodeHeartbeat, type FrameLimits } from "./push-frame.js";
import { SilenceWatchdog } from "./silence-watchdog.js";

export interface PushConnectionOptions {
  createSocket: WebSocketFactory;
  gunzip: Gunzip;
  limits: FrameLimits;
  roomId: bigint;
  heartbeatIntervalMs: number;
  /** No frame for this long means the socket is dead even if it has not closed. */
  silenceTimeoutMs: number;
  logger: Logger;
  /** Where decoded batches and unreadable frames go, in arrival order (the client's MessageRouter). */
  sink: BatchSink;
  onRawFrame?: (bytes: Uint8Array) => void;
  /** Called once, when the socket closes for any reason after opening. */
  onClose: (code: number, reason: string, error?: WebSocketClosedError) => void;
}

/** The next layer of the frame path: a batch per `msg` frame, or the error of a frame that could not be read. */
export interface BatchSink {
  routeBatch(batch: MessageBatch): void;
  reportError(error: DecodeError): void;
}

/** Code we close with when heartbeats or the silence watchdog find the socket dead. */
export const deadSocketCloseCode = 4000;

/** RFC 6455 "message too big": how every frame over `limits.maxFrameBytes` ends the connection. */
export const frameTooLargeCloseCode = 1009;
const frameTooLargeReason = "frame too large";

/**
 * One WebSocket to the push server: frames in (read, gunzipped and handed to
 * the sink as batches, in arrival order), acks and heartbeats out. Reconnecting is the client's job, not this one's.
 */
export class PushConnection {
  private socket: SocketLike | undefined;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private readonly watchdog: SilenceWatchdog;
  private seq = 0n;
  /** A frame is being handled (or waits for an async gunzip); later frames wait in `waiting`. */
  private handling = false;
  private readonly waiting: Uint8Array[] = [];
  /** Binary frames received and handled so far, for `settled()`. */
  private queued = 0;
  private handled = 0;
  private settleWaiters: Array<{ upTo: number; resolve: () => void }> = [];
  private closed = false;
  /** Latest resume position seen on this connection. */
  cursor = "";
  internalExt = "";
  framesReceived = 0;
  /** Message batches decoded and handed on: proof that the server sends real data, not just pings. */
  batchesDelivered = 0;

  constructor(private readonly options: PushConnectionOptions) {
    this.watchdog = new SilenceWatchdog(options.silenceTimeoutMs, () => {
      options.logger.warn(
        `[tiktok-live] no frame for ${options.silenceTimeoutMs} ms; closing the silent socket`,
      );
      this.close(deadSocketCloseCode, "silent socket");
    });
  }

  /** Opens the socket; resolves on open, rejects if it closes or fails first. */
  open(request: SocketRequest, signal?: AbortSignal): Promise<void> {
    const failed = (cause: unknown) =>
      new WebSocketClosedError("Could not create the WebSocket", undefined, undefined, { cause });
    let created: SocketLike | Promise<SocketLike>;
    try {
      created = this.options.createSocket(request);
    } catch (cause) {
      return Promise.reject(failed(cause));
    }
    if (!isPromiseLike(created)) return this.attach(created, signal);
    // The adapter loads its WebSocket on first use; the socket exists only after that.
    return Promise.resolve(created).then(
      (socket) => {
        if (signal?.aborted) {
          socket.close(1000, "aborted");
          throw signal.reason;
        }
        return this.attach(socket, signal);
      },
      (cause: unknown) => {
        throw failed(cause);
      },
    );
  }

  private attach(socket: SocketLike, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      this.socket = socket;
      socket.binaryType = "arraybuffer";
      let opened = false;
      // A server that never answers the handshake would otherwise leave the client "connecting" forever.
      const handshakeTimer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        this.close(deadSocketCloseCode, "handshake timeout");
        reject(
          new WebSocketClosedError(
            `The push server did not answer the handshake within ${this.options.silenceTimeoutMs} ms`,
            deadSocketCloseCode,
            "handshake timeout",
          ),
        );
      }, this.options.silenceTimeoutMs);
      const onAbort = () => {
        clearTimeout(handshakeTimer);
        this.close(1000, "aborted");
        reject(signal?.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      socket.onopen = () => {
        opened = true;
        clearTimeout(handshakeTimer);
        signal?.removeEventListener("abort", onAbort);
        this.watchdog.start();
        resolve();
      };
      socket.onmessage = (ev) => this.receive(ev.data);
      socket.onerror = (ev) => {
        // The close event that follows carries the code, except for `ws`'s own payload cap:
        // it reports the oversized frame here and may wait 30 s for the close to finish.
        const cause = (ev as { error?: { code?: unknown } } | undefined)?.error;
        if (opened && cause?.code === "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH")
          this.close(frameTooLargeCloseCode, frameTooLargeReason);
      };
      socket.onclose = (ev) => {
        clearTimeout(handshakeTimer);
        signal?.removeEventListener("abort", onAbort);
        if (!opened) {
          this.stopTimers();
          this.closed = true;
          reject(
            new WebSocketClosedError(
              `The push server refused the connection (code ${ev.code}${ev.reason ? `, ${ev.reason}` : ""})`,
              ev.code,
              ev.reason,
            ),
          );
          return;
        }
        this.finish(ev.code, ev.reason);
      };
    });
  }

  /** Sends enter-room, then starts heartbeats: TikTok drops heartbeats that come before enter-room. */
  enterRoom(cursor: string): void {
    this.seq = 0n;
    this.send(encodeEnterRoom(this.options.roomId, cursor));
    this.beat();
    this.heartbeat = setInterval(() => this.beat(), this.options.heartbeatIntervalMs);
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

  /** Resolves after every frame received so far has been handled. */
  settled(): Promise<void> {
    if (this.handled >= this.queued) return Promise.resolve();
    const upTo = this.queued;
    return new Promise((resolve) => this.settleWaiters.push({ upTo, resolve }));
  }

  private finish(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.stopTimers();
    const socket = this.socket;
    if (socket) {
      socket.onopen = socket.onmessage = socket.onclose = null;
      // Keep a no-op error listener: closing a socket that is still connecting makes `ws`
      // emit "error" afterwards, and an EventEmitter error without a listener crashes the process.
      socket.onerror = () => {};
    }
    const error =
      code === 1000
        ? undefined
        : new WebSocketClosedError(
            code === frameTooLargeCloseCode && reason === frameTooLargeReason
              ? `The push connection closed (code 1009): a frame was larger than limits.maxFrameBytes (${this.options.limits.maxFrameBytes} bytes)`
              : `The push connection closed (code ${code}${reason ? `, ${reason}` : ""})`,
            code,
            reason,
          );
    this.options.onClose(code, reason, error);
  }

  private stopTimers(): void {
    if (this.heartbeat !== undefined) clearInterval(this.heartbeat);
    this.watchdog.stop();
    this.heartbeat = undefined;
  }

  private beat(): void {
    this.seq += 1n;
    if (!this.send(encodeHeartbeat(this.options.roomId, this.seq))) {
      this.close(deadSocketCloseCode, "heartbeat failed");
    }
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

  private receive(data: unknown): void {
    this.watchdog.frame();
    this.framesReceived++;
    const bytes = toBytes(data);
    if (!bytes) {
      this.options.sink.reportError(
        new DecodeError("Received a non-binary WebSocket message", "WebcastPushFrame", 0),
      );
      return;
    }
    // The same end as when the adapter's socket enforces the cap itself (Node's `ws` maxPayload).
    if (bytes.length > this.options.limits.maxFrameBytes) {
      this.close(frameTooLargeCloseCode, frameTooLargeReason);
      return;
    }
    this.options.onRawFrame?.(bytes);
    this.queued++;
    if (this.handling) this.waiting.push(bytes);
    else this.pump(bytes);
  }

  /**
   * Handles frames strictly in arrival order: synchronously, right in the
   * socket's message callback, while gunzip is synchronous (no promise per
   * frame); after the gunzip promise when it is not, with later frames waiting.
   */
  private pump(next: Uint8Array | undefined): void {
    this.handling = true;
    while (next !== undefined) {
      const pending = this.handle(next);
      if (pending) {
        void pending.then(() => {
          this.frameDone();
          this.pump(this.waiting.shift());
        });
        return;
      }
      this.frameDone();
      next = this.waiting.shift();
    }
    this.handling = false;
  }

  private frameDone(): void {
    this.handled++;
    this.watchdog.frame();
    if (this.settleWaiters.length === 0) return;
    const done = this.settleWaiters.filter((w) => w.upTo <= this.handled);
    if (done.length === 0) return;
    this.settleWaiters = this.settleWaiters.filter((w) => w.upTo > this.handled);
    for (const w of done) w.resolve();
  }

  /** Decodes and delivers one frame; returns a promise (that never rejects) only when gunzip is async. */
  private handle(bytes: Uint8Array): Promise<void> | undefined {
    if (this.closed) return undefined;
    let inbound: InboundFrame | Promise<InboundFrame>;
    try {
      inbound = readInboundFrame(bytes, this.options.gunzip, this.options.limits);
    } catch (error) {
      this.failed(error, bytes);
      return undefined;
    }
    if (inbound instanceof Promise) {
      return inbound.then(
        (frame) => this.deliver(frame, bytes),
        (error) => this.failed(error, bytes),
      );
    }
    this.deliver(inbound, bytes);
    return undefined;
  }

  private deliver({ frame, batch }: InboundFrame, bytes: Uint8Array): void {
    if (!batch || this.closed) return;
    try {
      if (batch.cursor) this.cursor = batch.cursor;
      if (batch.internalExt) this.internalExt = batch.internalExt;
      if (batch.needAck) this.send(encodeAck(frame.logId, batch.internalExt));
      this.batchesDelivered++;
      this.options.sink.routeBatch(batch);
    } catch (error) {
      this.failed(error, bytes);
    }
  }

  private failed(error: unknown, bytes: Uint8Array): void {
    if (error instanceof DecodeError) this.options.sink.reportError(error);
    else
      this.options.sink.reportError(
        new DecodeError("Frame handling failed", "WebcastPushFrame", bytes.length, { cause: error }),
      );
  }
}

/** The first bytes of every gzip member: magic 1f 8b and method 08 (deflate). */
function looksGzipped(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0x1f && bytes[1] === 0x8b && bytes[2] === 0x08;
}

export interface InboundFrame {
  frame: WebcastPushFrame;
  /** Present for `msg` frames: the batch of push messages, each decoded when asked for. */
  batch?: MessageBatch;
}

/**
 * Wire bytes → frame → (gunzip) → batch. Every failure becomes a DecodeError
 * that names the stage and the byte count, so one bad frame never takes the
 * connection down. The frame comes back synchronously unless `gunzip` returns
 * a promise. Throws (or rejects) only DecodeErrors.
 */
export function readInboundFrame(
  bytes: Uint8Array,
  gunzip: Gunzip,
  limits: FrameLimits,
): InboundFrame | Promise<InboundFrame> {
  if (bytes.length > limits.maxFrameBytes) {
    throw new DecodeError(
      `Push frame of ${bytes.length} bytes exceeds the ${limits.maxFrameBytes}-byte limit`,
      "WebcastPushFrame",
      bytes.length,
    );
  }
  let frame: WebcastPushFrame;
  try {
    frame = WebcastPushFrame.decode(bytes);
  } catch (cause) {
    throw new DecodeError(`Malformed push frame (${bytes.length} bytes)`, "WebcastPushFrame", bytes.length, {
      cause,
    });
  }
  if (frame.payloadType !== "msg") return { frame };

  const compress = frame.headers.compress_type;
  // Trust the header, but sniff too: some servers omit it on gzip payloads.
  const gzipped = compress === "gzip" || (compress !== "none" && looksGzipped(frame.payload));
  if (!gzipped) return { frame, batch: decodeBatch(frame.payload) };
  let body: Uint8Array | Promise<Uint8Array>;
  try {
    body = gunzip(frame.payload, limits.maxDecompressedBytes);
  } catch (cause) {
    throw gunzipFailed(frame, cause);
  }
  if (isPromiseLike(body)) {
    return Promise.resolve(body).then(
      (out) => ({ frame, batch: decodeBatch(out) }),
      (cause) => {
        throw gunzipFailed(frame, cause);
      },
    );
  }
  return { frame, batch: decodeBatch(body) };
}

/** Whether a capability answered with a promise (or any thenable) rather than a value. */
export function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}

function gunzipFailed(frame: WebcastPushFrame, cause: unknown): DecodeError {
  return new DecodeError(
    `Could not decompress push frame payload (${frame.payload.length} bytes)`,
    "ProtoMessageFetchResult",
    frame.payload.length,
    { cause },
  );
}

function decodeBatch(body: Uint8Array): MessageBatch {
  try {
    return MessageBatch.decode(body);
  } catch (cause) {
    throw new DecodeError(
      `Malformed message batch (${body.length} bytes)`,
      "ProtoMessageFetchResult",
      body.length,
      { cause },
    );
  }
}

function toBytes(data: unknown): Uint8Array | undefined {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return undefined;
}
