import { encodeHeartbeat } from "./push-frame.js";

/**
 * The heartbeats of one push connection, numbered from 1 after each enter-room. A heartbeat that
 * cannot be sent means the socket is gone: the heartbeat stops and says so through `onFailed`.
 */
export class Heartbeat {
  private timer: ReturnType<typeof setInterval> | undefined;
  private seq = 0n;

  constructor(
    private readonly roomId: bigint,
    private readonly intervalMs: number,
    private readonly send: (bytes: Uint8Array) => boolean,
    private readonly onFailed: () => void,
  ) {}

  /** Beats now, then every interval. */
  start(): void {
    this.stop();
    this.seq = 0n;
    // The timer exists before the first beat, so a first beat that fails stops it too.
    this.timer = setInterval(() => this.beat(), this.intervalMs);
    this.beat();
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  private beat(): void {
    this.seq += 1n;
    if (this.send(encodeHeartbeat(this.roomId, this.seq))) return;
    this.stop();
    this.onFailed();
  }
}
