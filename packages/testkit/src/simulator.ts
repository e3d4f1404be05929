import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { BaseProtoMessage } from "@tiktok-live/proto";
import { sampleGifts } from "./fixtures.js";
import { encodeBatchFrame } from "./frames.js";
import { handleHttp, type RoomState } from "./http-routes.js";
import * as build from "./messages.js";
import { PushServer, type PushSession } from "./push-server.js";
import type { Scenario, ScenarioStep } from "./scenario.js";
import { namedScenario } from "./scenarios/index.js";

export interface SimulatorOptions {
  /** A scenario object or the name of a built-in one (see `scenarioNames`). Default: none (drive it with `push`). */
  scenario?: Scenario | string;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  uniqueId?: string;
  roomId?: string;
  /** When set, the sign server requires this `X-Api-Key`. */
  apiKey?: string;
  /** The push server closes sockets that send no heartbeat for this long. Default 30 s. */
  heartbeatTimeoutMs?: number;
  /** Already-delivered messages re-sent on resume, to prove the client drops repeats. Default 2. */
  resumeOverlap?: number;
  ageRestricted?: boolean;
  /** Start offline (status 4). */
  offline?: boolean;
  /** Time scale for scenario waits: 0 runs them back to back (max speed). Default 1. */
  speed?: number;
}

/** What to give a client so it talks to the simulator instead of TikTok. */
export interface SimulatorClientOptions {
  baseUrls: { web: string; webcast: string; signServer: string };
  signApiKey?: string;
}

/**
 * A loopback TikTok LIVE: profile page, room APIs, sign server and push
 * server on one port, driven by a scenario or by hand.
 */
export class Simulator {
  readonly state: RoomState;
  readonly push: PushServer;
  /** Every message sent to clients, in order; cursors index into it. */
  readonly log: BaseProtoMessage[] = [];
  /** Resolves when the scenario has run to its end. */
  readonly done: Promise<void>;
  private resolveDone!: () => void;
  private rejectDone!: (e: unknown) => void;
  private logId = 1000n;
  private seqId = 1n;
  private started = false;
  private clientWaiters: Array<(s: PushSession) => void> = [];
  private timers = new Set<ReturnType<typeof setTimeout>>();
  private closed = false;
  readonly scenario: Scenario | undefined;

  private constructor(
    private readonly server: Server,
    private readonly options: SimulatorOptions,
    private readonly host: string,
  ) {
    this.scenario = typeof options.scenario === "string" ? namedScenario(options.scenario) : options.scenario;
    this.done = new Promise((resolve, reject) => {
      this.resolveDone = resolve;
      this.rejectDone = reject;
    });
    this.done.catch(() => {});
    this.state = {
      uniqueId: options.uniqueId ?? "simulated_host",
      roomId: options.roomId ?? String(build.simulatedRoomId),
      title: "Simulated LIVE",
      status: options.offline ? 4 : 2,
      ageRestricted: options.ageRestricted ?? false,
      blocked: false,
      profileWithoutRoomId: false,
      apiKey: options.apiKey,
      gifts: sampleGifts,
      viewerCount: 1234,
      signFaults: [],
      signRequests: [],
      requests: [],
      chats: [],
      ttwid: `sim${randomBytes(8).toString("hex")}`,
      pushServerUrl: () => `ws://${this.hostPort}/webcast/im/push/v2/`,
      initialMessages: (cursor) => this.initialMessages(cursor),
    };
    this.push = new PushServer({
      roomId: this.state.roomId,
      heartbeatTimeoutMs: options.heartbeatTimeoutMs ?? 30_000,
      requiredCookie: "ttwid",
      onEnter: (session) => this.onEnter(session),
      onClose: () => {},
    });
    server.on("request", (req, res) => handleHttp(this.state, req, res));
    server.on("upgrade", (req, socket, head) => {
      if ((req.url ?? "").startsWith("/webcast/im/push/")) this.push.handleUpgrade(req, socket, head);
      else socket.destroy();
    });
  }

