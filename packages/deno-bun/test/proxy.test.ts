import { InvalidOptionError } from "@tiktok-live/core";
import { describe, expect, it, vi } from "vitest";
import { ProxyNotSupportedError, type ProxyRuntime, proxyTransport } from "../src/proxy.js";

const deno = (version: string, createHttpClient?: (o: unknown) => { close(): void }): ProxyRuntime => ({
  name: "deno",
  version,
  deno: { version: { deno: version }, ...(createHttpClient ? { createHttpClient } : {}) },
});

describe("proxyTransport", () => {
  it("Deno: one HttpClient with the proxy, credentials as basicAuth, not in the URL", () => {
    const create = vi.fn(() => ({ close() {} }));
    proxyTransport("http://me:p%40ss@proxy.example:8080", deno("2.9.6", create));
    expect(create).toHaveBeenCalledWith({
      proxy: { url: "http://proxy.example:8080/", basicAuth: { username: "me", password: "p@ss" } },
    });
  });

  it("Deno: socks5 is accepted, ftp is not", () => {
    expect(() =>
      proxyTransport(
        "socks5://127.0.0.1:1080",
        deno("2.9.6", () => ({ close() {} })),
      ),
    ).not.toThrow();
    expect(() =>
      proxyTransport(
        "ftp://h:21",
        deno("2.9.6", () => ({ close() {} })),
      ),
    ).toThrow(InvalidOptionError);
  });

  it("refuses, naming the runtime, where the WebSocket would bypass the proxy", () => {
    const old = (() => {
      try {
        proxyTransport(
          "http://h:1",
          deno("2.4.0", () => ({ close() {} })),
        );
      } catch (e) {
        return e;
      }
    })();
    expect(old).toBeInstanceOf(ProxyNotSupportedError);
    expect((old as ProxyNotSupportedError).runtime).toBe("Deno 2.4.0");
    expect((old as Error).message).toMatch(/Deno 2\.4\.0's WebSocket cannot use a proxy.*Node\.js/);
    expect(() => proxyTransport("http://h:1", deno("2.9.6"))).toThrow(/Deno\.createHttpClient/);
    expect(() => proxyTransport("http://h:1", { name: "bun", version: "1.3.5" })).toThrow(
      /Bun 1\.3\.5's WebSocket cannot use a proxy/,
    );
    expect(() => proxyTransport("http://h:1", { name: "other", version: "" })).toThrow(
      ProxyNotSupportedError,
    );
  });

  it("Bun: http and https proxies from 1.3.6 on; socks5 is not one of them", () => {
    expect(() => proxyTransport("https://h:443", { name: "bun", version: "1.3.6" })).not.toThrow();
    expect(() => proxyTransport("http://h:1", { name: "bun", version: "1.10.0" })).not.toThrow();
    expect(() => proxyTransport("socks5://h:1", { name: "bun", version: "1.4.5" })).toThrow(
      InvalidOptionError,
    );
  });

  it("Bun: fetch gets the proxy URL as its proxy option", async () => {
    const spy = vi.spyOn(globalThis, "fetch").mockResolvedValue(new Response("ok"));
    try {
      await proxyTransport("http://u:p@h:8080", { name: "bun", version: "1.4.5" }).fetch("http://x/", {
        method: "POST",
      });
      expect(spy).toHaveBeenCalledWith("http://x/", { method: "POST", proxy: "http://u:p@h:8080/" });
    } finally {
      spy.mockRestore();
    }
  });

  it("rejects what is not a URL", () => {
    expect(() => proxyTransport(42, { name: "bun", version: "1.4.5" })).toThrow(InvalidOptionError);
    expect(() => proxyTransport("not a url", { name: "bun", version: "1.4.5" })).toThrow(/not a valid URL/);
  });
});
