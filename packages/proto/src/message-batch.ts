import { BinaryReader } from "@bufbuild/protobuf/wire";
import {
  type BaseProtoMessage,
  type ProtoMessageFetchResult,
  ProtoMessageFetchResult_RouteParamsEntry,
} from "./gen/webcast/envelope.js";
import { MethodNames } from "./method-names.js";

/** Shared by every batch: the method names seen so far. */
const methodNames = new MethodNames();

/** The batch's fields other than its messages. */
export type BatchHeader = Omit<ProtoMessageFetchResult, "messages">;

/**
 * A batch of push messages (`ProtoMessageFetchResult`) whose messages are
 * decoded one at a time, on request. Decoding the batch reads its header and
 * each message's method; a message's id, payload and the rest are read only
 * when `message(i)` is called, so a client that listens to comments does not
 * pay for the likes and joins around them.
 *
 * `decode` follows the generated decoder field by field (tests compare the
 * two on random and corrupt input), so a batch it accepts gives exactly the
 * messages `ProtoMessageFetchResult.decode` would.
 */
export class MessageBatch {
  private constructor(
    readonly header: BatchHeader,
    /** Method of each message. */
    private readonly methods: string[],
    /** Where each message starts in the body and where its declared length ends. */
    private readonly spans: number[],
    /** Reads the body; one per batch, repositioned for each message. */
    private readonly reader: BinaryReader | undefined,
    private decoded: ProtoMessageFetchResult | undefined,
  ) {}

  /** Reads a batch from its wire bytes; throws on malformed bytes, like the generated decoder. */
  static decode(body: Uint8Array): MessageBatch {
    const reader = new BinaryReader(body);
    const header: BatchHeader = {
      cursor: "",
      fetchInterval: 0n,
      now: 0n,
      internalExt: "",
      fetchType: 0,
      routeParams: {},
      heartbeatDuration: 0n,
      needAck: false,
      pushServer: "",
      isFirst: false,
      historyCommentCursor: "",
      historyNoMore: false,
    };
    const methods: string[] = [];
    const spans: number[] = [];
    while (reader.pos < reader.len) {
      const tag = reader.uint32();
      switch (tag) {
        case 10: {
          const length = reader.uint32();
          const start = reader.pos;
          methods.push(scanMethod(reader, body, start + length));
          spans.push(start, start + length);
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
    return new MessageBatch(header, methods, spans, reader, undefined);
  }

  /** A batch that is already decoded (e.g. the first one, from the sign server's HTTP response). */
  static from(result: ProtoMessageFetchResult): MessageBatch {
    const { messages, ...header } = result;
    return new MessageBatch(
      header,
      messages.map((m) => m.method),
      [],
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

  /** Message `i`, decoded now (its payload stays a view into the batch's bytes). */
  message(i: number): BaseProtoMessage {
    if (this.decoded) return this.decoded.messages[i]!;
    return readMessage(this.reader!, this.spans[2 * i]!, this.spans[2 * i + 1]!, this.methods[i]!);
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
 * Reads one BaseProtoMessage up to `end` for its method only, checking every
 * field the way the generated decoder reads it (so a batch this accepts never
 * fails later in `message(i)`), and leaves the reader where that decoder would.
 */
function scanMethod(reader: BinaryReader, body: Uint8Array, end: number): string {
  let method = "";
  while (reader.pos < end) {
    const tag = reader.uint32();
    switch (tag) {
      case 10: {
        const start = skipBytes(reader);
        method = methodNames.read(body, start, reader.pos);
        continue;
      }
      case 18:
        skipBytes(reader);
        continue;
      case 24:
      case 40:
        skipInt64(reader, body);
        continue;
      case 32:
        reader.int32();
        continue;
      case 48:
        reader.bool();
        continue;
    }
    if ((tag & 7) === 4 || tag === 0) break;
    reader.skip(tag & 7);
  }
  return method;
}

/** Steps over a length-delimited field as `reader.bytes()` reads it; returns where its bytes start. */
function skipBytes(reader: BinaryReader): number {
  const length = reader.uint32();
  const start = reader.pos;
  reader.pos += length;
  if (reader.pos > reader.len) throw new RangeError("premature EOF");
  return start;
}

/** Steps over a 64-bit varint with the checks of `reader.int64()`, without making the bigint. */
function skipInt64(reader: BinaryReader, body: Uint8Array): void {
  let pos = reader.pos;
  for (let i = 0; i < 10; i++) {
    if ((body[pos++]! & 0x80) === 0) {
      reader.pos = pos;
      if (pos > reader.len) throw new RangeError("premature EOF");
      return;
    }
  }
  throw new Error("invalid varint");
}

function readMessage(reader: BinaryReader, start: number, end: number, method: string): BaseProtoMessage {
  reader.pos = start;
  const message: BaseProtoMessage = {
    method,
    payload: noBytes,
    msgId: 0n,
    msgType: 0,
    offset: 0n,
    isHistory: false,
  };
  while (reader.pos < end) {
    const tag = reader.uint32();
    switch (tag) {
      case 10:
        // The method was read (and interned) by the scan.
        reader.skip(2);
        continue;
      case 18:
        message.payload = reader.bytes();
        continue;
      case 24:
        message.msgId = reader.int64() as bigint;
        continue;
      case 32:
        message.msgType = reader.int32();
        continue;
      case 40:
        message.offset = reader.int64() as bigint;
        continue;
      case 48:
        message.isHistory = reader.bool();
        continue;
    }
    if ((tag & 7) === 4 || tag === 0) break;
    reader.skip(tag & 7);
  }
  return message;
}

const noBytes = new Uint8Array(0);