  static async start(options: SimulatorOptions = {}): Promise<Simulator> {
    const server = createServer();
    const host = options.host ?? "127.0.0.1";
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 0, host, () => resolve());
    });
    return new Simulator(server, options, host);
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  private get hostPort(): string {
    return `${this.host}:${this.port}`;
  }

  get uniqueId(): string {
    return this.state.uniqueId;
  }

  get roomId(): string {
    return this.state.roomId;
  }

  get baseUrls(): SimulatorClientOptions["baseUrls"] {
    const root = `http://${this.hostPort}`;
    return { web: root, webcast: `${root}/webcast`, signServer: `${root}/sign` };
  }

  /** Spread into the client's options. */
  clientOptions(): SimulatorClientOptions {
    return { baseUrls: this.baseUrls, ...(this.options.apiKey ? { signApiKey: this.options.apiKey } : {}) };
  }

  /** The cursor string for "everything up to message n". */
  cursorAt(n: number): string {
    return `sim-${n}`;
  }

  private initialMessages(cursor: string | undefined) {
    let messages: BaseProtoMessage[];
    if (cursor === undefined) {
      messages = this.scenario?.initial ?? [];
    } else {
      const seen = Number(/^sim-(\d+)$/.exec(cursor)?.[1] ?? this.log.length);
      const overlap = this.options.resumeOverlap ?? 2;
      messages = this.log.slice(Math.max(0, seen - overlap));
    }
    return {
      messages,
      cursor: this.cursorAt(this.log.length),
      internalExt: `internal_src:sim|cursor:${this.log.length}`,
    };
  }

  /** Sends one batch of messages to every client in the room and records it for resume. */
  send(...messages: BaseProtoMessage[]): void {
    this.log.push(...messages);
    const frame = encodeBatchFrame(messages, this.logId++, this.seqId++, {
      cursor: this.cursorAt(this.log.length),
      internalExt: `internal_src:sim|cursor:${this.log.length}`,
    });
    this.push.broadcast(frame);
  }

  sendRaw(bytes: Uint8Array): void {
    this.push.broadcast(bytes);
  }

  /** Resolves with the next client that enters the room (or one already in it). */
  waitForClient(timeoutMs = 15_000): Promise<PushSession> {
    for (const s of this.push.sessions) if (s.entered && !s.closed) return Promise.resolve(s);
    return this.nextEntry(timeoutMs, `No client entered the room within ${timeoutMs} ms`);
  }

  private onEnter(session: PushSession): void {
    // What was sent between signing and entering: the enter cursor says what the client
    // already has (as TikTok does), so a client resuming mid-stream misses nothing.
    const seen = Number(/^sim-(\d+)$/.exec(session.enterCursor)?.[1] ?? this.log.length);
    if (seen < this.log.length) {
      session.socket.send(
        encodeBatchFrame(this.log.slice(seen), this.logId++, this.seqId++, {
          cursor: this.cursorAt(this.log.length),
          internalExt: `internal_src:sim|cursor:${this.log.length}`,
        }),
      );
    }
    const waiters = this.clientWaiters;
    this.clientWaiters = [];
    for (const w of waiters) w(session);
    if (!this.started && this.scenario) {
      this.started = true;
      void this.run(this.scenario.steps).then(this.resolveDone, this.rejectDone);
    }
  }

  private sleep(ms: number): Promise<void> {
    const scaled = ms * (this.options.speed ?? 1);
    if (scaled <= 0) return new Promise((r) => setImmediate(r));
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, scaled);
      this.timers.add(t);
    });
  }

  private async run(steps: ScenarioStep[]): Promise<void> {
    for (const step of steps) {
      if (this.closed) return;
      switch (step.kind) {
        case "batch":
          this.send(...step.messages);
          break;
        case "wait":
          await this.sleep(step.ms);
          break;
        case "drop":
          this.push.drop();
          break;
        case "stall":
          this.push.stall(step.ms);
          await new Promise((r) => setTimeout(r, step.ms));
          break;
        case "raw":
          this.sendRaw(step.bytes);
          break;
        case "awaitClient":
          // After a drop: a fresh session, not the dropped one.
          await this.nextEntry(step.timeoutMs, `No client came back within ${step.timeoutMs} ms`);
          break;
        case "load":
          for (let i = 0; i < step.count; i += step.perBatch) {
            const batch: BaseProtoMessage[] = [];
            for (let j = i; j < Math.min(step.count, i + step.perBatch); j++) batch.push(step.make(j));
            this.send(...batch);
            await this.sleep(step.intervalMs);
          }
          break;
        case "offline":
          this.state.status = 4;
          break;
      }
    }
  }

  /** Resolves with the next session that enters the room (ignoring ones already in it). */
  private nextEntry(timeoutMs: number, timeoutMessage: string): Promise<PushSession> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.clientWaiters = this.clientWaiters.filter((w) => w !== onClient);
        reject(new Error(timeoutMessage));
      }, timeoutMs);
      const onClient = (s: PushSession) => {
        clearTimeout(timer);
        resolve(s);
      };
      this.clientWaiters.push(onClient);
    });
  }

  /** Queues sign-server failures: the next requests get these statuses, in order. */
  failSigning(...faults: Array<{ status: 429 | 500 | 503; retryAfterSeconds?: number }>): void {
    this.state.signFaults.push(...faults);
  }

  /** Pushes a live-end control message and sets the room offline. */
  endLive(): void {
    this.send(build.control(3));
    this.state.status = 4;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    await this.push.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.resolveDone();
  }
}

/** Starts a simulator on loopback. */
export function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  return Simulator.start(options);
}
