import {
  BlockedError,
  CommentEvent,
  InvalidOptionError,
  TikTokLiveClient,
  TikTokWebClient,
  UserNotFoundError,
} from "@tiktok-live/node";
import { scenario, simulatedUserId, startSimulator } from "@tiktok-live/testkit";
import { expect, it } from "vitest";

it("a numeric user id resolves to the username through the profile page, and the client connects with it", async () => {
  const sim = await startSimulator({
    scenario: scenario("by id").comment("alice.streams", "hello by id").end().build(),
    speed: 0,
  });
  try {
    const web = new TikTokWebClient({ baseUrls: sim.clientOptions().baseUrls });
    const uniqueId = await web.fetchUniqueId(simulatedUserId);
    expect(uniqueId).toBe(sim.uniqueId);
    expect(await web.fetchUniqueId(BigInt(simulatedUserId))).toBe(sim.uniqueId);
    // The request went to the profile page of the id, not of a username.
    expect(sim.state.requests.some((r) => r.path === `/@${simulatedUserId}`)).toBe(true);

    const client = new TikTokLiveClient(uniqueId, sim.clientOptions());
    const comments: string[] = [];
    client.on(CommentEvent, (e) => {
      comments.push(e.comment);
    });
    await client.run();
    expect(comments).toEqual(["hello by id"]);
    // client.web does the same with the live client's session.
    expect(await client.web.fetchUniqueId(simulatedUserId)).toBe(sim.uniqueId);
  } finally {
    await sim.close();
  }
});

it("an unknown id is UserNotFoundError, a non-numeric one InvalidOptionError, a captcha page BlockedError", async () => {
  const sim = await startSimulator();
  try {
    const web = new TikTokWebClient({ baseUrls: sim.clientOptions().baseUrls });
    await expect(web.fetchUniqueId("6900000000000000999")).rejects.toBeInstanceOf(UserNotFoundError);
    expect(() => web.fetchUniqueId("@someone")).toThrow(InvalidOptionError);
    expect(() => web.fetchUniqueId("12a")).toThrow(/numeric user id/);
    expect(() => web.fetchUniqueId("0")).toThrow(InvalidOptionError);
    sim.state.blocked = true;
    await expect(web.fetchUniqueId(simulatedUserId)).rejects.toBeInstanceOf(BlockedError);
  } finally {
    await sim.close();
  }
});
