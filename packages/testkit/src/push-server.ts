import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { HeartBeatMessage, WebcastImEnterRoomMessage, WebcastPushFrame } from "@tiktok-live/proto";
import { type WebSocket, WebSocketServer } from "ws";
import { encodeServiceFrame } from "./frames.js";
import type { FaultSet } from "./hostile/faults.js";
import { applyEntryFaults } from "./hostile/socket-faults.js";

/** One client connected to the push server, with what it has sent us. */
export interface PushSession {
  readonly id: number;
  readonly socket: WebSocket;
  readonly query: URLSearchParams;
  readonly cookie: string;
  readonly userAgent: string;
  heartbeats: number;
  lastHeartbeatSeq: bigint;
  heartbeatRoomId: bigint;
  /** Log ids the client acked, with the ack payload it sent (the batch's internal ext). */
  readonly acks: Map<bigint, string>;
  entered: boolean;
  enterCursor: string;
  closed: boolean;
  /** A `ping-storm` is on this session: no data frame and no heartbeat answer goes out. */
  muted: boolean;
}

export interface PushServerOptions {
  roomId: string;
  /** Close a socket that sends no heartbeat for this long. */
  heartbeatTimeoutMs: number;
  /** Cookie that must be present on the handshake (set by the sign server). */
  requiredCookie: string;
  onEnter: (session: PushSession) => void;
  onClose: (session: PushSession) => void;
  /** Hostile faults of the simulator (handshake, accept and entry faults act here). */
  faults: FaultSet;
}

/** The wait for a session's next heartbeat. */
interface HeartbeatDeadline {
  restart(): void;
  stop(): void;
}

/** Close code the server uses when heartbeats stop. */
export const heartbeatTimeoutCode = 4001;

/**
 * The WebSocket half of the simulator: checks the handshake like TikTok does,
 * answers enter-room and heartbeats, records acks, and closes sockets whose
 * heartbeats stop.
 */
export class PushServer {
  readonly sessions = new Set<PushSession>();
  private readonly wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  private nextId = 1;
  private stalledUntil = 0;
  /** Handshakes left unanswered while stalled; destroyed on close so the HTTP server can stop. */
  private readonly unanswered = new Set<Duplex>();
  /** Every handshake seen, accepted or not (for tests that check what the client sent). */
  readonly handshakes: Array<{ url: string; cookie: string; userAgent: string; accepted: boolean }> = [];

  constructor(private readonly options: PushServerOptions) {}

