import { userByName } from "../fixtures.js";
import * as build from "../messages.js";
import { type Scenario, scenario } from "../scenario.js";

/** The demo: a short stream that shows every common event once, then ends (about 8 s). */
export function showcaseScenario(): Scenario {
  return scenario("showcase")
    .describe(
      "A short stream with comments, a gift streak, likes, joins, a follow, a share, a pause and the end",
    )
    .history(build.chat(userByName("dave.mod"), "Welcome in! Be kind 💛"))
    .wait(300)
    .join("alice.streams", 1201)
    .viewers(1201)
    .wait(300)
    .comment("alice.streams", "hi everyone! 👋")
    .wait(300)
    .likes("bob_builds", 15, 15)
    .wait(300)
    .gift("carol", "Rose", { streak: 5, streakIntervalMs: 150 })
    .wait(300)
    .follow("bob_builds")
    .wait(300)
    .comment("bob_builds", "just followed, love this")
    .wait(300)
    .share("erin_")
    .join("erin_", 1202)
    .wait(300)
    .emote("carol")
    .superFan("carol")
    .wait(300)
    .gift("alice.streams", "Lightning Bolt")
    .likes("erin_", 30, 45)
    .wait(300)
    .pin("dave.mod", "Giveaway at 100k likes!")
    .viewers(1250)
    .wait(400)
    .pause()
    .wait(1200)
    .unpause()
    .wait(300)
    .comment("carol", "welcome back!")
    .gift("erin_", "GG", { streak: 3, streakIntervalMs: 150 })
    .wait(500)
    .comment("simulated_host", "thanks all, see you tomorrow")
    .wait(300)
    .end()
    .build();
}
