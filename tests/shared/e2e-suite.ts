/**
 * The end-to-end suite shared by the Node, Deno and Bun runners: it watches
 * the simulator's "e2e" scenario with a real client and compares the complete
 * event sequence, field by field, with what the scenario sends.
 */

/** Structural view of the client, so this file imports no runtime-specific package. */
export interface SuiteClient {
  // biome-ignore lint/suspicious/noExplicitAny: the suite reads fields of many event types by name
  on(name: string, handler: (event: any) => unknown): () => void;
  run(): Promise<void>;
  readonly state: string;
}

export type Observed = Array<string | number | boolean>;

export interface SuiteMode {
  title: string;
  /** Subscribe to viewer counts only once connected, so their codecs load mid-stream and routing pauses. */
  subscribeViewersOnConnect: boolean;
}

/** Both ways of running the suite; the late one first, while the room codecs are still unloaded. */
export const suiteModes: readonly SuiteMode[] = [
  { title: "a listener added on connect", subscribeViewersOnConnect: true },
  { title: "every listener up front", subscribeViewersOnConnect: false },
];

/** What every event is reduced to: its name and the fields that prove it decoded right. */
export function observe(
  client: SuiteClient,
  options: { subscribeViewersOnConnect?: boolean } = {},
): Observed[] {
  const seen: Observed[] = [];
  const add = (row: Observed) => seen.push(row);
  const viewers = (e: { total: bigint }) => add(["viewers", String(e.total)]);
  client.on("connect", (e) => {
    add(["connect", e.uniqueId, e.roomId]);
    // A listener added while connected: its events must still arrive, in order.
    if (options.subscribeViewersOnConnect) client.on("roomUserSeq", viewers);
  });
  client.on("comment", (e) => add(["comment", e.user.nickname, e.comment, String(e.user.userId)]));
  // The gift id comes from field 2 of the message, which the schema gained from v3.
  client.on("gift", (e) =>
    add(["gift", e.user.nickname, e.gift.name, String(e.giftId), e.repeatCount, e.streaking]),
  );
  client.on("like", (e) => add(["like", e.user.nickname, e.count, String(e.total)]));
  client.on("join", (e) => add(["join", e.user.uniqueId]));
  client.on("follow", (e) => add(["follow", e.user.nickname]));
  client.on("share", (e) => add(["share", e.user.nickname]));
  client.on("superFan", (e) => add(["superFan", e.content.key]));
  if (!options.subscribeViewersOnConnect) client.on("roomUserSeq", viewers);
  client.on("unknown", (e) => add(["unknown", e.method, e.payload.length]));
  client.on("reconnecting", (e) => add(["reconnecting", e.attempt]));
  client.on("livePause", () => add(["livePause"]));
  client.on("liveUnpause", () => add(["liveUnpause"]));
  client.on("liveEnd", () => add(["liveEnd"]));
  client.on("disconnect", (e) => add(["disconnect", e.reason]));
  client.on("error", (e) => add(["error", e.name, e.method ?? ""]));
  // A throwing handler must not stop the stream or the other handlers.
  client.on("comment", (e) => {
    if (e.comment === "first!") throw new Error("handler bug");
  });
  return seen;
}

/** The exact sequence the "e2e" scenario must produce (see packages/testkit/src/scenarios/e2e.ts). */
export const expected: Observed[] = [
  ["connect", "simulated_host", "7311111111111111111"],
  ["comment", "Alice", "first!", "7034567890123456789"],
  ["error", "HandlerError", ""],
  ["gift", "Carol", "Rose", "5655", 1, true],
  ["gift", "Carol", "Rose", "5655", 2, true],
  ["gift", "Carol", "Rose", "5655", 3, false],
  ["gift", "Bob 🛠", "Lightning Bolt", "6652", 1, false],
  ["like", "Bob 🛠", 5, "5"],
  ["join", "erin_"],
  ["follow", "Erin"],
  ["share", "Alice"],
  ["superFan", "ttlive_superfan_commentNotif_superfanBadge"],
  ["viewers", "42"],
  ["unknown", "WebcastBrandNewFeatureMessage", 2],
  ["error", "DecodeError", "WebcastPushFrame"],
  ["error", "DecodeError", "WebcastChatMessage"],
  ["comment", "Dave (mod)", "before the drop", "7067890123456789012"],
  ["reconnecting", 1],
  ["comment", "Alice", "while you were away 1", "7034567890123456789"],
  ["comment", "Bob 🛠", "while you were away 2", "7045678901234567890"],
  ["comment", "Carol", "after the reconnect", "7056789012345678901"],
  ["livePause"],
  ["liveUnpause"],
  ["liveEnd"],
  ["disconnect", "live-ended"],
];

/** Returns a readable description of the first difference, or undefined when the sequences match. */
export function compare(actual: Observed[], want: Observed[] = expected): string | undefined {
  const n = Math.max(actual.length, want.length);
  for (let i = 0; i < n; i++) {
    const a = JSON.stringify(actual[i]);
    const w = JSON.stringify(want[i]);
    if (a !== w) {
      return `event #${i} differs:\n  expected ${w}\n  actual   ${a}\nfull sequence:\n${actual.map((r) => `  ${JSON.stringify(r)}`).join("\n")}`;
    }
  }
  return undefined;
}

/** Client options for the suite: fast reconnects so the drop costs milliseconds. */
export const suiteClientOptions = {
  reconnect: { initialDelayMs: 20, maxDelayMs: 200, maxAttempts: 5 },
  heartbeatIntervalMs: 1000,
};
