import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { WebSocketClosedError } from "../../src/errors/errors.js";
import { ConnectEvent, DisconnectEvent, ReconnectingEvent } from "../../src/events/lifecycle-events.js";

const oneLine = { breakLength: Number.POSITIVE_INFINITY };

describe("console.log of a lifecycle event", () => {
  it("shows its name and fields, not the empty method, id and payload of a push message", () => {
    expect(inspect(new ConnectEvent("someone", "7311111111111111111"), oneLine)).toBe(
      "ConnectEvent { event: 'connect', uniqueId: 'someone', roomId: '7311111111111111111' }",
    );
    const shown = inspect(
      new DisconnectEvent("connection-lost", 1006, new WebSocketClosedError("gone", 1006, "")),
    );
    expect(shown).toContain("DisconnectEvent {");
    expect(shown).toContain("reason: 'connection-lost'");
    expect(shown).toContain("message: 'gone'");
    expect(shown).not.toContain("payload");
    expect(shown).not.toContain("msgId");
  });

  it("leaves out an optional field that is absent", () => {
    expect(inspect(new ReconnectingEvent(2, 500), oneLine)).toBe(
      "ReconnectingEvent { event: 'reconnecting', attempt: 2, delayMs: 500 }",
    );
  });
});
