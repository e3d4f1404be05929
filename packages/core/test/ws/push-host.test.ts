import { describe, expect, it } from "vitest";
import { resolveOptions } from "../../src/client/options.js";
import { UntrustedHostError } from "../../src/errors/errors.js";
import { checkPushServer, type PushHostPolicy, tiktokPushDomains } from "../../src/ws/push-host.js";

const tiktokOnly: PushHostPolicy = { domains: tiktokPushDomains, secureHosts: [], plainHosts: [] };

function refusal(url: string, policy: PushHostPolicy = tiktokOnly): UntrustedHostError {
  try {
    checkPushServer(url, policy);
  } catch (e) {
    expect(e).toBeInstanceOf(UntrustedHostError);
    return e as UntrustedHostError;
  }
  throw new Error(`${url} was accepted`);
}

describe("checkPushServer (issue 14 row 1)", () => {
  it.each([
    "wss://webcast5-ws-web-lf.tiktok.com/webcast/im/push/v2/",
    "wss://webcast16-ws-useast5.us.tiktok.com/webcast/im/push/",
    "wss://webcast16-ws-useast1a.tiktokv.com/webcast/im/push/",
    "wss://tiktok.com/x",
  ])("accepts TikTok's push host %s over wss:", (url) => {
    expect(checkPushServer(url, tiktokOnly).href).toBe(url);
  });

  it.each([
    ["ws://webcast5-ws-web-lf.tiktok.com/webcast/im/push/v2/", /plain ws:/],
    ["wss://evil.example/webcast/im/push/v2/", /not on a TikTok push domain/],
    ["wss://tiktok.com.evil.example/", /not on a TikTok push domain/],
    ["wss://eviltiktok.com/", /not on a TikTok push domain/],
    ["https://webcast5-ws-web-lf.tiktok.com/", /scheme is https:/],
    ["wss://user:pw@webcast5-ws-web-lf.tiktok.com/", /credentials/],
    ["not a url", /not a URL/],
  ])("refuses %s and says why", (url, why) => {
    const error = refusal(url);
    expect(error.code).toBe("UNTRUSTED_HOST");
    expect(error.reason).toMatch(why);
    expect(error.message).toContain(error.host);
  });

  it("names the host with its port", () => {
    expect(refusal("ws://127.0.0.1:9999/push").host).toBe("127.0.0.1:9999");
  });

  it("allows the hosts of configured web/webcast base URLs (the simulator's loopback, over ws:), not the sign server's", () => {
    const { resolved } = resolveOptions("user", {
      baseUrls: {
        web: "http://127.0.0.1:4000",
        webcast: "http://127.0.0.1:4000/webcast",
        signServer: "https://sign.example",
      },
    });
    expect(checkPushServer("ws://127.0.0.1:4000/webcast/im/push/v2/", resolved.pushHosts).port).toBe("4000");
    expect(refusal("ws://127.0.0.1:4001/", resolved.pushHosts).host).toBe("127.0.0.1:4001");
    expect(refusal("wss://sign.example/push", resolved.pushHosts).host).toBe("sign.example");
  });

  it("allows trustedPushHosts entries: exact host over wss:, a port, a wildcard, and ws:// only when written so", () => {
    const { resolved } = resolveOptions("user", {
      trustedPushHosts: ["push.example.com", "other.example:8443", "*.cdn.example", "ws://10.0.0.2:8080"],
    });
    const p = resolved.pushHosts;
    expect(() => checkPushServer("wss://push.example.com/a", p)).not.toThrow();
    expect(() => checkPushServer("wss://other.example:8443/a", p)).not.toThrow();
    expect(() => checkPushServer("wss://a.b.cdn.example/a", p)).not.toThrow();
    expect(() => checkPushServer("ws://10.0.0.2:8080/a", p)).not.toThrow();
    expect(refusal("ws://push.example.com/a", p).reason).toMatch(/plain ws:/);
    expect(refusal("wss://push.example.com:444/a", p).host).toBe("push.example.com:444");
    expect(refusal("wss://cdn.example.evil/a", p).host).toBe("cdn.example.evil");
  });
});
