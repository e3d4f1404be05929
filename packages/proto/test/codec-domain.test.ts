/**
 * Codecs loaded on demand. This file must not import `../src/codecs.js` (which
 * marks every domain loaded): each vitest file gets its own module graph, so
 * here the domains start out unloaded, as in a user's process.
 */
import { describe, expect, it, vi } from "vitest";
import {
  CodecDomain,
  CodecsNotLoadedError,
  CommentEvent,
  codecDomains,
  createEvent,
  EcBarrageEvent,
  FollowEvent,
  GiftEvent,
  LinkMicBattleEvent,
  loadCodecs,
  SocialEvent,
} from "../src/index.js";
import { message, msg, str } from "./hand-wire.js";

const comment = message(msg(2, str(3, "Alice")), str(3, "hello"));

describe("codecs loaded on demand", () => {
  it("importing the package loads no domain codecs", () => {
    for (const [name, domain] of codecDomains) expect(domain.isLoaded, name).toBe(false);
  });

  it("reading an event before its codecs load throws CodecsNotLoadedError naming the domain", () => {
    const event = new CommentEvent({ method: "WebcastChatMessage", msgId: 1n, payload: comment });
    expect(event.eventName).toBe("comment");
    let thrown: unknown;
    try {
      void event.comment;
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CodecsNotLoadedError);
    expect((thrown as CodecsNotLoadedError).domain).toBe("chat");
    expect((thrown as Error).message).toMatch(/loadCodecs/);
    expect(event.isDecoded).toBe(false);
  });

  it("loadCodecs(GiftEvent) loads gift and the domains it embeds, and nothing else", async () => {
    await loadCodecs(GiftEvent);
    const loaded = [...codecDomains].filter(([, d]) => d.isLoaded).map(([n]) => n);
    // gift.proto imports chat and common; chat imports social.
    expect(loaded.sort()).toEqual(["chat", "common", "gift", "social"]);
    expect(LinkMicBattleEvent.codecs.isLoaded).toBe(false);
    expect(EcBarrageEvent.codecs.isLoaded).toBe(false);
  });

  it("after loading, events decode, including nested defaults from other domains", async () => {
    await loadCodecs(CommentEvent);
    const event = createEvent({ method: "WebcastChatMessage", msgId: 1n, payload: comment }) as CommentEvent;
    expect(event.comment).toBe("hello");
    expect(event.user.nickname).toBe("Alice");
    // at_user is absent: its empty default comes from the common domain's codec.
    expect(event.atUser.nickname).toBe("");
  });

  it("derived events use the codecs of the message they come from", () => {
    expect(FollowEvent.codecs).toBe(SocialEvent.codecs);
  });

  it("lists every domain after the domains it depends on", () => {
    const order = [...codecDomains.values()];
    for (const [i, domain] of order.entries()) {
      for (const dep of domain.dependencies)
        expect(order.indexOf(dep), `${domain.name} → ${dep.name}`).toBeLessThan(i);
    }
  });

  it("loadCodecs() with no argument loads every domain", async () => {
    await loadCodecs();
    for (const [name, domain] of codecDomains) expect(domain.isLoaded, name).toBe(true);
    expect(LinkMicBattleEvent.codecs.codecs.WebcastLinkMicBattle.decode(new Uint8Array())).toBeDefined();
  });
});

describe("CodecDomain", () => {
  it("shares one import between concurrent loads", async () => {
    const importer = vi.fn(async () => ({ codec: 1 }));
    const domain = new CodecDomain("test", importer);
    const [a, b] = await Promise.all([domain.load(), domain.load()]);
    expect(a).toBe(b);
    expect(importer).toHaveBeenCalledTimes(1);
    await domain.load();
    expect(importer).toHaveBeenCalledTimes(1);
  });

  it("loads its dependencies with it", async () => {
    const dep = new CodecDomain("dep", async () => ({ d: 1 }));
    const domain = new CodecDomain("top", async () => ({ t: 1 }), [dep]);
    await domain.load();
    expect(dep.isLoaded).toBe(true);
    expect(dep.codecs).toEqual({ d: 1 });
  });

  it("rejects when the import fails, stays unloaded, and retries on the next load", async () => {
    const importer = vi
      .fn<() => Promise<{ ok: boolean }>>()
      .mockRejectedValueOnce(new Error("chunk missing"))
      .mockResolvedValueOnce({ ok: true });
    const domain = new CodecDomain("flaky", importer);
    await expect(domain.load()).rejects.toThrow("chunk missing");
    expect(domain.isLoaded).toBe(false);
    expect(() => domain.codecs).toThrow(CodecsNotLoadedError);
    await expect(domain.load()).resolves.toEqual({ ok: true });
    expect(importer).toHaveBeenCalledTimes(2);
  });

  it("is loaded at once when given a module it already has", () => {
    const module = { x: 1 };
    const domain = new CodecDomain("given", async () => ({ x: 2 }));
    domain.provide(module);
    expect(domain.codecs).toBe(module);
    expect(CodecDomain.loaded("ready", module).codecs).toBe(module);
  });
});
