import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSimulator } from "@tiktok-live/testkit";
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { launchChromium } from "./chromium.js";
import { bin, spawnExample, stopExample, waitForOutput } from "./example-runner.js";

const viewport = { width: 480, height: 640 };
/** Kept after the run so a human can look at what the overlay rendered. */
const screenshotPath = join(tmpdir(), "tiktok-live-overlay.png");

/** What the page shows for the showcase: chat, each gift streak once with its total, then the end. */
const expectedRows = [
  "Dave (mod) Welcome in! Be kind 💛",
  "Alice hi everyone! 👋",
  "Carol sent Rose ×5",
  "Bob 🛠 just followed, love this",
  "Alice sent Lightning Bolt ×1",
  "Carol welcome back!",
  "Erin sent GG ×3",
  "simulated_host thanks all, see you tomorrow",
  "The LIVE has ended",
];

type Rgb = [number, number, number];

/**
 * Decodes both PNGs with the browser's own decoder and compares them there (sending
 * the pixels back would cost seconds): each image's size, its colors at `points`, and
 * how many pixels differ noticeably between the two.
 */
function comparePngs(page: Page, pngA: Buffer, pngB: Buffer, points: Array<{ x: number; y: number }>) {
  return page.evaluate(
    async ({ images, points }) => {
      const decoded = await Promise.all(
        images.map(async (b64) => {
          const img = new Image();
          img.src = `data:image/png;base64,${b64}`;
          await img.decode();
          const ctx = new OffscreenCanvas(img.width, img.height).getContext("2d")!;
          ctx.drawImage(img, 0, 0);
          const data = ctx.getImageData(0, 0, img.width, img.height).data;
          const at = ({ x, y }: { x: number; y: number }) => {
            const i = (Math.round(y) * img.width + Math.round(x)) * 4;
            return [data[i], data[i + 1], data[i + 2]] as [number, number, number];
          };
          return { width: img.width, height: img.height, data, samples: points.map(at) };
        }),
      );
      const [a, b] = decoded as [(typeof decoded)[0], (typeof decoded)[0]];
      let changed = 0;
      for (let i = 0; i < a.data.length; i += 4) {
        const diff = Math.abs(a.data[i]! - b.data[i]!) + Math.abs(a.data[i + 1]! - b.data[i + 1]!);
        if (diff + Math.abs(a.data[i + 2]! - b.data[i + 2]!) > 30) changed++;
      }
      return { a: { ...a, data: undefined }, b: { ...b, data: undefined }, changed };
    },
    { images: [pngA.toString("base64"), pngB.toString("base64")], points },
  );
}

const near = (actual: Rgb, expected: Rgb, tolerance = 12) =>
  actual.every((c, i) => Math.abs(c - expected[i]!) <= tolerance);

describe("examples/live-overlay in headless Chromium", () => {
  it("shows the showcase's chat and gifts, and the screenshot shows them too", {
    timeout: 60_000,
  }, async () => {
    // The scenario starts when a client enters the room, and the overlay only
    // connects once a page opens its event stream: nothing can be missed. A
    // moderate speed still lets the rows arrive one by one, as on a real stream.
    const sim = await startSimulator({ scenario: "showcase", speed: 0.25 });
    const overlay = spawnExample(sim, bin("tsx"), ["examples/live-overlay/server.ts", "@simulated_host"], {
      PORT: "0",
    });
    const profile = mkdtempSync(join(tmpdir(), "overlay-chromium-"));
    let browser: BrowserContext | undefined;
    let exitCode: number | null | undefined;
    try {
      await waitForOutput(overlay, (out) => /Overlay on http:\S+/.test(out));
      const url = /Overlay on (http:\S+)/.exec(overlay.output())![1]!;
      browser = await launchChromium(profile, viewport);

      // The empty overlay, for comparison: its event stream is blocked, so it stays empty
      // (and does not start the scenario).
      const empty = await browser.newPage();
      await empty.route("**/events", (route) => route.abort());
      await empty.goto(url);
      const emptyShot = await empty.screenshot();
      await empty.close();
      expect(sim.push.sessions).toHaveLength(0);

      const page = await browser.newPage();
      await page.goto(url);
      await page.locator(".row", { hasText: "The LIVE has ended" }).waitFor({ timeout: 30_000 });
      expect(await page.locator(".row").allInnerTexts()).toEqual(expectedRows);
      expect(await page.locator(".row.gift").count()).toBe(3);

      const shot = await page.screenshot();
      writeFileSync(screenshotPath, shot);

      // A valid PNG of the viewport's size (IHDR width and height, big-endian at bytes 16 and 20).
      expect(shot.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect(shot.toString("latin1", 12, 16)).toBe("IHDR");
      expect([shot.readUInt32BE(16), shot.readUInt32BE(20)]).toEqual([viewport.width, viewport.height]);
      expect(shot.length).toBeGreaterThan(15_000); // nine rows of anti-aliased text, not a blank page
      expect(emptyShot.length).toBeLessThan(shot.length / 3);

      // Where the DOM says a chat row and a gift row are, the screenshot has their colored left
      // borders (#25f4ee, #ffc000); the empty page has plain white there.
      const chatBox = (await page.locator(".row.chat").first().boundingBox())!;
      const giftBox = (await page.locator(".row.gift").first().boundingBox())!;
      const points = [chatBox, giftBox].map((b) => ({ x: b.x + 4, y: b.y + b.height / 2 }));
      const { a: full, b: blank, changed } = await comparePngs(page, shot, emptyShot, points);
      expect([full.width, full.height]).toEqual([viewport.width, viewport.height]);
      expect(near(full.samples[0]!, [0x25, 0xf4, 0xee]), `chat border pixel ${full.samples[0]}`).toBe(true);
      expect(near(full.samples[1]!, [0xff, 0xc0, 0x00]), `gift border pixel ${full.samples[1]}`).toBe(true);
      for (const p of blank.samples) expect(near(p, [255, 255, 255]), `empty page pixel ${p}`).toBe(true);

      // And the two images differ over a real area (the rows), not in a few stray pixels.
      expect(changed / (viewport.width * viewport.height)).toBeGreaterThan(0.15);
    } finally {
      await browser?.close();
      exitCode = await stopExample(overlay); // the overlay's Ctrl-C path: disconnect, close, exit 0
      await sim.close();
      rmSync(profile, { recursive: true, force: true });
    }
    expect(exitCode, overlay.output()).toBe(0);
  });
});
