import { type Scenario, scenario } from "../scenario.js";

/**
 * The end-to-end suite's stream: every kind of event, bad input, a dropped
 * connection with messages sent while the client is away, and the live end.
 * Tests on Node, Deno and Bun assert the exact event sequence it produces.
 */
export function e2eScenario(): Scenario {
  return scenario("e2e")
    .describe("Deterministic stream for the cross-runtime end-to-end tests")
    .wait(50)
    .comment("alice.streams", "first!")
    .gift("carol", "Rose", { streak: 3 })
    .gift("bob_builds", "Lightning Bolt")
    .likes("bob_builds", 5, 5)
    .join("erin_", 10)
    .follow("erin_")
    .share("alice.streams")
    .superFan("carol")
    .viewers(42)
    .unknown("WebcastBrandNewFeatureMessage")
    .malformed()
    .corruptMessage("WebcastChatMessage")
    .comment("dave.mod", "before the drop")
    .wait(100)
    .drop()
    .comment("alice.streams", "while you were away 1")
    .comment("bob_builds", "while you were away 2")
    .awaitClient()
    .wait(50)
    .comment("carol", "after the reconnect")
    .pause()
    .unpause()
    .end()
    .build();
}
