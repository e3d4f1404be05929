import { EventEmitter } from "node:events";
import { TikTokLiveConnection, WebcastEvent, WebcastWebSocketClient } from "tiktok-live-connector";
import type { Corpus } from "./corpus.js";
import { drive, EventCounter, type Feed, nextTurn, type Variant } from "./harness.js";

/**
 * tiktok-live-connector 2.x, fed the same frames through its own WebSocket
 * message handler, no network.
 *
 * How its dist handles a binary message (lib-*.js):
 *  - `WebcastWebSocketClient` (extends ws's WebSocket) subscribes
 *    `this.on("message", this.onMessage.bind(this))`; `ws` emits "message"
 *    with a Buffer per binary frame.
 *  - `onMessage` awaits `deserializeWebSocketMessage`: WebcastPushFrame.decode,
 *    `util.promisify(zlib.unzip)` (thread pool), ProtoMessageFetchResult decode
 *    and every known message decoded eagerly; it acks when `needAck` and emits
 *    "protoMessageFetchResult".
 *  - `TikTokLiveConnection.setupWebsocket` wires that to
 *    `processProtoMessageFetchResult`, which emits one event per message
 *    (awaiting `processDecodedData` between messages).
 *
 * Here the socket object is made from the class's prototype without opening
 * a connection, wired exactly as setupWebsocket wires it; only the final
 * socket write of the ack is skipped (the ack is still encoded), as our
 * client's loopback socket skips it too.
 */

/** Event names of the connector for the same message kinds our client listens to. */
export const connectorAllEvents: string[] = [
  WebcastEvent.CHAT,
  WebcastEvent.GIFT,
  WebcastEvent.LIKE,
  WebcastEvent.MEMBER,
  WebcastEvent.ROOM_USER,
  WebcastEvent.SOCIAL,
  WebcastEvent.FOLLOW,
  WebcastEvent.SHARE,
  WebcastEvent.CONTROL_MESSAGE,
];

interface ConnectorSocket extends EventEmitter {
  onMessage(message: Buffer): Promise<void>;
  sendBytes(data: Uint8Array): boolean;
  webcastWsConfig: unknown;
  seqId: number;
  pingInterval: unknown;
}

interface ConnectionInternals extends EventEmitter {
  processProtoMessageFetchResult(result: unknown): Promise<void>;
  handleError(error: unknown, info: string): void;
}

export interface ConnectorFeed extends Feed<Buffer> {
  socket: ConnectorSocket;
  connection: ConnectionInternals;
  bytesSent: number;
}

export function connectorFeed(events: string[]): ConnectorFeed {
  // Its typings hide the EventEmitter methods; the class extends node's EventEmitter.
  const conn = new TikTokLiveConnection("simulated_host", {}) as unknown as ConnectionInternals;
  const socket = Object.create(WebcastWebSocketClient.prototype) as ConnectorSocket;
  EventEmitter.call(socket);
  socket.webcastWsConfig = { roomId: "7311111111111111111", DEFAULT_WS_PING_INTERVAL: 10_000 };
  socket.seqId = 1;
  socket.pingInterval = null;
  const feed: ConnectorFeed = {
    socket,
    connection: conn,
    bytesSent: 0,
    counter: new EventCounter(),
    deliver: (frame) => socket.emit("message", frame, true),
  };
  socket.sendBytes = (data) => {
    feed.bytesSent += Buffer.from(data).length;
    return true;
  };
  // As WebcastWebSocketClient's constructor and TikTokLiveConnection.setupWebsocket do.
  socket.on("message", socket.onMessage.bind(socket));
  socket.on("protoMessageFetchResult", conn.processProtoMessageFetchResult.bind(conn));
  socket.on("imEnteredRoom", (data) => conn.emit("enterRoom", data));
  socket.on("webSocketData", (data) => conn.emit("websocketData", data));
  socket.on("messageDecodingFailed", (err) => conn.handleError(err, "Websocket message decoding failed"));
  for (const name of events) conn.on(name, feed.counter.handler);
  return feed;
}

/** Cumulative events after each frame: the handler's own promise, then one turn for its emits. */
async function calibrate(corpus: Corpus, events: string[]): Promise<number[]> {
  const feed = connectorFeed(events);
  const expected: number[] = [];
  for (const frame of corpus.frames) {
    await feed.socket.onMessage(frame);
    await nextTurn();
    expected.push(feed.counter.count);
  }
  return expected;
}

export async function connectorVariant(
  name: string,
  corpus: Corpus,
  events: string[],
  inFlight: number,
): Promise<Variant & { expected: number[] }> {
  const expected = await calibrate(corpus, events);
  let feed: ConnectorFeed | undefined;
  return {
    name,
    expected,
    async prepare() {
      feed = connectorFeed(events);
    },
    run: () => drive(feed!, corpus.frames, expected, inFlight),
    async cleanup() {
      feed!.connection.removeAllListeners();
      feed = undefined;
    },
  };
}

/** Sanity check: the connector reads our frames as TikTok's (a comment keeps its user and text). */
export async function connectorSeesComments(corpus: Corpus): Promise<string | undefined> {
  const feed = connectorFeed([]);
  let seen: string | undefined;
  feed.connection.on(WebcastEvent.CHAT, (e: { user?: { nickname?: string }; content?: string }) => {
    seen ??= `${e.user?.nickname}: ${e.content}`;
  });
  for (const frame of corpus.frames) {
    await feed.socket.onMessage(frame);
    await nextTurn();
    if (seen) break;
  }
  return seen;
}
