import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gift, giftByName, type Simulator, startSimulator, userByName } from "@tiktok-live/testkit";
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { launchChromium } from "./chromium.js";
import { bin, spawnExample, stopExample, waitForOutput } from "./example-runner.js";

const viewport = { width: 600, height: 120 };
/** Kept after the run so a human can look at the finished bar. */
const screenshotPath = join(tmpdir(), "tiktok-live-gift-goal.png");

let nextGroup = 1_800_000_000_000n;
/**
 * Sends a gift the way TikTok does: a streak as one message per step, in one group,
 * the last one marked as its end unless `ends` is false. Returns the group, to go on with it.
 */
function sendGift(
  sim: Simulator,
  user: string,
  name: string,
  counts: number[],
  { ends = true, group = nextGroup++ } = {},
): bigint {
  const g = giftByName(name);
  for (const n of counts) {
    const last = ends && n === counts.at(-1);
    sim.send(gift(userByName(user), g, { repeatCount: n, repeatEnd: g.streakable && last, groupId: group }));
  }
  return group;
}

/** Waits until the page shows exactly `text` as its count (a substring match would take "25" for "5"). */
function waitForCount(page: Page, text: string): Promise<unknown> {
  return page.waitForFunction((t) => document.getElementById("count")?.textContent === t, text, {
    timeout: 15_000,
  });
}

/** The fill's width as a share of the track's, once the bar has stopped moving. */
async function fillRatio(page: Page): Promise<number> {
  await page.waitForFunction(() => document.getElementById("fill")?.getAnimations().length === 0);
  const fill = (await page.locator("#fill").boundingBox())!;
  const track = (await page.locator("#track").boundingBox())!;
  return fill.width / track.width;
}

describe("examples/gift-goal in headless Chromium", () => {
  it("counts each streak once, at its end, and the bar shows the exact totals live", {
    timeout: 60_000,
  }, async () => {
    const sim = await startSimulator(); // driven by hand, so each step can be checked on the page
    const server = spawnExample(sim, bin("tsx"), ["examples/gift-goal/server.ts", "@simulated_host"], {
      PORT: "0",
      GOAL: "100",
    });
    const profile = mkdtempSync(join(tmpdir(), "gift-goal-chromium-"));
    let browser: BrowserContext | undefined;
    let exitCode: number | null | undefined;
    try {
      await waitForOutput(server, (out) => /Gift goal on http:\S+/.test(out));
      const url = /Gift goal on (http:\S+)/.exec(server.output())![1]!;
      await sim.waitForClient(); // it counts from start-up, without a page open

      browser = await launchChromium(profile, viewport);
      const page = await browser.newPage();
      // Every number the page ever shows, to prove no mid-streak total flashed by.
      await page.addInitScript(() => {
        const seen: string[] = [];
        (window as unknown as { seen: string[] }).seen = seen;
        // Watching the whole document from before it is parsed: no early update can slip by.
        new MutationObserver((records) => {
          for (const { target } of records) {
            const text = (target as Element).id === "count" ? target.textContent : null;
            if (text && text !== "…") seen.push(text); // "…" is the page's placeholder
          }
        }).observe(document, { childList: true, subtree: true });
      });
      await page.goto(url);
      await waitForCount(page, "0 / 100 💎");
      expect(await fillRatio(page)).toBe(0);

      sendGift(sim, "alice.streams", "Rose", [1, 2, 3, 4, 5]); // 5 × 1
      await waitForCount(page, "5 / 100 💎");
      const rosa = sendGift(sim, "carol", "Rosa", [1, 2], { ends: false }); // still running: nothing yet
      sendGift(sim, "bob_builds", "Lightning Bolt", [1]); // 20, not a streak
      await waitForCount(page, "25 / 100 💎");
      expect(await page.locator("#track").getAttribute("aria-valuenow")).toBe("25");
      expect(await fillRatio(page)).toBeCloseTo(0.25, 2);

      sendGift(sim, "carol", "Rosa", [3], { group: rosa }); // the streak ends at 3 × 10
      await waitForCount(page, "55 / 100 💎");
      expect(await fillRatio(page)).toBeCloseTo(0.55, 2);
      expect(await page.evaluate(() => document.body.classList.contains("reached"))).toBe(false);

      sendGift(sim, "big.spender", "Lion", [1]); // 29999: far past the goal
      await waitForCount(page, "30,054 / 100 💎");
      expect(await fillRatio(page)).toBe(1); // full, not 300 times wider than the track
      expect(await page.evaluate(() => document.body.classList.contains("reached"))).toBe(true);
      expect(await page.locator("#track").getAttribute("aria-valuemax")).toBe("100");
      expect(await page.evaluate(() => (window as unknown as { seen: string[] }).seen)).toEqual([
        "0 / 100 💎",
        "5 / 100 💎",
        "25 / 100 💎",
        "55 / 100 💎",
        "30,054 / 100 💎",
      ]);
      writeFileSync(screenshotPath, await page.screenshot());

      // OBS reloads a source when its scene comes back: the total must survive that.
      const reloaded = await browser.newPage();
      await reloaded.goto(url);
      await waitForCount(reloaded, "30,054 / 100 💎");

      sim.endLive();
      await waitForOutput(server, (out) => out.includes("The LIVE has ended at 30054 / 100 💎"));
    } finally {
      await browser?.close();
      exitCode = await stopExample(server); // Ctrl-C: disconnect, close the streams, exit 0
      await sim.close();
      rmSync(profile, { recursive: true, force: true });
    }
    expect(exitCode, server.output()).toBe(0);
  });
});
