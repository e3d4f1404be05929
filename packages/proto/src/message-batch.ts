import { BinaryReader } from "@bufbuild/protobuf/wire";
import {
  type BaseProtoMessage,
  ProtoMessageFetchResult,
  ProtoMessageFetchResult_RouteParamsEntry,
} from "./gen/webcast/envelope.js";
import { MethodNames } from "./method-names.js";

/** Shared by every batch: the method names seen so far. */
const methodNames = new MethodNames();

const { messages: _, ...emptyHeader } = ProtoMessageFetchResult.create();

/** The batch's fields other than its messages. */
export type BatchHeader = Omit<ProtoMessageFetchResult, "messages">;

/**
 * A batch of push messages (`ProtoMessageFetchResult`) whose messages are
 * decoded one at a time, on request. Decoding the batch reads its header and
 * each message's method; a message's id, payload and the rest are read only
 * when `message(i)` is called, so a client that listens to comments does not
 * pay for the likes and joins around them.
 *
 * Fields are read as the generated decoder reads them, so a well-formed batch
 * gives exactly what `ProtoMessageFetchResult.decode` gives (property-tested).
 * Malformed input differs in two ways, both on purpose: a malformed message
 * fails on its own, when read, instead of failing the whole batch; and a field
 * that runs past the end of its message is an error, where the generated
 * decoder would go on reading the next message's bytes as this one's.
 */
export class MessageBatch {
  private constructor(
    readonly header: BatchHeader,
    /** Method of each message. */
    private readonly methods: string[],
    /** Where each message starts in the body and where its declared length ends. */
    private readonly spans: number[],
    private readonly body: Uint8Array,
    /** Reads the body; one per batch, repositioned for each message. */
    private readonly reader: BinaryReader | undefined,
    private decoded: ProtoMessageFetchResult | undefined,
  ) {}

  /** Reads a batch's header and methods from its wire bytes; throws if those are malformed. */
  static decode(body: Uint8Array): MessageBatch {
    const reader = new BinaryReader(body);
    // The generated defaults, with a map of its own (it is filled in place below).
    const header: BatchHeader = { ...emptyHeader, routeParams: {} };
    const methods: string[] = [];
    const spans: number[] = [];
    while (reader.pos < reader.len) {
      const tag = reader.uint32();
      switch (tag) {
        case 10: {
          const length = reader.uint32();
          const start = reader.pos;
          const end = start + length;
          if (end > reader.len) throw new RangeError("premature EOF");
          methods.push(peekMethod(reader, body, end));
          spans.push(start, end);
          reader.pos = end;
          continue;
        }
        case 18:
          header.cursor = reader.string();
          continue;
        case 24:
          header.fetchInterval = reader.int64() as bigint;
          continue;
        case 32:
          header.now = reader.int64() as bigint;
          continue;
        case 42:
          header.internalExt = reader.string();
          continue;
        case 48:
          header.fetchType = reader.int32();
          continue;
        case 58: {
          const entry = ProtoMessageFetchResult_RouteParamsEntry.decode(reader, reader.uint32());
          if (entry.value !== undefined) header.routeParams[entry.key] = entry.value;
          continue;
        }
        case 64:
          header.heartbeatDuration = reader.int64() as bigint;
          continue;
        case 72:
          header.needAck = reader.bool();
          continue;
        case 82:
          header.pushServer = reader.string();
          continue;
        case 88:
          header.isFirst = reader.bool();
          continue;
        case 98:
          header.historyCommentCursor = reader.string();
          continue;
        case 104:
          header.historyNoMore = reader.bool();
          continue;
      }
      if ((tag & 7) === 4 || tag === 0) break;
      reader.skip(tag & 7);
    }
    return new MessageBatch(header, methods, spans, body, reader, undefined);
  }

  /** A batch that is already decoded (e.g. the first one, from the sign server's HTTP response). */
  static from(result: ProtoMessageFetchResult): MessageBatch {
    const { messages, ...header } = result;
    return new MessageBatch(
      header,
      messages.map((m) => m.method),
      [],
      noBytes,
      undefined,
      result,
    );
  }

  get cursor(): string {
    return this.header.cursor;
  }

  get internalExt(): string {
    return this.header.internalExt;
  }

  get needAck(): boolean {
    return this.header.needAck;
  }

  /** Number of messages. */
  get length(): number {
    return this.methods.length;
  }

