import { MessageBatch, WebcastPushFrame } from "@tiktok-live/proto";
import { type Gunzip, isPromiseLike } from "../capabilities.js";
import { type OutputReuse, outputReuseOf } from "../compression/output-reuse.js";
import { DecodeError } from "../errors/errors.js";
import { encodeAck, type FrameLimits } from "./push-frame.js";

/** The next layer of the frame path: a batch per `msg` frame, or the error of a frame that could not be read. */
export interface BatchSink {
  routeBatch(batch: MessageBatch): void;
  reportError(error: DecodeError): void;
  /**
   * False when nothing can read the bytes of the batch routed last any more
   * (no event, listener or queue kept a view into them): the gunzip may then
   * write the next frame over them. Without it, bytes are never reused.
   */
  keptLastBatch?(): boolean;
}

export interface FrameReaderOptions {
  gunzip: Gunzip;
  limits: FrameLimits;
  /** Where decoded batches and unreadable frames go, in arrival order (the client's MessageRouter). */
  sink: BatchSink;
  onRawFrame?: ((bytes: Uint8Array) => void) | undefined;
  /** Sends an ack on the socket; false when it could not (the close that follows says why). */
  send(bytes: Uint8Array): boolean;
  /** A frame over `limits.maxFrameBytes`: the connection must close with 1009. */
  tooLarge(): void;
  /** A frame arrived or finished being handled: the socket is alive. */
  alive(): void;
}

/**
 * The first step of the frame path: each WebSocket message of one push connection, in arrival
 * order, read into a frame, gunzipped into a batch, acked if asked, and handed to the sink.
 * push-connection.ts owns the socket and points its messages here.
 */
export class FrameReader {
  /** A frame is being handled (or waits for an async gunzip); later frames wait in `waiting`. */
  private handling = false;
  private readonly waiting: Uint8Array[] = [];
  /** Binary frames received and handled so far, for `settled()`. */
  private queued = 0;
  private handled = 0;
  private settleWaiters: Array<{ upTo: number; resolve: () => void }> = [];
  /** The connection has closed: frames still waiting (or in gunzip) are dropped. */
  private stopped = false;
  /** Latest resume position seen on this connection. */
  cursor = "";
  /** Message batches decoded and handed on: proof that the server sends real data, not just pings. */
  batchesDelivered = 0;

  /** The gunzip's offer to inflate into a buffer handed back after each frame, if it makes one. */
  private readonly reuse: OutputReuse | undefined;

  constructor(private readonly options: FrameReaderOptions) {
    this.reuse = options.sink.keptLastBatch ? outputReuseOf(options.gunzip) : undefined;
  }

  /** Resolves after every frame received so far has been handled. */
  settled(): Promise<void> {
    if (this.handled >= this.queued) return Promise.resolve();
    const upTo = this.queued;
    return new Promise((resolve) => this.settleWaiters.push({ upTo, resolve }));
  }

  stop(): void {
    this.stopped = true;
  }

  /** One WebSocket message, as the socket gave it. */
  receive(data: unknown): void {
    this.options.alive();
    const bytes = toBytes(data);
    if (!bytes) {
      this.options.sink.reportError(
        new DecodeError("Received a non-binary WebSocket message", "WebcastPushFrame", 0),
      );
      return;
    }
    // The same end as when the adapter's socket enforces the cap itself (Node's `ws` maxPayload).
    if (bytes.length > this.options.limits.maxFrameBytes) {
      this.options.tooLarge();
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
    this.options.alive();
    if (this.settleWaiters.length === 0) return;
    const done = this.settleWaiters.filter((w) => w.upTo <= this.handled);
    if (done.length === 0) return;
    this.settleWaiters = this.settleWaiters.filter((w) => w.upTo > this.handled);
    for (const w of done) w.resolve();
  }

  /** Decodes and delivers one frame; returns a promise (that never rejects) only when gunzip is async. */
  private handle(bytes: Uint8Array): Promise<void> | undefined {
    if (this.stopped) return undefined;
    let inbound: InboundFrame | Promise<InboundFrame>;
    try {
      inbound = readInboundFrame(bytes, this.options.gunzip, this.options.limits, this.reuse);
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

  private deliver({ frame, batch, reusable }: InboundFrame, bytes: Uint8Array): void {
    if (!batch || this.stopped) return;
    try {
      if (batch.cursor) this.cursor = batch.cursor;
      if (batch.needAck) this.options.send(encodeAck(frame.logId, batch.internalExt));
      this.batchesDelivered++;
      const sink = this.options.sink;
      sink.routeBatch(batch);
      // Handed back only when routing finished and said nothing kept a view into the bytes.
      if (reusable && sink.keptLastBatch?.() === false) this.reuse?.release(reusable);
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
  /** The inflated bytes under `batch` when they came from the output-reuse offer: to hand back once unused. */
  reusable?: Uint8Array;
}

/**
 * Wire bytes → frame → (gunzip) → batch. Every failure becomes a DecodeError
 * that names the stage and the byte count, so one bad frame never takes the
 * connection down. The frame comes back synchronously unless `gunzip` returns
 * a promise. Throws (or rejects) only DecodeErrors. With `reuse` (the
 * gunzip's output-reuse offer), the batch is inflated through it and its bytes
 * come back as `reusable`.
 */
export function readInboundFrame(
  bytes: Uint8Array,
  gunzip: Gunzip,
  limits: FrameLimits,
  reuse?: OutputReuse,
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
  if (reuse) {
    let reusable: Uint8Array;
    try {
      reusable = reuse.inflate(frame.payload, limits.maxDecompressedBytes);
    } catch (cause) {
      throw gunzipFailed(frame, cause);
    }
    return { frame, batch: decodeBatch(reusable), reusable };
  }
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
