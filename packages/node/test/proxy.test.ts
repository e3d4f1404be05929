/**
 * Issue 14 row 8, `proxy`: a URL string builds the agents; what cannot be
 * used is refused with a message, never ignored (traffic going direct).
 */
import { Agent } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { InvalidOptionError, TikTokLiveClient } from "../src/index.js";
import { proxyCapabilities } from "../src/proxy.js";

class FakeProxyAgent {
  constructor(readonly url: string) {}
  dispatch(): boolean {
    return true;
  }
}
class FakeHttpsProxyAgent extends Agent {
  constructor(readonly url: string) {
    super();
  }
}
const peers = (name: string): unknown => {
  if (name === "undici") return { ProxyAgent: FakeProxyAgent };
  if (name === "https-proxy-agent") return { HttpsProxyAgent: FakeHttpsProxyAgent };
  throw new Error(`Cannot find module '${name}'`);
};

describe("proxy option (Node)", () => {
  const originalFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = originalFetch;
  });

  it("builds a ProxyAgent for fetch and an HttpsProxyAgent for the WebSocket from a URL string", async () => {
    const seen: unknown[] = [];
    globalThis.fetch = (async (_input: unknown, init?: RequestInit & { dispatcher?: unknown }) => {
      seen.push(init?.dispatcher);
      return new Response("{}");
    }) as typeof fetch;

    const built = proxyCapabilities("http://user:pw@proxy.example:8080", peers);

    expect((built.agent as FakeHttpsProxyAgent).url).toBe("http://user:pw@proxy.example:8080/");
    await built.fetch?.("http://x.example/");
    expect(seen).toHaveLength(1);
    expect((seen[0] as FakeProxyAgent).url).toBe("http://user:pw@proxy.example:8080/");
  });

  it("says which package to install when a URL string cannot be served", () => {
    const missing = () => {
      throw new Error("Cannot find module 'undici'");
    };
    expect(() => proxyCapabilities("http://proxy.example:8080", missing)).toThrow(
      /proxy as a URL needs the package "undici" \(npm install undici https-proxy-agent\)/,
    );
  });

  it.each([
    ["socks5://proxy.example:1080", /socks5: proxies are not built in/],
    ["not a url", /proxy is not a valid URL/],
    [42, /proxy must be a proxy URL string or \{ dispatcher, agent \}/],
    [{ url: "http://proxy.example" }, /proxy: unknown key "url"/],
    [{}, /proxy must have a dispatcher \(HTTP\), an agent \(WebSocket\) or both/],
    [{ dispatcher: "http://proxy.example" }, /proxy.dispatcher must be an undici Dispatcher/],
  ])("refuses %o", (proxy, message) => {
    expect(() => proxyCapabilities(proxy, peers)).toThrow(InvalidOptionError);
    expect(() => proxyCapabilities(proxy, peers)).toThrow(message);
  });

  it("the client refuses an unusable proxy at construction", () => {
    expect(() => new TikTokLiveClient("@user", { proxy: { url: "http://p" } as never })).toThrow(
      /proxy: unknown key "url"/,
    );
  });
});
