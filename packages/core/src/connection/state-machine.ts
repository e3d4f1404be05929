import { InvalidStateError } from "../errors/errors.js";

/**
 * Where a client is in its life. `disconnected` and `ended` are final for one
 * `connect()`; a new `connect()` starts again from them.
 */
export type ConnectionState =
  | "idle"
  | "resolving-room"
  | "signing"
  | "connecting"
  | "connected"
  | "reconnecting"
  | "disconnected"
  | "ended";

/** Every legal move. Anything else is a bug in the client and throws. */
const transitions: Readonly<Record<ConnectionState, readonly ConnectionState[]>> = {
  idle: ["resolving-room", "signing"],
  "resolving-room": ["signing", "disconnected", "ended"],
  signing: ["connecting", "disconnected", "ended", "reconnecting"],
  connecting: ["connected", "disconnected", "ended", "reconnecting"],
  connected: ["reconnecting", "disconnected", "ended"],
  reconnecting: ["signing", "disconnected", "ended"],
  disconnected: ["resolving-room", "signing"],
  ended: ["resolving-room", "signing"],
};

export type StateListener = (to: ConnectionState, from: ConnectionState) => void;

export class ConnectionStateMachine {
  private current: ConnectionState = "idle";
  private readonly listeners = new Set<StateListener>();

  get state(): ConnectionState {
    return this.current;
  }

  canMove(to: ConnectionState): boolean {
    return transitions[this.current].includes(to);
  }

  /** Moves to `to`, or throws InvalidStateError if the move is not allowed. */
  move(to: ConnectionState): void {
    if (!this.canMove(to)) {
      throw new InvalidStateError(`Illegal connection state transition: ${this.current} → ${to}`);
    }
    const from = this.current;
    this.current = to;
    for (const listener of this.listeners) listener(to, from);
  }

  onChange(listener: StateListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** True while a connection attempt or a live connection is in progress. */
  get isActive(): boolean {
    return this.current !== "idle" && this.current !== "disconnected" && this.current !== "ended";
  }
}

export const connectionStates = Object.keys(transitions) as ConnectionState[];
export const legalTransitions = transitions;
