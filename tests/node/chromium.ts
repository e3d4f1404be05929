import { existsSync } from "node:fs";
import { type BrowserContext, chromium } from "playwright-core";

// The system Chromium (Debian's `chromium` package; scripts/ensure-chromium.sh installs it).
// playwright-core drives it over CDP and downloads no browser of its own.
export const chromiumPath = "/usr/bin/chromium";
// Without the background-networking flags Chromium keeps dialling Google's hosts, which
// a closed network refuses; --no-sandbox because CI runs as root.
export const chromiumFlags = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Starts headless Chromium with its own profile in `profileDir`; says how to install it when missing. */
export function launchChromium(
  profileDir: string,
  viewport: { width: number; height: number },
): Promise<BrowserContext> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium is missing at ${chromiumPath}: install it with \`apt-get install -y chromium\` (scripts/ensure-chromium.sh does this in CI)`,
    );
  }
  return chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    args: chromiumFlags,
    viewport,
  });
}
