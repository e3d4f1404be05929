/**
 * The misbehaviours the simulator can put on, by name. Each one is a mode:
 * switched on by `startSimulator({ faults })` or `sim.inject()`, off by
 * `sim.heal()`. The socket faults also act at once on clients already in the
 * room when injected. Rows refer to issue 14's table of hostile servers.
 */
export const hostileFaults = {
  // Sign server (HTTP).
  /** Row 1: the sign answer's `pushServer` names another host over plain `ws://` (the foreign host). */
  "push-host-elsewhere": "sign",
  /** Row 2: `X-Set-TT-Cookie` tries to overwrite `sessionid`, `sessionid_ss` and `sid_tt`. */
  "sign-sets-session-cookie": "sign",
  /** Row 5: the sign server answers 302 to another origin (the foreign host, which records the headers). */
  "sign-redirect-cross-origin": "sign",
  /** Row 6: 429 with `Retry-After: 99999999` (overflows a timer). */
  "retry-after-overflow": "sign",
  /** Row 6: 429 with `Retry-After` set to a date in 2099. */
  "retry-after-far-date": "sign",
  /** Row 6: 429 with `Retry-After: 3600` (an hour). */
  "retry-after-hour": "sign",
  /** Row 7: every API and sign route streams a body of `hugeBodyBytes` (default 400 MiB). */
  "huge-body": "http",
  /** Already held: the sign route sends its headers, then one byte a second, never ending. */
  "slowloris-body": "sign",
  // Push server (WebSocket).
  /** Row 3: the push server rejects every handshake (TikTok's way: 200 with a `Handshake-Msg`). */
  "handshake-reject": "push",
  /** Row 3: the push server accepts every WebSocket and closes it at once. */
  "accept-and-drop": "push",
  /** Rows 3 and 10: on entering, the client gets a frame of `oversizedFrameBytes` (default 17 MiB). */
  "oversized-frame": "push",
  /** Row 3: on entering, half of a frame is written, then the TCP connection is reset. */
  "reset-mid-frame": "push",
  /** Row 3: on entering, the server floods WebSocket pings and sends no data frame again. */
  "ping-storm": "push",
  /** Already held: on entering, a frame that is not protobuf. */
  "malformed-frame": "push",
  /** Already held: on entering, a valid frame cut in half (as one WebSocket message). */
  "truncated-frame": "push",
  /** Already held: on entering, a frame whose gzip payload inflates to 64 MiB of zeros. */
  "gzip-bomb": "push",
  /** Already held: on entering, `floodFrames` (default 10,000) empty frames back to back. */
  "frame-flood": "push",
} as const;

/** A named misbehaviour of the simulator (see `hostileFaults` for what each does). */
export type HostileFault = keyof typeof hostileFaults;

export const hostileFaultNames = Object.keys(hostileFaults) as HostileFault[];

/** Sizes of the faults that have one. */
export interface FaultSizes {
  /** Body size of `huge-body`. Default 400 MiB. */
  hugeBodyBytes: number;
  /** Frame size of `oversized-frame`. Default 17 MiB (over `ws`'s 16 MiB default). */
  oversizedFrameBytes: number;
  /** Frames of `frame-flood`. Default 10,000. */
  floodFrames: number;
}

export const defaultFaultSizes: FaultSizes = {
  hugeBodyBytes: 400 * 1024 * 1024,
  oversizedFrameBytes: 17 * 1024 * 1024,
  floodFrames: 10_000,
};

/** What the faults did, for assertions and the chaos soak's figures. */
export interface FaultStats {
  /** Times each fault acted (a request answered or a socket treated). */
  acted: Partial<Record<HostileFault, number>>;
  /** Body bytes `huge-body` actually wrote before the client stopped reading. */
  hugeBodyBytesSent: number;
}

export function isHostileFault(name: unknown): name is HostileFault {
  return typeof name === "string" && Object.hasOwn(hostileFaults, name);
}

/** The active faults of one simulator, with their counters. */
export class FaultSet {
  private readonly active = new Set<HostileFault>();
  readonly stats: FaultStats = { acted: {}, hugeBodyBytesSent: 0 };

  constructor(readonly sizes: FaultSizes) {}

  add(fault: HostileFault): void {
    if (!isHostileFault(fault)) {
      throw new TypeError(
        `Unknown simulator fault "${String(fault)}"; known: ${hostileFaultNames.join(", ")}`,
      );
    }
    this.active.add(fault);
  }

  delete(fault?: HostileFault): void {
    if (fault === undefined) this.active.clear();
    else this.active.delete(fault);
  }

  has(fault: HostileFault): boolean {
    return this.active.has(fault);
  }

  list(): HostileFault[] {
    return [...this.active];
  }

  /** True (and counted) when `fault` is on. */
  act(fault: HostileFault): boolean {
    if (!this.active.has(fault)) return false;
    this.stats.acted[fault] = (this.stats.acted[fault] ?? 0) + 1;
    return true;
  }
}
