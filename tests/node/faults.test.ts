import { CommentEvent, DisconnectEvent, TikTokLiveClient, UserOfflineError } from "@tiktok-live/node";
import { chat, type Simulator, startSimulator, userByName } from "@tiktok-live/testkit";
import { afterEach, describe, expect, it } from "vitest";

const fast = {
  reconnect: { initialDelayMs: 10, maxDelayMs: 50, maxAttempts: 3 },
  heartbeatIntervalMs: 200,
  silenceTimeoutMs: 1000,
};
let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const comments = (client: TikTokLiveClient) => {
  const seen: string[] = [];
  client.on(CommentEvent, (e) => {
    seen.push(e.comment);
  });
  return seen;
};

describe("faults against the simulator", () => {
  it("resolves the room through the API when the profile page has no room id", async () => {
    sim = await startSimulator();
    sim.state.profileWithoutRoomId = true;
    const client = new TikTokLiveClient(`@${sim.uniqueId}`, { ...sim.clientOptions(), ...fast });
    await client.connect();
    expect(client.roomId).toBe(sim.roomId);
    expect(sim.state.requests.some((r) => r.path === "/api-live/user/room/")).toBe(true);
    await client.disconnect();
  });

  it("falls back to the API when TikTok serves a captcha page", async () => {
    sim = await startSimulator();
    sim.state.blocked = true;
    const client = new TikTokLiveClient(`@${sim.uniqueId}`, { ...sim.clientOptions(), ...fast });
    await client.connect();
    expect(client.state).toBe("connected");
    await client.disconnect();
  });

  it("gives up with a DisconnectEvent that says why when every reconnect is refused", async () => {
    sim = await startSimulator();
    const client = new TikTokLiveClient(`@${sim.uniqueId}`, { ...sim.clientOptions(), ...fast });
    const disconnected = client.waitFor(DisconnectEvent, { timeout: 10_000 });
    const errors: string[] = [];
    client.on("error", (e) => {
      errors.push(e.name);
    });
    await client.connect();
    // From now on the push server refuses handshakes (wrong room), and the live connection drops.
    const current = sim;
    (current.push as unknown as { options: { roomId: string } }).options.roomId = "0";
    current.push.drop();
    const event = await disconnected;
    expect(event.reason).toBe("reconnect-failed");
    // The attempts ran out: the error says so, and carries the last failure as its cause.
    expect(event.error?.name).toBe("ReconnectBudgetError");
    expect((event.error?.cause as Error | undefined)?.name).toBe("WebSocketClosedError");
    expect(client.state).toBe("disconnected");
    expect(errors).toContain("ReconnectBudgetError");
  });

  it("ends with UserOfflineError when the stream went offline during a reconnect", async () => {
    sim = await startSimulator();
    const client = new TikTokLiveClient(`@${sim.uniqueId}`, { ...sim.clientOptions(), ...fast });
    const disconnected = client.waitFor(DisconnectEvent, { timeout: 10_000 });
    await client.connect();
    sim.state.status = 4;
    sim.push.drop();
    const event = await disconnected;
    expect(event.reason).toBe("reconnect-failed");
    expect(event.error).toBeDefined();
  });

  it("keeps heartbeating on the new socket after a reconnect, and loses no message sent meanwhile", async () => {
    sim = await startSimulator();
    const client = new TikTokLiveClient(`@${sim.uniqueId}`, { ...sim.clientOptions(), ...fast });
    const seen = comments(client);
    await client.connect();
    const first = await sim.waitForClient();
    sim.send(chat(userByName("alice.streams"), "one"));
    await client.waitFor(CommentEvent, { timeout: 5000 });
    sim.push.drop();
    sim.send(chat(userByName("bob_builds"), "two (sent while away)"));
    const back = await new Promise<typeof first>((resolve) => {
      const poll = setInterval(() => {
        const s = [...sim!.push.sessions].find((x) => x !== first && x.entered);
        if (s) {
          clearInterval(poll);
          resolve(s);
        }
      }, 10);
    });
    sim.send(chat(userByName("carol"), "three"));
    await new Promise((r) => setTimeout(r, 500));
    expect(seen).toEqual(["one", "two (sent while away)", "three"]);
    expect(back.heartbeats).toBeGreaterThanOrEqual(1);
    expect(back.heartbeatRoomId).toBe(BigInt(sim.roomId));
    expect(back.enterCursor).toMatch(/^sim-\d+$/);
    await client.disconnect();
  });

  it("fails fast with UserOfflineError when the user is not live", async () => {
    sim = await startSimulator({ offline: true });
    const client = new TikTokLiveClient(`@${sim.uniqueId}`, { ...sim.clientOptions(), ...fast });
    await expect(client.connect()).rejects.toBeInstanceOf(UserOfflineError);
    expect(client.state).toBe("disconnected");
  });
});
