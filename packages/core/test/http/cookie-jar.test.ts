import { describe, expect, it } from "vitest";
import { CookieJar, splitSetCookie } from "../../src/http/cookie-jar.js";

// What Euler's X-Set-TT-Cookie looks like: several Set-Cookie lines joined
// with ", ", one of them with an Expires date that itself contains a comma.
const ttwid = "1%7CAbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_%7C1764115200%7Cdeadbeefcafef00d";
const chainToken = "Xy12abcDEF34+/ghIJ==";
const xSetTtCookie = [
  `ttwid=${ttwid}; Path=/; Domain=tiktok.com; Max-Age=31536000; HttpOnly; Secure; SameSite=None`,
  `tt_chain_token=${chainToken}; Path=/; Domain=.tiktok.com; Expires=Wed, 26 Nov 2025 12:00:00 GMT; HttpOnly`,
  "odin_tt=0f1e2d3c4b5a69788796a5b4c3d2e1f0; Path=/; Domain=.tiktok.com; Expires=Thu, 26-Nov-2026 12:00:00 GMT",
].join(", ");

describe("CookieJar.setFromHeader", () => {
  it("reads a comma-joined Set-Cookie list, including an Expires date with a comma", () => {
    const jar = new CookieJar();

    jar.setFromHeader(xSetTtCookie);

    expect(jar.size).toBe(3);
    expect(jar.get("ttwid")).toBe(ttwid);
    // Only the first "=" splits name from value; base64 padding stays.
    expect(jar.get("tt_chain_token")).toBe(chainToken);
    expect(jar.get("odin_tt")).toBe("0f1e2d3c4b5a69788796a5b4c3d2e1f0");
    // Attributes are not cookies.
    for (const attribute of [
      "Path",
      "Domain",
      "Expires",
      "Max-Age",
      "HttpOnly",
      "Secure",
      "SameSite",
      "26 Nov 2025 12:00:00 GMT",
    ]) {
      expect(jar.has(attribute)).toBe(false);
    }
  });

  it("keeps existing cookies and replaces ones with the same name", () => {
    const jar = new CookieJar();
    jar.set("tt-target-idc", "useast1a");
    jar.set("ttwid", "stale");

    jar.setFromHeader(`ttwid=fresh; Path=/; Expires=Fri, 26 Nov 2027 00:00:00 GMT, msToken=abc_123; Path=/`);

    expect(jar.get("tt-target-idc")).toBe("useast1a");
    expect(jar.get("ttwid")).toBe("fresh");
    expect(jar.get("msToken")).toBe("abc_123");
    expect(jar.size).toBe(3);
  });

  it("skips entries without a name", () => {
    const jar = new CookieJar();

    jar.setFromHeader("=orphan; Path=/, , novalue, ok=1");

    expect(jar.toJSON()).toEqual({ cookies: ["ok"] });
    expect(jar.get("ok")).toBe("1");
  });

  it("splitSetCookie splits on cookie boundaries only", () => {
    expect(splitSetCookie(xSetTtCookie)).toEqual([
      `ttwid=${ttwid}; Path=/; Domain=tiktok.com; Max-Age=31536000; HttpOnly; Secure; SameSite=None`,
      `tt_chain_token=${chainToken}; Path=/; Domain=.tiktok.com; Expires=Wed, 26 Nov 2025 12:00:00 GMT; HttpOnly`,
      "odin_tt=0f1e2d3c4b5a69788796a5b4c3d2e1f0; Path=/; Domain=.tiktok.com; Expires=Thu, 26-Nov-2026 12:00:00 GMT",
    ]);
    expect(splitSetCookie("")).toEqual([]);
  });
});

describe("CookieJar.header", () => {
  it("joins name=value pairs with '; ' in insertion order", () => {
    const jar = new CookieJar();
    expect(jar.header()).toBe("");

    jar.set("tt-target-idc", "eu-ttp2");
    jar.set("sessionid", "s3cr3t");
    jar.setFromHeader(`ttwid=${ttwid}; Path=/`);

    expect(jar.header()).toBe(`tt-target-idc=eu-ttp2; sessionid=s3cr3t; ttwid=${ttwid}`);
  });
});

describe("CookieJar never prints values", () => {
  const sessionId = "8f1c2d3e4a5b6c7d8e9f0a1b2c3d4e5f";

  it("toJSON and toString list names only", () => {
    const jar = new CookieJar();
    jar.set("sessionid", sessionId);
    jar.set("tt-target-idc", "useast1a");
    jar.setFromHeader(xSetTtCookie);

    expect(jar.toJSON()).toEqual({
      cookies: ["sessionid", "tt-target-idc", "ttwid", "tt_chain_token", "odin_tt"],
    });
    expect(jar.toString()).toBe("CookieJar(sessionid, tt-target-idc, ttwid, tt_chain_token, odin_tt)");

    const renderings = [JSON.stringify(jar), JSON.stringify({ jar }), String(jar), `${jar}`, jar.toString()];
    for (const text of renderings) {
      for (const value of [sessionId, "useast1a", ttwid, chainToken, "0f1e2d3c4b5a69788796a5b4c3d2e1f0"]) {
        expect(text).not.toContain(value);
      }
    }
  });
});

describe("CookieJar sign-server scope (issue 14 row 2)", () => {
  function loggedIn(): CookieJar {
    const jar = new CookieJar();
    jar.set("tt-target-idc", "useast1a");
    for (const name of ["sessionid", "sessionid_ss", "sid_tt"]) jar.set(name, "mine");
    jar.set("msToken", "user-token");
    return jar;
  }

  it("never lets X-Set-TT-Cookie replace a session cookie or a cookie the user set", () => {
    const jar = loggedIn();
    jar.setSignServerCookies(
      "sessionid=evil, sid_tt=evil; Path=/, sessionid_ss=evil, sid_guard=evil, tt-target-idc=evil, msToken=theirs, ttwid=ok",
    );
    for (const name of ["sessionid", "sessionid_ss", "sid_tt"]) expect(jar.get(name)).toBe("mine");
    expect(jar.get("tt-target-idc")).toBe("useast1a");
    expect(jar.get("msToken")).toBe("user-token");
    expect(jar.handshakeHeader()).toBe(
      "tt-target-idc=useast1a; sessionid=mine; sessionid_ss=mine; sid_tt=mine; msToken=user-token; ttwid=ok",
    );
    expect(jar.handshakeHeader()).not.toContain("evil");
  });

  it("keeps sign-server cookies out of the HTTP Cookie header and replaces them on each signature", () => {
    const jar = loggedIn();
    jar.setSignServerCookies(`ttwid=${ttwid}; Path=/`);
    expect(jar.header()).not.toContain("ttwid");
    jar.setSignServerCookies("ttwid=second");
    expect(jar.handshakeHeader()).toContain("ttwid=second");
    expect(jar.handshakeHeader()).not.toContain(ttwid);
    expect(jar.signServerCookieNames()).toEqual(["ttwid"]);
  });

  it("drops sign-server cookies whose name or value would break the header", () => {
    const jar = new CookieJar();
    jar.setSignServerCookies('ok=1, spaced="a b", ctl=a\u0001b');
    expect(jar.handshakeHeader()).toBe("ok=1");
  });
});
