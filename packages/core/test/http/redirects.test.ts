/// <reference types="node" />
/**
 * Issue 14 row 5: the sign server's API key (and the session in a chat body)
 * never follows a redirect to another origin; TikTok routes follow one
 * without the cookie jar. Real servers and the runtime's own fetch.
 */
import { afterEach, describe, expect, it } from "vitest";
import { SignServerError } from "../../src/errors/errors.js";
import { CookieJar } from "../../src/http/cookie-jar.js";
import { HttpClient } from "../../src/http/http-client.js";
import type { RouteContext } from "../../src/http/routes/room-id.js";
import { sendChat } from "../../src/http/routes/send-chat.js";
import { fetchSignedConnection } from "../../src/http/routes/sign-server.js";
import { type LocalServer, localServer } from "../local-server.js";

const apiKey = "euler_secret_key_0123456789";
const sessionId = "5e5510n5e5510n5e5510n";

const servers: LocalServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

/** The other origin: records what reaches it. */
async function elsewhere(): Promise<LocalServer> {
  const s = await localServer((_req, res) => res.writeHead(404).end());
  servers.push(s);
  return s;
}

/** A "sign server" that redirects every request to `target` + the same path. */
async function redirecting(target: () => string, status = 302): Promise<LocalServer> {
  const s = await localServer((req, res) =>
    res.writeHead(status, { Location: `${target()}${req.url}` }).end(),
  );
  servers.push(s);
  return s;
}

function context(signServer: string, jar = new CookieJar()): RouteContext {
  const http = new HttpClient({
    fetch: (input, init) => globalThis.fetch(input, init),
    cookies: jar,
    headers: { "User-Agent": "test" },
    timeoutMs: 5_000,
  });
  return { http, baseUrls: { web: signServer, webcast: signServer, signServer }, params: {} };
}

describe("sign server redirects (row 5)", () => {
  it("does not follow a 302 to another origin: no request there, so X-Api-Key stays home", async () => {
    const other = await elsewhere();
    const sign = await redirecting(() => other.origin);

    const error = await fetchSignedConnection(context(sign.origin), new CookieJar(), {
      roomId: "1",
      userAgent: "test",
      apiKey,
    }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(SignServerError);
    expect((error as SignServerError).status).toBe(302);
    expect((error as Error).message).toContain(other.origin);
    expect(other.requests).toHaveLength(0);
    expect(sign.requests[0]?.headers["x-api-key"]).toBe(apiKey);
  });

  it("does not carry a chat (with its session id) across origins on a 307 either", async () => {
    const other = await elsewhere();
    const sign = await redirecting(() => other.origin, 307);
    const error = await sendChat(context(sign.origin), {
      roomId: "1",
      content: "hi",
      sessionId,
      ttTargetIdc: "useast1a",
      apiKey,
    }).catch((e: unknown) => e);
    expect((error as { status?: number }).status).toBe(307);
    expect(other.requests).toHaveLength(0);
  });

  it("follows a same-origin redirect with the key (a moved path on the same server)", async () => {
    let hits = 0;
    const sign = await localServer((req, res) => {
      hits++;
      if (req.url?.startsWith("/old/"))
        res.writeHead(301, { Location: req.url.replace("/old/", "/new/") }).end();
      else res.writeHead(402).end();
    });
    servers.push(sign);
    const error = await fetchSignedConnection(context(`${sign.origin}/old`), new CookieJar(), {
      roomId: "1",
      userAgent: "test",
      apiKey,
    }).catch((e: unknown) => e);
    expect((error as SignServerError).status).toBe(402);
    expect(hits).toBe(2);
    expect(sign.requests[1]?.url).toMatch(/^\/new\/webcast\/fetch\//);
    expect(sign.requests[1]?.headers["x-api-key"]).toBe(apiKey);
  });
});

describe("TikTok route redirects", () => {
  it("follow a cross-origin redirect without the cookie jar", async () => {
    const other = await localServer((_req, res) =>
      res.writeHead(200, { "Content-Type": "application/json" }).end("{}"),
    );
    servers.push(other);
    const tiktok = await redirecting(() => other.origin);
    const jar = new CookieJar();
    jar.set("sessionid", sessionId);
    const ctx = context(tiktok.origin, jar);

    await ctx.http.json({ url: new URL(`${tiktok.origin}/webcast/room/info/`), withCookies: true });

    expect(tiktok.requests[0]?.headers.cookie).toBe(`sessionid=${sessionId}`);
    expect(other.requests).toHaveLength(1);
    expect(other.requests[0]?.headers.cookie).toBeUndefined();
  });

  it("stop after 5 hops of a redirect loop", async () => {
    const loop: LocalServer = await localServer((req, res) =>
      res.writeHead(302, { Location: req.url ?? "/" }).end(),
    );
    servers.push(loop);
    const error = await context(loop.origin)
      .http.json({ url: new URL(`${loop.origin}/a`), withCookies: false })
      .catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/too many redirects/);
    expect(loop.requests).toHaveLength(6);
  });
});
