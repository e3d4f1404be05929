import { TikTokWebClient, type TikTokWebClientOptions } from "@tiktok-live/node";
import { colorsWanted, createColors } from "../colors.js";
import { ExitCode } from "../exit-codes.js";
import type { Io } from "../io.js";
import { reportFailure } from "../report-error.js";
import { exitCodeFor } from "./watch.js";

export interface CheckOptions {
  json: boolean;
  color?: boolean;
  clientOptions?: TikTokWebClientOptions;
}

/**
 * Prints who of `users` is live, from one batch check (room ids first, then
 * one `check_alive` request for all rooms). Exits 0 when at least one is live,
 * 4 (offline) when none is, so a script can branch on it.
 */
export async function check(users: string[], options: CheckOptions, io: Io): Promise<number> {
  const colors = createColors(colorsWanted({ isTTY: io.isTTY }, io.env, options.color));
  let live: Record<string, boolean>;
  try {
    const web = new TikTokWebClient(options.clientOptions ?? {});
    live = await web.fetchIsLive(users);
  } catch (error) {
    reportFailure(io, options.json, error, exitCodeFor(error), colors);
    return exitCodeFor(error);
  }
  for (const [uniqueId, isLive] of Object.entries(live)) {
    if (options.json) io.out(JSON.stringify({ uniqueId, live: isLive }));
    else
      io.out(isLive ? `${colors.green("●")} @${uniqueId}  LIVE` : `${colors.dim("○")} @${uniqueId}  offline`);
  }
  return Object.values(live).some(Boolean) ? ExitCode.ok : ExitCode.userOffline;
}
