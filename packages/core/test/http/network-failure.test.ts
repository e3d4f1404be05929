/// <reference types="node" />
import { describe, expect, it } from "vitest";
import { NetworkError } from "../../src/errors/errors.js";
import { CookieJar } from "../../src/http/cookie-jar.js";
import { HttpClient } from "../../src/http/http-client.js";
import { underlyingReason } from "../../src/http/network-failure.js";
import { localServer } from "../local-server.js";

function client(): HttpClient {
  return new HttpClient({
    fetch: (input, init) => globalThis.fetch(input, init),
    cookies: new CookieJar(),
    headers: {},
    timeoutMs: 10_000,
  });
}

describe("NetworkError", () => {
  it("names the host and ECONNREFUSED, not just 'fetch failed'", async () => {
    const closed = await localServer(() => {});
    const url = new URL(`${closed.origin}/webcast/room/info/`);
    await closed.close();

    const error = await client()
      .json({ url, withCookies: false })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(NetworkError);
    const network = error as NetworkError;
    expect(network.code).toBe("NETWORK");
    expect(network.host).toBe(url.host);
    expect(network.reason).toMatch(/ECONNREFUSED/);
    expect(network.message).toContain(url.host);
    expect(network.message).toMatch(/ECONNREFUSED/);
    expect(network.message).not.toMatch(/fetch failed$/);
    expect(network.cause).toBeInstanceOf(TypeError);
  });

  it("digs the TLS or DNS cause out of nested causes and AggregateErrors", () => {
    const tls = Object.assign(new Error("unable to verify the first certificate"), {
      code: "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
    });
    expect(underlyingReason(new TypeError("fetch failed", { cause: tls }))).toBe(
      "UNABLE_TO_VERIFY_LEAF_SIGNATURE: unable to verify the first certificate",
    );
    const dns = Object.assign(new Error("getaddrinfo ENOTFOUND webcast.example"), { code: "ENOTFOUND" });
    const aggregate = Object.assign(new AggregateError([dns], ""), { code: "ENOTFOUND" });
    expect(underlyingReason(new TypeError("fetch failed", { cause: aggregate }))).toBe(
      "getaddrinfo ENOTFOUND webcast.example",
    );
    expect(underlyingReason("plain")).toBe("plain");
  });

  it("drops query strings from URLs a runtime puts in its message (they may hold a session id)", () => {
    const deno = new TypeError(
      "error sending request for url (https://sign.example/webcast/fetch/?room_id=1&session_id=secret): connection refused",
    );
    const reason = underlyingReason(deno);
    expect(reason).toBe(
      "error sending request for url (https://sign.example/webcast/fetch/): connection refused",
    );
    expect(reason).not.toContain("secret");
  });
});