  /** Method of message `i`, e.g. `WebcastChatMessage`. */
  method(i: number): string {
    return this.methods[i]!;
  }

  /** Size of message `i` on the wire, in bytes (for error reports). */
  byteLength(i: number): number {
    return this.decoded
      ? this.decoded.messages[i]!.payload.length
      : this.spans[2 * i + 1]! - this.spans[2 * i]!;
  }

  /**
   * The wire bytes of message `i` (its `BaseProtoMessage`), a view into the
   * batch; empty for a batch made with `from`. For reporting a message that
   * `message(i)` could not read.
   */
  messageBytes(i: number): Uint8Array {
    return this.decoded ? noBytes : this.body.subarray(this.spans[2 * i]!, this.spans[2 * i + 1]!);
  }

  /**
   * Message `i`, decoded now (its payload stays a view into the batch's bytes).
   * Throws if the message is malformed; the batch's other messages are unaffected.
   */
  message(i: number): BaseProtoMessage {
    if (this.decoded) return this.decoded.messages[i]!;
    return readMessage(this.reader!, this.body, this.spans[2 * i]!, this.spans[2 * i + 1]!, this.methods[i]!);
  }

  /** The whole batch as the generated decoder gives it; made once, on first call. */
  toResult(): ProtoMessageFetchResult {
    if (!this.decoded) {
      const messages: BaseProtoMessage[] = [];
      for (let i = 0; i < this.methods.length; i++) messages.push(this.message(i));
      this.decoded = { messages, ...this.header };
    }
    return this.decoded;
  }
}

/**
 * The method of the BaseProtoMessage at the reader, which ends at `end`.
 * TikTok writes the method first, so this is usually one tag and one length;
 * otherwise the fields before it are stepped over. The rest of the message is
 * checked only when `message(i)` reads it.
 */
function peekMethod(reader: BinaryReader, body: Uint8Array, end: number): string {
  while (reader.pos < end) {
    const tag = reader.uint32();
    if (tag === 10) {
      const start = skipBytes(reader, end);
      return methodNames.read(body, start, reader.pos);
    }
    if ((tag & 7) === 4 || tag === 0) break;
    reader.skip(tag & 7);
  }
  // Reading stops at the message's end; a field that went past it ends the loop too.
  if (reader.pos > end) throw new RangeError("field runs past the end of its message");
  return "";
}

/** Steps over a length-delimited field that must end by `end`; returns where its bytes start. */
function skipBytes(reader: BinaryReader, end: number): number {
  const length = reader.uint32();
  const start = reader.pos;
  reader.pos += length;
  if (reader.pos > end) throw new RangeError("field runs past the end of its message");
  return start;
}

/**
 * Reads one BaseProtoMessage from `start` to `end`, as the generated decoder
 * does, except that a field running past the message's end is an error.
 * `peeked` is what `peekMethod` read from the first method field: that field
 * is stepped over, not looked up again.
 */
function readMessage(
  reader: BinaryReader,
  body: Uint8Array,
  start: number,
  end: number,
  peeked: string,
): BaseProtoMessage {
  reader.pos = start;
  let methodFields = 0;
  const message: BaseProtoMessage = {
    method: "",
    payload: noBytes,
    msgId: 0n,
    msgType: 0,
    offset: 0n,
    isHistory: false,
  };
  read: while (reader.pos < end) {
    const tag = reader.uint32();
    switch (tag) {
      case 10: {
        // The first one is the field peekMethod read; a later one is read, since the last value wins.
        const from = skipBytes(reader, end);
        message.method = methodFields++ === 0 ? peeked : methodNames.read(body, from, reader.pos);
        break;
      }
      case 18:
        message.payload = reader.bytes();
        break;
      case 24:
        message.msgId = reader.int64() as bigint;
        break;
      case 32:
        message.msgType = reader.int32();
        break;
      case 40:
        message.offset = reader.int64() as bigint;
        break;
      case 48:
        message.isHistory = reader.bool();
        break;
      default:
        // An end-group or zero tag stops the message early, as in the generated decoder.
        if ((tag & 7) === 4 || tag === 0) break read;
        reader.skip(tag & 7);
    }
  }
  // Reading stops at the message's end; a field that went past it ends the loop too.
  if (reader.pos > end) throw new RangeError("field runs past the end of its message");
  return message;
}

const noBytes = new Uint8Array(0);
