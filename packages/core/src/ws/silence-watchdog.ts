/**
 * Declares a socket dead after `timeoutMs` without a frame, counting only
 * time the event loop was free to read the socket.
 *
 * Why: when a handler (or anything else) blocks the event loop for longer
 * than the timeout, frames pile up unread in the socket while the clock
 * runs. The timer then fires late, before the I/O phase gets to read them,
 * and a healthy connection would be torn down with its frames still buffered.
 * So a timer that fires more than `lateToleranceMs` late does not judge: the
 * blocked stretch is forgiven and the verdict waits one more grace period,
 * in which the buffered frames (if any) are read and reset the clock. Frames
 * also count when they finish being handled, so a handler that runs long on
 * one frame does not make the frames behind it look overdue.
 */
export class SilenceWatchdog {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastFrameAt = 0;
  private readonly lateToleranceMs: number;
  private readonly graceMs: number;

  constructor(
    private readonly timeoutMs: number,
    private readonly onSilent: () => void,
  ) {
    this.lateToleranceMs = Math.min(1_000, Math.max(20, timeoutMs / 4));
    this.graceMs = Math.min(1_000, Math.max(20, timeoutMs / 2));
  }

  /** Starts (or restarts) watching from now. */
  start(): void {
    this.lastFrameAt = Date.now();
    this.arm(this.lastFrameAt + this.timeoutMs);
  }

  /** A frame arrived or finished being handled. Cheap: no timer is touched. */
  frame(): void {
    this.lastFrameAt = Date.now();
  }

  stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(dueAt: number): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.check(dueAt), Math.max(0, dueAt - Date.now()));
  }

  private check(dueAt: number): void {
    const now = Date.now();
    if (now - this.lastFrameAt < this.timeoutMs) {
      this.arm(this.lastFrameAt + this.timeoutMs);
      return;
    }
    if (now - dueAt > this.lateToleranceMs) {
      // The loop was blocked: let it read what waits in the socket before judging.
      this.arm(now + this.graceMs);
      return;
    }
    this.timer = undefined;
    this.onSilent();
  }
}
