// The public API of every package, as listed by name in its index.ts, must match the
// checked-in report etc/api/<package>.api.md. A change to the surface fails here until
// `pnpm api:update` rewrites the report, so every surface change shows up in review.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { apiPackages, collectApi, renderReport, reportPath } from "../../scripts/api-report/api-surface.js";

const api = collectApi();

describe("API report (etc/api)", () => {
  it.each(apiPackages.map((p) => p.dir))(
    "%s matches its index.ts (run `pnpm api:update` after an intended change)",
    (dir) => {
      const entries = api.get(dir)!;
      let checkedIn: string;
      try {
        checkedIn = readFileSync(reportPath(dir), "utf8");
      } catch {
        checkedIn = "";
      }
      expect(checkedIn).toBe(renderReport(dir, entries));
    },
  );

  it("keeps the adapters free of core's adapter-writing and frame internals", () => {
    const internals = [
      "encodeAck",
      "decodeInboundFrame",
      "legalTransitions",
      "reusableZlibGunzip",
      "MessageDedupe",
    ];
    for (const adapter of ["@tiktok-live/node", "@tiktok-live/deno-bun"]) {
      const dir = adapter.replace("@tiktok-live/", "");
      const names = new Set(
        api
          .get(dir)!
          .get(adapter)!
          .map((e) => e.name),
      );
      for (const name of internals) expect(names.has(name), `${adapter} exports ${name}`).toBe(false);
      // Users still get every event class and the client.
      expect(names.has("GiftEvent") && names.has("TikTokLiveClient") && names.has("TikTokLiveError")).toBe(
        true,
      );
    }
  });
});
