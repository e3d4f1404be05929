import {
  CommentEvent,
  DisconnectEvent,
  TikTokLiveClient,
  type TikTokLiveClientOptions,
} from "@tiktok-live/node";
import { type Simulator, type SimulatorOptions, startSimulator } from "@tiktok-live/testkit";
import { afterEach } from "vitest";

/** Short timings so a reconnect loop plays out in a second or two. */
export const fast: TikTokLiveClientOptions = {
  heartbeatIntervalMs: 200,
  silenceTimeoutMs: 600,
  requestTimeoutMs: 2_000,
  reconnect: { initialDelayMs: 5, maxDelayMs: 20, maxAttempts: 5 },
};

export const userSessionId = "c0ffee0123456789abcdef0123456789";

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

export async function simulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const sim = await startSimulator(options);
  cleanups.push(() => sim.close());
  return sim;
}

export function client(sim: Simulator, options: TikTokLiveClientOptions = {}): TikTokLiveClient {
  const c = new TikTokLiveClient(`@${sim.uniqueId}`, {
    ...sim.clientOptions(),
    ...fast,
    ...options,
    reconnect: { ...fast.reconnect, ...options.reconnect },
  });
  cleanups.push(() => c.disconnect());
  return c;
}

/** The comments a client delivers, in order. */
export function comments(c: TikTokLiveClient): string[] {
  const seen: string[] = [];
  c.on(CommentEvent, (e) => {
    seen.push(e.comment);
  });
  return seen;
}

/** Resolves with the next DisconnectEvent (rejects after `timeout`: a loop that never ends fails the test). */
export function nextDisconnect(c: TikTokLiveClient, timeout = 15_000): Promise<DisconnectEvent> {
  return c.waitFor(DisconnectEvent, { timeout });
}

/** Waits until `check` holds, polling (a test fails by its own timeout otherwise). */
export async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 10));
}

/** The error a promise rejects with (the test fails if it resolves). */
export async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}
