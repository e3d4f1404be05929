import { MessageBatch } from "@tiktok-live/proto";
import type { ClientCapabilities, Logger } from "../capabilities.js";
import { silentLogger } from "../capabilities.js";
import { ReconnectAttempts } from "../connection/reconnect-attempts.js";
import { checkReconnectBudget } from "../connection/sign-budget.js";
import { type ConnectionState, ConnectionStateMachine } from "../connection/state-machine.js";
import {
  InvalidStateError,
  TikTokLiveError,
  UserOfflineError,
  type WebSocketClosedError,
} from "../errors/errors.js";
import { MessageDedupe } from "../events/dedupe.js";
import { EventDispatcher } from "../events/dispatcher.js";
import {
  ConnectEvent,
  DisconnectEvent,
  type DisconnectReason,
  ReconnectingEvent,
} from "../events/lifecycle-events.js";
import { type DecodeStats, MessageRouter, type RawMessageListener } from "../events/message-router.js";
import { fetchImage } from "../http/routes/fetch-image.js";
import { resolveRoomId } from "../http/routes/room-id.js";
import {
  fetchGiftList,
  fetchIsLive,
  fetchRoomInfo,
  type GiftInfo,
  type RoomInfo,
} from "../http/routes/room-info.js";
import { sendChat } from "../http/routes/send-chat.js";
import type { SignedConnection } from "../http/routes/sign-server.js";
import { type RecordVideoOptions, recordRoomVideo, type VideoRecording } from "../video/record-video.js";
import { TikTokWebClient } from "../web/tiktok-web-client.js";
import type { PushConnection } from "../ws/push-connection.js";
import { EventApi } from "./event-api.js";
import { openPushConnection } from "./open-push.js";
import { type ResolvedOptions, resolveOptions, type TikTokLiveClientOptions } from "./options.js";
import { isFinal, sleep } from "./retry.js";
import { rateLimitBeyond } from "./retry-after-limit.js";
import { TikTokSession } from "./tiktok-session.js";
import {
  minLiveCheckIntervalMs,
  minLocalCheckIntervalMs,
  type WaitUntilLiveOptions,
  waitUntilLive,
} from "./wait-until-live.js";

/**
 * A connection to one TikTok LIVE room.
 *
 * @example
 * const client = new TikTokLiveClient("@user");
 * client.on(CommentEvent, (e) => console.log(`${e.user.nickname}: ${e.comment}`));
 * await client.run();
 */
export class TikTokLiveClient extends EventApi {
  readonly uniqueId: string;
  /** Room id once resolved (a decimal string: it does not fit a JS number). */
  roomId: string | undefined;
  roomInfo: RoomInfo | undefined;
  availableGifts: GiftInfo[] = [];

  readonly #options: ResolvedOptions;
  readonly #capabilities: ClientCapabilities;
  readonly #logger: Logger;
  readonly #onRawFrame: ((bytes: Uint8Array) => void) | undefined;
  readonly #machine = new ConnectionStateMachine();
  /** TikTok's HTTP side: cookies, web routes, signing. */
  readonly #tiktok: TikTokSession;
  readonly #dedupe: MessageDedupe;
  readonly #router: MessageRouter;
  #connection: PushConnection | undefined;
  /** Aborted by disconnect(); every wait and request of the current session listens to it. */
  #session: AbortController | undefined;
  #cursor = "";
  #liveEnded = false;
  #runWaiters: Array<() => void> = [];
  readonly #attempts: ReconnectAttempts;
  #web: TikTokWebClient | undefined;

  constructor(uniqueId: string, options: TikTokLiveClientOptions, capabilities: ClientCapabilities) {
    const logger = options?.logger ?? silentLogger;
    const { resolved, secrets } = resolveOptions(uniqueId, options);
    const dispatcher = new EventDispatcher(logger, { maxQueuedEvents: resolved.maxQueuedEvents });
    super(dispatcher);
    this.uniqueId = resolved.uniqueId;
    this.roomId = resolved.roomId;
    checkReconnectBudget(resolved.reconnect);
    this.#options = resolved;
    this.#attempts = new ReconnectAttempts(resolved.reconnect);
    this.#capabilities = capabilities;
    this.#logger = logger;
    this.#onRawFrame = options?.onRawFrame;
    this.#dedupe = new MessageDedupe(resolved.dedupeCapacity);
    this.#router = new MessageRouter(dispatcher, this.#dedupe, () => this.#endLive());
    this.#tiktok = new TikTokSession(resolved, secrets, capabilities.fetch, logger);
  }

