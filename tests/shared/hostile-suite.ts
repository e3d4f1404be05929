/**
 * The hostile-server checks shared by the Deno and Bun runners (Node runs the
 * full set in tests/node/hostile). Each starts the simulator as a Node
 * process with one named fault and returns undefined when the client behaved,
 * or what went wrong.
 */
import { startSimulatorProcess } from "./simulator-process.ts";

interface NamedError {
  name: string;
  reason?: string;
  limit?: string;
  closeCode?: number;
}

/** Structural view of the client, so this file imports no runtime-specific package. */
export interface HostileClient {
  // biome-ignore lint/suspicious/noExplicitAny: lifecycle events are read by field name
  on(name: string, handler: (event: any) => unknown): () => void;
  connect(): Promise<unknown>;
  disconnect(): Promise<void>;
}

export type MakeClient = (uniqueId: string, options: Record<string, unknown>) => HostileClient;

const fast = {
  heartbeatIntervalMs: 200,
  silenceTimeoutMs: 600,
  requestTimeoutMs: 2_000,
  reconnect: { initialDelayMs: 5, maxDelayMs: 20, maxAttempts: 5 },
};

async function withFault(
  fault: string,
  make: MakeClient,
  options: Record<string, unknown>,
  check: (client: HostileClient) => Promise<string | undefined>,
): Promise<string | undefined> {
  const sim = await startSimulatorProcess(undefined, ["--fault", fault]);
  const client = make(`@${sim.uniqueId}`, { baseUrls: sim.baseUrls, ...fast, ...options });
  try {
    return await check(client);
  } finally {
    await client.disconnect();
    sim.stop();
  }
}

async function rejection(p: Promise<unknown>): Promise<NamedError | undefined> {
  try {
    await p;
    return undefined;
  } catch (error) {
    return error as NamedError;
  }
}

function nextDisconnect(client: HostileClient): Promise<{ reason: string; error?: NamedError }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error("no DisconnectEvent within 15 s: the loop never stopped")),
      15_000,
    );
    const off = client.on("disconnect", (e) => {
      clearTimeout(timer);
      off();
      resolve(e);
    });
  });
}

/** Row 3: a push server that accepts and drops every socket meets the reconnect budget. */
export function acceptAndDrop(make: MakeClient): Promise<string | undefined> {
  return withFault("accept-and-drop", make, {}, async (client) => {
    const attempts: number[] = [];
    client.on("reconnecting", (e) => attempts.push(e.attempt));
    const ended = nextDisconnect(client);
    await client.connect().catch(() => undefined);
    const event = await ended;
    if (event.reason !== "reconnect-failed") return `reason ${event.reason}, expected reconnect-failed`;
    if (event.error?.name !== "ReconnectBudgetError" || event.error.limit !== "attempts")
      return `error ${event.error?.name}/${event.error?.limit}, expected ReconnectBudgetError/attempts`;
    if (attempts.join() !== "1,2,3,4,5") return `attempts ${attempts.join()}, expected 1,2,3,4,5`;
    return undefined;
  });
}

/** Row 1: a push server on another host over ws: is refused before any handshake. */
export function pushHostElsewhere(make: MakeClient): Promise<string | undefined> {
  return withFault("push-host-elsewhere", make, { sessionId: "c0ffee0123456789" }, async (client) => {
    const error = await rejection(client.connect());
    return error?.name === "UntrustedHostError" ? undefined : `connect() ended with ${error?.name}`;
  });
}

/** Row 6: Retry-After: 99999999 gives up with a RateLimitError instead of a 1 ms loop. */
export function retryAfterOverflow(make: MakeClient): Promise<string | undefined> {
  return withFault("retry-after-overflow", make, {}, async (client) => {
    const error = await rejection(client.connect());
    return error?.name === "RateLimitError" ? undefined : `connect() ended with ${error?.name}`;
  });
}

/** Row 10: a 17 MiB frame against a 1 MiB limit ends as a 1009 WebSocketClosedError. */
export function oversizedFrame(make: MakeClient): Promise<string | undefined> {
  const options = { limits: { maxFrameBytes: 1024 * 1024 }, reconnect: { maxAttempts: 0 } };
  return withFault("oversized-frame", make, options, async (client) => {
    const ended = nextDisconnect(client);
    await client.connect();
    const event = await ended;
    if (event.error?.name !== "WebSocketClosedError" || event.error.closeCode !== 1009)
      return `disconnect with ${event.error?.name} (code ${event.error?.closeCode}), expected WebSocketClosedError 1009`;
    return undefined;
  });
}

/**
 * Row 4: `await client.disconnect()` inside a handler resolves, and after the
 * next connect() the same client delivers the stream's later comments.
 */
export async function disconnectInHandler(make: MakeClient): Promise<string | undefined> {
  const sim = await startSimulatorProcess("showcase");
  const client = make(`@${sim.uniqueId}`, { baseUrls: sim.baseUrls, ...fast });
  try {
    const comments: string[] = [];
    let first = true;
    const stopped = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error("disconnect() inside a handler never resolved")),
        10_000,
      );
      client.on("comment", async (e) => {
        comments.push(e.comment);
        if (!first || e.comment !== "hi everyone! 👋") return;
        first = false;
        await client.disconnect();
        clearTimeout(timer);
        resolve();
      });
    });
    await client.connect();
    await stopped;
    await client.connect();
    const deadline = Date.now() + 10_000;
    while (!comments.includes("just followed, love this") && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    return comments.includes("just followed, love this")
      ? undefined
      : `no comment after the second connect(); got ${JSON.stringify(comments)}`;
  } finally {
    await client.disconnect();
    sim.stop();
  }
}

export const hostileChecks = {
  acceptAndDrop,
  pushHostElsewhere,
  retryAfterOverflow,
  oversizedFrame,
  disconnectInHandler,
};
