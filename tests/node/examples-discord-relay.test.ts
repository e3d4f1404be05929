import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { chat, scenario, startSimulator, userByName } from "@tiktok-live/testkit";
import { afterEach, describe, expect, it } from "vitest";
import { bin, spawnExample, stopExample, waitForOutput } from "./example-runner.js";

/** One request the fake Discord received, and when. */
interface Received {
  at: number;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A stand-in for Discord's webhook endpoint: records every request and lets the
 * test decide each answer (`respond` gets the request's index, 0-based).
 */
async function startReceiver(respond: (i: number, res: import("node:http").ServerResponse) => void) {
  const requests: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => {
      body += c.toString();
    });
    req.on("end", () => {
      requests.push({ at: Date.now(), path: req.url ?? "", headers: req.headers, body });
      respond(requests.length - 1, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks/123/secret-token`;
  return {
    url,
    requests,
    close: () => {
      server.closeAllConnections(); // a request the test left hanging must not keep the server open
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

const noMentions = { allowed_mentions: { parse: [] } };
const rose = "https://p16-webcast.tiktokcdn.com/img/gift/5655.png";
const bolt = "https://p16-webcast.tiktokcdn.com/img/gift/6652.png";

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe("examples/discord-relay.ts", () => {
  it("posts Discord-shaped payloads in order, honours a 429, and never sends the secrets", {
    timeout: 30_000,
  }, async () => {
    // The sign server only answers with this key, so the relay must have used it with TikTok.
    const apiKey = "sign-key-must-stay-local-93f1";
    const sessionId = "session1must2stay3local";
    const sim = await startSimulator({
      apiKey,
      speed: 0,
      scenario: scenario("relay")
        .comment("alice.streams", "hi @everyone!")
        .gift("carol", "Rose", { streak: 3 }) // one post, ×3
        .follow("bob_builds")
        .likes("alice.streams", 5, 5) // not relayed
        .gift("bob_builds", "Lightning Bolt")
        .end()
        .build(),
    });
    cleanups.push(() => sim.close());
    // The second call is rate limited: Discord's JSON says 0.4 s, the header (whole seconds) 1.
    const receiver = await startReceiver((i, res) => {
      if (i === 1) {
        res.writeHead(429, { "content-type": "application/json", "retry-after": "1" });
        res.end(JSON.stringify({ message: "You are being rate limited.", retry_after: 0.4, global: false }));
      } else if (i === 2) {
        // Accepted, but the bucket is now empty for 0.3 s: the next call must wait instead of earning a 429.
        res.writeHead(204, { "x-ratelimit-remaining": "0", "x-ratelimit-reset-after": "0.3" }).end();
      } else res.writeHead(204).end();
    });
    cleanups.push(receiver.close);

    const run = spawnExample(sim, bin("tsx"), ["examples/discord-relay.ts", "@simulated_host"], {
      DISCORD_WEBHOOK_URL: receiver.url,
      SIGN_API_KEY: apiKey,
      TIKTOK_SESSION_ID: sessionId,
    });
    cleanups.push(() => stopExample(run, "SIGKILL"));
    expect(await run.exited, run.output()).toBe(0);

    const bodies = receiver.requests.map((r) => JSON.parse(r.body) as unknown);
    const expected = [
      { content: "**Alice**: hi @everyone!", ...noMentions },
      {
        embeds: [
          { title: "Carol sent Rose ×3", description: "3 💎", color: 0xffc000, thumbnail: { url: rose } },
        ],
        ...noMentions,
      },
      { content: "**Bob 🛠** followed the host", ...noMentions },
      {
        embeds: [
          {
            title: "Bob 🛠 sent Lightning Bolt ×1",
            description: "20 💎",
            color: 0xffc000,
            thumbnail: { url: bolt },
          },
        ],
        ...noMentions,
      },
      { content: "The LIVE has ended.", ...noMentions },
    ];
    // The rate-limited gift is sent again, after the wait the JSON body asked for.
    expect(bodies).toEqual([expected[0], expected[1], ...expected.slice(1)]);
    const [, limited, retried, next] = receiver.requests as [Received, Received, Received, Received];
    expect(retried.at - limited.at).toBeGreaterThanOrEqual(380);
    expect(next.at - retried.at).toBeGreaterThanOrEqual(280);

    for (const r of receiver.requests) {
      expect(r.path).toBe("/api/webhooks/123/secret-token");
      expect(r.headers["content-type"]).toBe("application/json");
      const everything = JSON.stringify(r.headers) + r.body;
      expect(everything).not.toContain(apiKey);
      expect(everything).not.toContain(sessionId);
    }
    expect(run.output()).toContain("Posted 5 messages to Discord");
    expect(run.output()).not.toContain("secret-token"); // the webhook URL is a secret too
  });

  it("keeps at most DISCORD_QUEUE_LIMIT messages waiting while Discord is slow, dropping the oldest", {
    timeout: 30_000,
  }, async () => {
    const sim = await startSimulator(); // driven by hand: the flood must come while the first post hangs
    cleanups.push(() => sim.close());
    let release: (() => void) | undefined;
    const receiver = await startReceiver((i, res) => {
      if (i === 0)
        release = () => res.writeHead(204).end(); // a stuck webhook, until the test lets go
      else res.writeHead(204).end();
    });
    cleanups.push(receiver.close);

    const run = spawnExample(sim, bin("tsx"), ["examples/discord-relay.ts", "@simulated_host"], {
      DISCORD_WEBHOOK_URL: receiver.url,
      DISCORD_QUEUE_LIMIT: "3",
    });
    cleanups.push(() => stopExample(run, "SIGKILL"));
    await sim.waitForClient();
    const alice = userByName("alice.streams");
    sim.send(chat(alice, "one"));
    await waitForOutput(run, () => release !== undefined); // "one" is in flight and hangs
    for (const text of ["two", "three", "four", "five", "six"]) sim.send(chat(alice, text));
    sim.endLive();
    // two … six and the end notice queue up behind it, 3 at most: the oldest three go.
    await waitForOutput(run, (out) => out.includes("(3 so far)"));
    release?.();
    expect(await run.exited, run.output()).toBe(0);

    const contents = receiver.requests.map((r) => (JSON.parse(r.body) as { content: string }).content);
    expect(contents).toEqual(["**Alice**: one", "**Alice**: five", "**Alice**: six", "The LIVE has ended."]);
    expect(run.output()).toContain("Posted 4 messages to Discord (3 dropped)");
  });

  it("reports a refused message by status alone, never the webhook URL, and goes on", async () => {
    const sim = await startSimulator({
      speed: 0,
      scenario: scenario("deleted webhook").comment("alice.streams", "anyone there?").end().build(),
    });
    cleanups.push(() => sim.close());
    const receiver = await startReceiver((_, res) => res.writeHead(404).end()); // a deleted webhook
    cleanups.push(receiver.close);
    const run = spawnExample(sim, bin("tsx"), ["examples/discord-relay.ts", "@simulated_host", receiver.url]);
    cleanups.push(() => stopExample(run, "SIGKILL"));
    expect(await run.exited, run.output()).toBe(0);
    expect(receiver.requests).toHaveLength(2); // the comment and the end notice, each tried once
    expect(run.output()).toContain("Discord refused a message: HTTP 404");
    expect(run.output()).toContain("Posted 0 messages to Discord");
    expect(run.output()).not.toContain("secret-token");
  });

  it("says how to give the webhook URL when there is none", async () => {
    const sim = await startSimulator();
    cleanups.push(() => sim.close());
    const run = spawnExample(sim, bin("tsx"), ["examples/discord-relay.ts", "@simulated_host"], {
      DISCORD_WEBHOOK_URL: "",
    });
    expect(await run.exited).toBe(2);
    expect(run.output()).toContain("Usage: DISCORD_WEBHOOK_URL=<webhook URL>");
    expect(sim.push.sessions).toHaveLength(0); // it stopped before connecting
  });
});
