/**
 * A few seconds of `pnpm chaos`: two clients through a few rounds of random
 * faults (fixed seed). Every message arrives exactly once, or the client
 * ended the round with a typed error; the sign budget holds.
 */
import { describe, expect, it } from "vitest";
import { violations } from "../../../scripts/chaos/figures.js";
import { runSoak } from "../../../scripts/chaos/soak.js";

describe("chaos soak (smoke)", () => {
  it("seed 42: no event lost or doubled, sign requests within the budget", async () => {
    const figures = await runSoak({
      seed: 42,
      lanes: 2,
      rounds: 3,
      messagesPerRound: 25,
      faultRate: 0.15,
      warmupRounds: 1,
    });
    expect(figures.faultsInjected).toBeGreaterThan(0);
    expect(figures.sessions).toBeGreaterThan(0);
    expect(figures.messagesSent).toBe(2 * 3 * 25);
    expect(figures.eventsLost).toBe(0);
    expect(figures.eventsDoubled).toBe(0);
    // The heap is only checked for a runaway here; `pnpm chaos` runs with --expose-gc and checks it flat.
    expect(violations(figures, 512 * 1024 * 1024)).toEqual([]);
  }, 90_000);
});
