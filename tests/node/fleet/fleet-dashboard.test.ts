/**
 * `tiktok-live fleet dashboard` in headless Chromium (the system one, as the
 * overlay example's test uses): the page lists the fleet's rooms with their
 * workers and states, and follows changes without a reload.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { jetstream } from "@nats-io/jetstream";
import { connect } from "@nats-io/transport-node";
import { FleetStore } from "@tiktok-live/nats";
import { type BrowserContext, chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { NatsServerProcess } from "../../shared/nats-server.js";

const chromiumPath = "/usr/bin/chromium";
const cli = fileURLToPath(new URL("../../../packages/cli/dist/cli.js", import.meta.url));

describe("fleet dashboard", () => {
  it("shows the rooms with worker and state, and follows a room added and one removed", async () => {
    if (!existsSync(chromiumPath))
      throw new Error(`Chromium is missing at ${chromiumPath} (apt-get install chromium)`);
    const server = await NatsServerProcess.start();
    const nc = await connect({ servers: server.url });
    const store = await FleetStore.open(jetstream(nc));
    await store.addRoom("first.room");
    await store.addRoom("second_room");
    // A lease as a worker holds it, so the page has a worker to show.
    await store.acquire("first.room", { worker: "w-test", expiresAt: Date.now() + 120_000 });
    await store.report({
      worker: "w-test",
      expiresAt: Date.now() + 120_000,
      rooms: [{ uniqueId: "first.room", state: "live", eventsPerSecond: 12.5, events: 99 }],
    });
    const dashboard = spawn(
      process.execPath,
      [cli, "fleet", "dashboard", "--port", "0", "--nats", server.url],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let out = "";
    dashboard.stdout.on("data", (c: Buffer) => {
      out += c.toString();
    });
    const profile = mkdtempSync(join(tmpdir(), "fleet-dashboard-chromium-"));
    let browser: BrowserContext | undefined;
    try {
      await expect.poll(() => /on (http:\S+)/.exec(out)?.[1], { timeout: 20_000 }).toBeDefined();
      const url = /on (http:\S+)/.exec(out)![1]!;
      browser = await chromium.launchPersistentContext(profile, {
        executablePath: chromiumPath,
        args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
      });
      const page = await browser.newPage();
      await page.goto(url);
      const row = (room: string) => page.locator(`tr[data-room="${room}"]`);
      await row("second_room").waitFor({ timeout: 20_000 });
      expect(await row("first.room").locator("td").allInnerTexts()).toEqual([
        "first.room",
        "w-test",
        "live",
        "12.5",
        "99",
      ]);
      expect(await row("second_room").locator("td").allInnerTexts()).toEqual([
        "second_room",
        "-",
        "unassigned",
        "0",
        "0",
      ]);
      // Changes show up without a reload.
      await store.addRoom("third_room");
      await store.removeRoom("second_room");
      await row("third_room").waitFor({ timeout: 20_000 });
      await row("second_room").waitFor({ state: "detached", timeout: 20_000 });
      expect(await page.locator("#summary").textContent()).toBe("2 rooms, 1 workers");
    } finally {
      await browser?.close();
      rmSync(profile, { recursive: true, force: true });
      dashboard.kill("SIGTERM");
      await nc.close();
      await server.dispose();
    }
  }, 90_000);
});