  get state(): ConnectionState {
    return this.#machine.state;
  }

  get isConnected(): boolean {
    return this.#machine.state === "connected";
  }

  /** Events dropped because async handlers fell behind (see `maxQueuedEvents`). */
  get droppedEvents(): number {
    return this.dispatcher.droppedEvents;
  }

  /**
   * How decoding went so far: fields skipped because they did not match the
   * schema, and messages that could not be decoded at all. Counts only messages
   * someone listened to (the others are never decoded). A growing count means
   * TikTok changed its messages: record a session and run `tiktok-live audit`.
   */
  get decodeStats(): Readonly<DecodeStats> {
    return { ...this.#router.decodeStats };
  }

  /** Subscribe to state changes (for dashboards and tests). */
  onStateChange(listener: (to: ConnectionState, from: ConnectionState) => void): () => void {
    return this.#machine.onChange(listener);
  }

  /**
   * Resolves the room, signs, opens the push connection and resolves once
   * connected, with the room info (when fetched).
   */
  async connect(options: { signal?: AbortSignal } = {}): Promise<RoomInfo | undefined> {
    if (this.#machine.isActive) throw new InvalidStateError(`connect() called while ${this.#machine.state}`);
    const session = new AbortController();
    this.#session = session;
    this.#liveEnded = false;
    // The user asked again: a fresh set of attempts (the sign budget still holds).
    this.#attempts.reset();
    const signal = options.signal ? AbortSignal.any([options.signal, session.signal]) : session.signal;
    try {
      if (!this.roomId) {
        this.#machine.move("resolving-room");
        this.roomId = await resolveRoomId(this.#tiktok.routes(signal), this.uniqueId);
      }
      if (this.#machine.state !== "resolving-room") this.#machine.move("resolving-room");
      const ctx = this.#tiktok.routes(signal);
      if (this.#options.checkLiveOnConnect && !(await fetchIsLive(ctx, this.roomId))) {
        throw new UserOfflineError(this.uniqueId);
      }
      if (this.#options.fetchRoomInfoOnConnect) this.roomInfo = await fetchRoomInfo(ctx, this.roomId);
      if (this.#options.fetchGiftListOnConnect) this.availableGifts = await fetchGiftList(ctx, this.roomId);
      this.#machine.move("signing");
      const signed = await this.#tiktok.sign(this.roomId, this.#cursor, signal);
      await this.#open(signed, signal);
      return this.roomInfo;
    } catch (error) {
      const wrapped =
        error instanceof TikTokLiveError
          ? error
          : new TikTokLiveError("CONNECT", "Connecting failed", { cause: error });
      this.#stop(signal.aborted && !options.signal?.aborted ? "client" : "error", undefined, wrapped, false);
      throw signal.aborted && options.signal?.aborted ? options.signal.reason : wrapped;
    }
  }

  /** Connects, then resolves when the stream ends or `disconnect()` is called. */
  async run(options: { signal?: AbortSignal } = {}): Promise<void> {
    const ended = new Promise<void>((resolve) => this.#runWaiters.push(resolve));
    const onAbort = () => this.disconnect();
    options.signal?.addEventListener("abort", onAbort, { once: true });
    try {
      try {
        await this.connect(options);
      } catch (error) {
        // disconnect() while connecting is a normal way to stop, not a failure of run().
        if (error instanceof TikTokLiveError && error.code === "DISCONNECTED") return;
        throw error;
      }
      await ended;
    } finally {
      options.signal?.removeEventListener("abort", onAbort);
    }
  }

  // --- Resume hook, for pools and fleets that move a room between processes (@tiktok-live/nats) ---

  /**
   * The cursor of the newest batch received: everything up to it has been
   * seen. Empty before the first connect and after the client stops.
   */
  get resumeCursor(): string {
    return this.#connection?.cursor || this.#cursor;
  }

  /**
   * Makes the next `connect()` ask for the stream from `cursor` on (a value of
   * `resumeCursor` saved earlier, possibly by another process), so a room
   * moved after a crash misses nothing. TikTok re-sends a few messages before
   * the cursor; the dedupe drops them within one client, a sink's
   * message-id duplicate window across clients.
   */
  resumeFrom(cursor: string): void {
    if (this.#machine.isActive)
      throw new InvalidStateError(`resumeFrom() called while ${this.#machine.state}`);
    this.#cursor = cursor;
  }

  // --- end of the resume hook ---

  /**
   * Every message as received (deduplicated, in order, before its event),
   * undecoded: for forwarding the bytes (the NATS sink). It runs while the
   * frame is read, so it does not wait for async event handlers.
   */
  onRawMessage(listener: RawMessageListener): () => void {
    return this.#router.onRawMessage(listener);
  }

  /** Closes the connection and stops reconnecting. Safe to call in any state. */
  async disconnect(): Promise<void> {
    if (!this.#machine.isActive) return;
    // Called while a handler runs (maybe by that very handler), waiting for the
    // handlers to finish would wait for the caller itself: a deadlock that also
    // stalled every later event. Then it resolves once the connection is closed;
    // the events queued behind that handler are still delivered, in order.
    const insideHandler = this.dispatcher.busy;
    this.#stop("client", 1000);
    if (insideHandler) return;
    await this.#router.idle();
    await this.dispatcher.idle();
  }

  /** Sends a comment to the room (needs `sessionId`). */
  async sendMessage(content: string): Promise<void> {
    if (!this.roomId) throw new InvalidStateError("sendMessage() needs a room: connect first or pass roomId");
    await sendChat(this.#tiktok.routes(), {
      roomId: this.roomId,
      content,
      ...(this.#tiktok.sessionId ? { sessionId: this.#tiktok.sessionId } : {}),
      ...(this.#tiktok.signApiKey ? { apiKey: this.#tiktok.signApiKey } : {}),
      ttTargetIdc: this.#options.ttTargetIdc,
    });
  }

  /** Whether the user is live now, without connecting. */
  async isLive(options: { signal?: AbortSignal } = {}): Promise<boolean> {
    const ctx = this.#tiktok.routes(options.signal);
    try {
      const roomId = this.roomId ?? (await resolveRoomId(ctx, this.uniqueId));
      return await fetchIsLive(ctx, roomId);
    } catch (error) {
      if (error instanceof UserOfflineError) return false;
      throw error;
    }
  }

  /**
   * Resolves once the user is live, checking every `intervalMs` (default 30 s,
   * at least 5 s against TikTok, ±20 % jitter); rate limits wait their Retry-After.
   */
  waitUntilLive(options: WaitUntilLiveOptions = {}): Promise<void> {
    const onTikTok = /(^|\.)tiktok\.com$/.test(new URL(this.#options.baseUrls.web).hostname);
    return waitUntilLive(
      {
        isLive: (signal) => this.isLive(signal ? { signal } : {}),
        minIntervalMs: onTikTok ? minLiveCheckIntervalMs : minLocalCheckIntervalMs,
        maxRetryAfterMs: this.#options.maxRetryAfterMs,
      },
      options,
    );
  }

  /**
   * Records the room's video (FLV) into `target` until the LIVE ends or
   * `signal` aborts; resolves with the bytes written and the duration.
   */
  recordVideo(target: WritableStream<Uint8Array>, options: RecordVideoOptions = {}): Promise<VideoRecording> {
    const info = (signal?: AbortSignal) =>
      this.web.fetchRoomInfo(this.roomId ? { roomId: this.roomId } : this.uniqueId, signal ? { signal } : {});
    return recordRoomVideo(this.#tiktok.http, info, this.uniqueId, target, options);
  }

  /** TikTok's web API (room info, live checks, gifts, profiles) on this client's session and cookies. */
  get web(): TikTokWebClient {
    this.#web ??= new TikTokWebClient({}, (signal) => this.#tiktok.routes(signal));
    return this.#web;
  }

  /** Downloads an image such as `event.user.avatarThumb.urlList[0]`. */
  fetchImage(url: string, options: { signal?: AbortSignal } = {}): Promise<Uint8Array> {
    return fetchImage(this.#tiktok.routes(options.signal), url);
  }

  /** Safe to log: no session id, API key or cookie value. */
  toJSON(): Record<string, unknown> {
    return {
      uniqueId: this.uniqueId,
      roomId: this.roomId,
      state: this.state,
      authenticated: this.#tiktok.authenticated,
      options: this.#options,
    };
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `TikTokLiveClient ${JSON.stringify(this.toJSON())}`;
  }

  async #open(signed: SignedConnection, signal: AbortSignal): Promise<void> {
    this.#machine.move("connecting");
    // Codecs load per schema file on demand; load the listeners' ones before frames arrive.
    await this.#router.prepare();
    const roomId = this.roomId!;
    // Frames go straight to the router: connection → router → dispatcher; the client only wires them.
    const connection = await openPushConnection(
      {
        signed,
        roomId,
        options: this.#options,
        capabilities: this.#capabilities,
        cookies: this.#tiktok.handshakeCookies(),
        logger: this.#logger,
        sink: this.#router,
        onRawFrame: this.#onRawFrame,
        onClose: (closed, code, reason, error) => this.#onClose(closed, code, reason, error),
      },
      signal,
    );
    this.#connection = connection;
    this.#attempts.connected();
    const first = !this.#cursor;
    this.#cursor = signed.initial.cursor;
    this.#machine.move("connected");
    // The client's own events go through the router too, so they keep their place among the stream's.
    if (first) this.#router.emit(new ConnectEvent(this.uniqueId, roomId));
    if (this.#options.processInitialData) this.#router.routeBatch(MessageBatch.from(signed.initial));
    if (this.#liveEnded) return;
    connection.enterRoom(this.#cursor);
  }

  #onClose(connection: PushConnection, code: number, reason: string, error?: WebSocketClosedError): void {
    if (connection !== this.#connection) return;
    if (connection.cursor) this.#cursor = connection.cursor;
    this.#connection = undefined;
    if (this.#liveEnded || this.#machine.state !== "connected") return;
    const policy = this.#options.reconnect;
    this.#attempts.closed(connection.batchesDelivered);
    if (!policy.enabled || policy.maxAttempts === 0) {
      this.#stop("connection-lost", code, error);
      return;
    }
    this.#logger.warn(
      `[tiktok-live] connection lost (code ${code}${reason ? `, ${reason}` : ""}); reconnecting`,
    );
    this.#machine.move("reconnecting");
    void this.#reconnect(code, error);
  }

  async #reconnect(code: number, cause?: WebSocketClosedError): Promise<void> {
    const session = this.#session;
    if (!session) return;
    let lastError: TikTokLiveError | undefined = cause;
    let giveUp: TikTokLiveError | undefined;
    while (!giveUp) {
      const next = this.#attempts.next(lastError);
      if (next instanceof TikTokLiveError) {
        giveUp = next;
        break;
      }
      const { attempt, delayMs } = next;
      this.#router.emit(new ReconnectingEvent(attempt, delayMs, lastError));
      try {
        await sleep(delayMs, session.signal);
        if (this.#machine.state !== "reconnecting") this.#machine.move("reconnecting");
        this.#machine.move("signing");
        const signed = await this.#tiktok.sign(this.roomId!, this.#cursor, session.signal, false);
        await this.#open(signed, session.signal);
        return;
      } catch (error) {
        if (session.signal.aborted) return;
        lastError =
          error instanceof TikTokLiveError
            ? error
            : new TikTokLiveError("RECONNECT", "Reconnect failed", { cause: error });
        this.#logger.warn(`[tiktok-live] reconnect attempt ${attempt} failed: ${lastError.message}`);
        giveUp = isFinal(error) ? lastError : rateLimitBeyond(error, this.#options.maxRetryAfterMs);
        if (!giveUp && this.#machine.state !== "reconnecting") this.#machine.move("reconnecting");
      }
    }
    this.#stop("reconnect-failed", code, giveUp);
  }

  #endLive(): void {
    if (this.#liveEnded) return;
    this.#liveEnded = true;
    // Let the rest of the batch dispatch first; the end event is already queued.
    queueMicrotask(() => this.#stop("live-ended", 1000));
  }

  /** Tears everything down and emits DisconnectEvent once (unless the first connect failed). */
  #stop(reason: DisconnectReason, closeCode?: number, error?: TikTokLiveError, emit = true): void {
    const wasActive = this.#machine.isActive;
    this.#session?.abort(new TikTokLiveError("DISCONNECTED", "The client disconnected"));
    this.#session = undefined;
    const connection = this.#connection;
    this.#connection = undefined;
    connection?.close(1000, "client disconnect");
    if (wasActive) this.#machine.move(reason === "live-ended" ? "ended" : "disconnected");
    this.#cursor = "";
    const finish = () => {
      if (emit && wasActive && this.dispatcher.hasListeners(DisconnectEvent.eventName)) {
        this.dispatcher.emit(new DisconnectEvent(reason, closeCode, error));
      }
      if (error && reason !== "client" && emit) this.reportError(error);
      void this.dispatcher.idle().then(() => {
        this.endSubscriptions();
        const waiters = this.#runWaiters;
        this.#runWaiters = [];
        for (const w of waiters) w();
      });
    };
    // Messages received before the stop that still wait for their codecs come first.
    this.#router.inOrder(finish);
  }
}
