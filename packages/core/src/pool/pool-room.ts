import type { TikTokLiveClient } from "../client/tiktok-live-client.js";
import type { ConnectionState } from "../connection/state-machine.js";
import { TikTokLiveError, UserOfflineError } from "../errors/errors.js";

/** Where a room of the pool is: waiting for the host to go live, streaming, or given up. */
export type PoolRoomState = "waiting" | "connecting" | "live" | "reconnecting" | "stopped";

/** What the room loop needs from its pool: the pacing of polls and connects. */
export interface RoomPacing {
  /** Milliseconds to wait before polling an offline room again (already jittered). */
  nextPollDelay(): number;
  /** Resolves when this room may start connecting (connects are staggered across the pool). */
  connectSlot(signal: AbortSignal): Promise<void>;
  /** Called for every error of the room, with the room; one room's failure stays its own. */
  onError(error: TikTokLiveError, room: PoolRoom): void;
  onStateChange(room: PoolRoom): void;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}

/**
 * One room of a pool: its client and the loop that waits for the host to go
 * live (polling at a jittered rate), streams until the LIVE ends, and goes
 * back to waiting. Nothing here touches another room.
 */
export class PoolRoom {
  readonly uniqueId: string;
  readonly client: TikTokLiveClient;
  /** Events delivered by this room's client since it was added. */
  events = 0;
  /**
   * Where the next connect resumes the stream from (see `TikTokLiveClient.resumeFrom`);
   * a fleet worker sets it from the cursor it stored. Cleared when a LIVE ends.
   */
  resumeCursor: string | undefined;
  /** The last error of this room, if any. */
  lastError: TikTokLiveError | undefined;
  #state: PoolRoomState = "waiting";
  readonly #stop = new AbortController();
  #loop: Promise<void> | undefined;

  constructor(
    client: TikTokLiveClient,
    private readonly pacing: RoomPacing,
  ) {
    this.client = client;
    this.uniqueId = client.uniqueId;
    client.onStateChange((to) => this.#follow(to));
    client.on("error", (error) => {
      this.lastError = error;
      pacing.onError(error, this);
    });
  }

  get state(): PoolRoomState {
    return this.#state;
  }

  get roomId(): string | undefined {
    return this.client.roomId;
  }

  start(): void {
    this.#loop ??= this.#run();
  }

  /** Disconnects and ends the loop; resolves once the client is idle. */
  async stop(): Promise<void> {
    this.#stop.abort();
    await this.client.disconnect();
    await this.#loop;
    this.#set("stopped");
  }

  #set(state: PoolRoomState): void {
    if (this.#state === state || this.#state === "stopped") return;
    this.#state = state;
    this.pacing.onStateChange(this);
  }

  #follow(to: ConnectionState): void {
    if (this.#stop.signal.aborted) return;
    if (to === "connected") this.#set("live");
    else if (to === "reconnecting") this.#set("reconnecting");
  }

  async #run(): Promise<void> {
    const signal = this.#stop.signal;
    while (!signal.aborted) {
      try {
        this.#set("waiting");
        if (!(await this.client.isLive({ signal }))) {
          await sleep(this.pacing.nextPollDelay(), signal);
          continue;
        }
        await this.pacing.connectSlot(signal);
        if (signal.aborted) break;
        this.#set("connecting");
        if (this.resumeCursor) this.client.resumeFrom(this.resumeCursor);
        await this.client.run({ signal });
        // A new LIVE starts from its own beginning.
        if (this.client.state === "ended") this.resumeCursor = undefined;
      } catch (error) {
        if (signal.aborted) break;
        const wrapped =
          error instanceof TikTokLiveError
            ? error
            : new TikTokLiveError("CONNECT", "The room failed", { cause: error });
        if (!(wrapped instanceof UserOfflineError)) {
          this.lastError = wrapped;
          this.pacing.onError(wrapped, this);
        }
      }
      // The LIVE ended, the host is offline or the attempt failed: back to waiting.
      if (!signal.aborted) {
        this.#set("waiting");
        await sleep(this.pacing.nextPollDelay(), signal);
      }
    }
  }
}
