/// <reference types="node" />
/**
 * Issue 14 row 7: every body is read under a cap and abandoned as soon as it
 * passes it. A real server streams far more than the cap; the tests check the
 * read stopped early (bytes read and bytes sent both bounded), not just that
 * it failed.
 */
import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import type { FetchLike } from "../../src/capabilities.js";
import { ResponseTooLargeError } from "../../src/errors/errors.js";
import { readCappedBytes, readErrorDetail } from "../../src/http/body-reader.js";
import { CookieJar } from "../../src/http/cookie-jar.js";
import { HttpClient } from "../../src/http/http-client.js";
import { fetchSignedConnection } from "../../src/http/routes/sign-server.js";
import { type LocalServer, localServer } from "../local-server.js";

const MiB = 1024 * 1024;
const huge = 400 * MiB;
const chunk = new Uint8Array(64 * 1024).fill(0x61);

interface Flood {
  server: LocalServer;
  /** Resolves with the bytes the server managed to write when the client went away (or it finished). */
  ended: Promise<{ written: number; finished: boolean }>;
}

/** Streams `huge` bytes with backpressure, so it writes only as fast as the client reads. */
async function flood(headers: Record<string, string> = {}, status = 200): Promise<Flood> {
  let settle!: (v: { written: number; finished: boolean }) => void;
  const ended = new Promise<{ written: number; finished: boolean }>((r) => {
    settle = r;
  });
  const server = await localServer((_req, res: ServerResponse) => {
    let written = 0;
    let closed = false;
    res.on("close", () => {
      closed = true;
      settle({ written, finished: written >= huge });
    });
    res.writeHead(status, { "Content-Type": "application/json", ...headers });
    const pump = () => {
      while (!closed && written < huge) {
        written += chunk.byteLength;
        if (!res.write(chunk)) return void res.once("drain", pump);
      }
      if (!closed) res.end();
    };
    pump();
  });
  servers.push(server);
  return { server, ended };
}

const servers: LocalServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

/** fetch whose response bodies count what the client actually pulled. */
function countingFetch(): { fetch: FetchLike; read: () => number } {
  let read = 0;
  const fetch: FetchLike = async (input, init) => {
    const response = await globalThis.fetch(input, init);
    if (!response.body) return response;
    const reader = response.body.getReader();
    const counted = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { value, done } = await reader.read();
        if (done) return controller.close();
        read += value.byteLength;
        controller.enqueue(value);
      },
      cancel: (reason) => reader.cancel(reason),
    });
    return new Response(counted, { status: response.status, headers: response.headers });
  };
  return { fetch, read: () => read };
}

function client(fetch: FetchLike, apiCap = MiB): HttpClient {
  return new HttpClient({
    fetch,
    cookies: new CookieJar(),
    headers: {},
    timeoutMs: 30_000,
    responseLimits: { page: apiCap, api: apiCap, signServer: apiCap, image: apiCap },
  });
}

describe("capped body reads (row 7)", () => {
  it("stops reading a 400 MiB JSON body just past the 1 MiB cap, and the server stops sending", async () => {
    const { server, ended } = await flood();
    const counting = countingFetch();

    const error = await client(counting.fetch)
      .json({ url: new URL(`${server.origin}/webcast/room/info/`), withCookies: false })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect((error as ResponseTooLargeError).code).toBe("RESPONSE_TOO_LARGE");
    expect((error as ResponseTooLargeError).limit).toBe(MiB);
    expect((error as Error).message).toContain("/webcast/room/info/");
    // At most one chunk past the cap was pulled…
    expect(counting.read()).toBeLessThanOrEqual(MiB + 256 * 1024);
    // …and the connection was dropped: the server got nowhere near 400 MiB (socket buffers aside).
    const { written, finished } = await ended;
    expect(finished).toBe(false);
    expect(written).toBeLessThan(64 * MiB);
  });

  it("refuses a body whose Content-Length is over the cap without reading it", async () => {
    const { server, ended } = await flood({ "Content-Length": String(huge) });
    const counting = countingFetch();
    const error = await client(counting.fetch)
      .text({ url: new URL(`${server.origin}/@user/live`), withCookies: false, kind: "page" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect((error as Error).message).toMatch(/announced 419430400 bytes/);
    expect(counting.read()).toBeLessThanOrEqual(256 * 1024);
    expect((await ended).finished).toBe(false);
  });

  it("caps the sign server's protobuf body the same way", async () => {
    const { server, ended } = await flood({ "Content-Type": "application/protobuf" });
    const counting = countingFetch();
    const http = client(counting.fetch);
    const error = await fetchSignedConnection(
      {
        http,
        baseUrls: { web: server.origin, webcast: server.origin, signServer: server.origin },
        params: {},
      },
      new CookieJar(),
      { roomId: "1", userAgent: "test" },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(counting.read()).toBeLessThanOrEqual(MiB + 256 * 1024);
    expect((await ended).finished).toBe(false);
  });

  it("keeps only the start of a huge error body (HTTP 500), without reading the rest", async () => {
    const { server, ended } = await flood({}, 500);
    const counting = countingFetch();
    const error = await client(counting.fetch)
      .json({ url: new URL(`${server.origin}/x`), withCookies: false })
      .catch((e: unknown) => e);
    expect((error as { status?: number }).status).toBe(500);
    expect(String((error as Error).cause).length).toBeLessThanOrEqual(500);
    expect(counting.read()).toBeLessThanOrEqual(256 * 1024);
    expect((await ended).finished).toBe(false);
  });
});

describe("readCappedBytes", () => {
  it("returns a body within the cap whole, across chunks", async () => {
    const body = new Response(new Blob([new Uint8Array(10), new Uint8Array(20)]).stream());
    expect((await readCappedBytes(body, 30, "x")).byteLength).toBe(30);
  });

  it("truncates instead of failing for error details", async () => {
    const text = await readErrorDetail(new Response("a".repeat(100_000)), "x");
    expect(text.length).toBe(16 * 1024);
  });
});
