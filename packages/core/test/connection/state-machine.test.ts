import { describe, expect, it, vi } from "vitest";
import {
  type ConnectionState,
  ConnectionStateMachine,
  connectionStates,
  legalTransitions,
} from "../../src/connection/state-machine.js";
import { InvalidStateError } from "../../src/errors/errors.js";

/** Shortest legal path from "idle" to `target` (breadth-first over the transition table). */
function pathTo(target: ConnectionState): ConnectionState[] {
  const previous = new Map<ConnectionState, ConnectionState | null>([["idle", null]]);
  const queue: ConnectionState[] = ["idle"];
  while (queue.length) {
    const s = queue.shift()!;
    for (const next of legalTransitions[s]) {
      if (!previous.has(next)) {
        previous.set(next, s);
        queue.push(next);
      }
    }
  }
  if (!previous.has(target)) throw new Error(`${target} is unreachable from idle`);
  const path: ConnectionState[] = [];
  for (let s: ConnectionState | null = target; s !== null && s !== "idle"; s = previous.get(s) ?? null) {
    path.unshift(s);
  }
  return path;
}

/** A machine already in `state`, reached through legal moves only. */
function machineIn(state: ConnectionState): ConnectionStateMachine {
  const m = new ConnectionStateMachine();
  for (const s of pathTo(state)) m.move(s);
  expect(m.state).toBe(state);
  return m;
}

const allPairs = connectionStates.flatMap((from) => connectionStates.map((to) => [from, to] as const));
const legalPairs = allPairs.filter(([from, to]) => legalTransitions[from].includes(to));
const illegalPairs = allPairs.filter(([from, to]) => !legalTransitions[from].includes(to));

describe("ConnectionStateMachine", () => {
  it("knows all eight states and starts idle", () => {
    expect([...connectionStates].sort()).toEqual(
      [
        "connected",
        "connecting",
        "disconnected",
        "ended",
        "idle",
        "reconnecting",
        "resolving-room",
        "signing",
      ].sort(),
    );
    expect(new ConnectionStateMachine().state).toBe("idle");
    // Sanity of the generated pair lists, so the it.each below cannot silently test nothing.
    expect(legalPairs.length).toBe(23);
    expect(illegalPairs.length).toBe(64 - 23);
  });

  it.each(legalPairs)("legal: %s → %s moves and notifies listeners with (to, from)", (from, to) => {
    const m = machineIn(from);
    const first = vi.fn();
    const second = vi.fn();
    m.onChange(first);
    m.onChange(second);

    expect(m.canMove(to)).toBe(true);
    m.move(to);

    expect(m.state).toBe(to);
    expect(first).toHaveBeenCalledTimes(1);
    expect(first).toHaveBeenCalledWith(to, from);
    expect(second).toHaveBeenCalledWith(to, from);
  });

  it.each(illegalPairs)("illegal: %s → %s throws InvalidStateError and changes nothing", (from, to) => {
    const m = machineIn(from);
    const listener = vi.fn();
    m.onChange(listener);

    expect(m.canMove(to)).toBe(false);
    let thrown: unknown;
    try {
      m.move(to);
    } catch (e) {
      thrown = e;
    }

    expect(thrown).toBeInstanceOf(InvalidStateError);
    expect((thrown as InvalidStateError).code).toBe("INVALID_STATE");
    expect((thrown as InvalidStateError).message).toBe(
      `Illegal connection state transition: ${from} → ${to}`,
    );
    expect(m.state).toBe(from);
    expect(listener).not.toHaveBeenCalled();
  });

  it.each([
    ["idle", false],
    ["resolving-room", true],
    ["signing", true],
    ["connecting", true],
    ["connected", true],
    ["reconnecting", true],
    ["disconnected", false],
    ["ended", false],
  ] as const)("isActive in %s is %s", (state, active) => {
    expect(machineIn(state).isActive).toBe(active);
  });

  it("an unsubscribed listener is no longer notified", () => {
    const m = new ConnectionStateMachine();
    const seen: Array<[ConnectionState, ConnectionState]> = [];
    const off = m.onChange((to, from) => seen.push([to, from]));
    m.move("resolving-room");
    off();
    m.move("signing");
    expect(seen).toEqual([["resolving-room", "idle"]]);
    expect(m.state).toBe("signing");
  });

  it("a full session runs through the expected path, then starts again", () => {
    const m = new ConnectionStateMachine();
    const seen: string[] = [];
    m.onChange((to, from) => seen.push(`${from}>${to}`));
    for (const s of [
      "resolving-room",
      "signing",
      "connecting",
      "connected",
      "reconnecting",
      "signing",
      "connecting",
      "connected",
      "ended",
      "resolving-room",
    ] as const) {
      m.move(s);
    }
    expect(seen).toEqual([
      "idle>resolving-room",
      "resolving-room>signing",
      "signing>connecting",
      "connecting>connected",
      "connected>reconnecting",
      "reconnecting>signing",
      "signing>connecting",
      "connecting>connected",
      "connected>ended",
      "ended>resolving-room",
    ]);
  });
});