  get stalled(): boolean {
    return Date.now() < this.stalledUntil;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? "/", "http://localhost");
    const cookie = req.headers.cookie ?? "";
    const userAgent = req.headers["user-agent"] ?? "";
    const reject = (why: string) => {
      this.handshakes.push({ url: req.url ?? "", cookie, userAgent, accepted: false });
      // TikTok refuses with a plain 200 and the reason in a header, not with a 101.
      socket.end(
        `HTTP/1.1 200 OK\r\nHandshake-Msg: ${why}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
      );
    };
    if (url.searchParams.get("room_id") !== this.options.roomId) return reject("room_id mismatch");
    if (url.searchParams.get("compress") !== "gzip") return reject("compress must be gzip");
    if (!cookie.includes(`${this.options.requiredCookie}=`)) return reject("missing cookie");
    if (this.options.faults.act("handshake-reject")) return reject("hostile: handshake rejected");
    if (this.stalled) {
      // A stalled server accepts nothing and answers nothing.
      this.unanswered.add(socket);
      socket.on("close", () => this.unanswered.delete(socket));
      socket.on("error", () => {});
      return;
    }
    this.handshakes.push({ url: req.url ?? "", cookie, userAgent, accepted: true });
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, url.searchParams, cookie, userAgent));
  }

  /** A client completed the handshake: its session, its heartbeat deadline, and what its frames do. */
  private accept(socket: WebSocket, query: URLSearchParams, cookie: string, userAgent: string): void {
    const session = this.openSession(socket, query, cookie, userAgent);
    const deadline = this.heartbeatDeadline(socket);
    socket.on("message", (data: Buffer) => this.receive(session, data, deadline));
    socket.on("close", () => {
      deadline.stop();
      this.closeSession(session);
    });
    socket.on("error", () => {});
    if (this.options.faults.act("accept-and-drop")) socket.close(1000, "accept-and-drop");
  }

  private openSession(
    socket: WebSocket,
    query: URLSearchParams,
    cookie: string,
    userAgent: string,
  ): PushSession {
    const session: PushSession = {
      id: this.nextId++,
      socket,
      query,
      cookie,
      userAgent,
      heartbeats: 0,
      lastHeartbeatSeq: 0n,
      heartbeatRoomId: 0n,
      acks: new Map(),
      entered: false,
      enterCursor: "",
      closed: false,
      muted: false,
    };
    this.sessions.add(session);
    return session;
  }

  private closeSession(session: PushSession): void {
    session.closed = true;
    this.sessions.delete(session);
    this.options.onClose(session);
  }

  /** Closes the socket when no heartbeat comes within the timeout; each heartbeat restarts the wait. */
  private heartbeatDeadline(socket: WebSocket): HeartbeatDeadline {
    const arm = () =>
      setTimeout(
        () => socket.close(heartbeatTimeoutCode, "heartbeat timeout"),
        this.options.heartbeatTimeoutMs,
      );
    let timer = arm();
    return {
      restart: () => {
        clearTimeout(timer);
        timer = arm();
      },
      stop: () => clearTimeout(timer),
    };
  }

  /** One frame from a client; a frame that is not a push frame ends the connection, as on TikTok. */
  private receive(session: PushSession, data: Buffer, deadline: HeartbeatDeadline): void {
    if (this.stalled || session.muted) return;
    let frame: WebcastPushFrame;
    try {
      frame = WebcastPushFrame.decode(new Uint8Array(data));
    } catch {
      session.socket.close(1003, "bad frame");
      return;
    }
    if (frame.payloadType === "hb") this.heartbeat(session, frame, deadline);
    else if (frame.payloadType === "ack")
      session.acks.set(frame.logId, new TextDecoder().decode(frame.payload));
    else if (frame.payloadType === "im_enter_room") this.enterRoom(session, frame);
  }

  private heartbeat(session: PushSession, frame: WebcastPushFrame, deadline: HeartbeatDeadline): void {
    const hb = HeartBeatMessage.decode(frame.payload);
    session.heartbeats++;
    session.lastHeartbeatSeq = hb.sendPacketSeqId;
    session.heartbeatRoomId = hb.roomId;
    deadline.restart();
    session.socket.send(encodeServiceFrame("hb", frame.logId));
  }

  private enterRoom(session: PushSession, frame: WebcastPushFrame): void {
    const enter = WebcastImEnterRoomMessage.decode(frame.payload);
    session.entered = true;
    session.enterCursor = enter.cursor;
    session.socket.send(encodeServiceFrame("im_enter_room_resp", frame.logId));
    this.options.onEnter(session);
    applyEntryFaults(this.options.faults, session);
  }

  /** Sends a frame to every client that has entered the room. */
  broadcast(frame: Uint8Array): number {
    if (this.stalled) return 0;
    let sent = 0;
    for (const s of this.sessions) {
      if (s.entered && !s.closed && !s.muted) {
        s.socket.send(frame);
        sent++;
      }
    }
    return sent;
  }

  /** Cuts every connection without a close handshake, like a network failure. */
  drop(): void {
    for (const s of this.sessions) s.socket.terminate();
  }

  /** Goes silent for `ms`: no frames out, none handled, no new handshakes answered. */
  stall(ms: number): void {
    this.stalledUntil = Date.now() + ms;
  }

  closeAll(code = 1000, reason = "server closing"): void {
    for (const s of this.sessions) s.socket.close(code, reason);
  }

  /** Resolves when no client is connected anymore. */
  close(): Promise<void> {
    for (const s of this.sessions) s.socket.terminate();
    for (const socket of this.unanswered) socket.destroy();
    this.unanswered.clear();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }
}
