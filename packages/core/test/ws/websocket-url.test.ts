import { ProtoMessageFetchResult } from "@tiktok-live/proto";
import { describe, expect, it } from "vitest";
import { defaultLocale, defaultUserAgent } from "../../src/http/web-defaults.js";
import { buildPushUrl, type PushUrlInput } from "../../src/ws/websocket-url.js";

function input(initial: Partial<ProtoMessageFetchResult>, extra: Partial<PushUrlInput> = {}): PushUrlInput {
  return {
    initial: ProtoMessageFetchResult.fromPartial({
      pushServer: "wss://webcast16-ws-useast1a.tiktok.com/webcast/im/push/v2/",
      routeParams: { imprp: "abc", wrss: "route-1" },
      cursor: "t-1721000000000_r-1_d-1_u-1_h-1",
      internalExt: "internal_src:dim|wss_push_room_id:7311",
      ...initial,
    }),
    roomId: "7311111111111111111",
    userAgent: defaultUserAgent,
    locale: defaultLocale,
    heartbeatIntervalMs: 10_000,
    ...extra,
  };
}

function entries(url: string): Array<[string, string]> {
  return [...new URL(url).searchParams.entries()];
}

describe("buildPushUrl", () => {
  it("puts route params first, then the client params", () => {
    const url = buildPushUrl(input({}));
    expect(
      url.startsWith(
        "wss://webcast16-ws-useast1a.tiktok.com/webcast/im/push/v2/?imprp=abc&wrss=route-1&aid=1988&",
      ),
    ).toBe(true);
    const keys = entries(url).map(([k]) => k);
    expect(keys.slice(0, 3)).toEqual(["imprp", "wrss", "aid"]);
  });

  it("carries the client's params with their values", () => {
    const q = new URL(buildPushUrl(input({}, { heartbeatIntervalMs: 7_500 }))).searchParams;
    expect(q.get("aid")).toBe("1988");
    expect(q.get("compress")).toBe("gzip");
    expect(q.get("room_id")).toBe("7311111111111111111");
    expect(q.get("cursor")).toBe("t-1721000000000_r-1_d-1_u-1_h-1");
    expect(q.get("internal_ext")).toBe("internal_src:dim|wss_push_room_id:7311");
    expect(q.get("heartbeat_duration")).toBe("7500");
    expect(q.get("identity")).toBe("audience");
    expect(q.get("live_id")).toBe("12");
    expect(q.get("app_language")).toBe("en");
    expect(q.get("browser_language")).toBe("en-GB");
    expect(q.get("tz_name")).toBe("Europe/London");
    expect(q.get("browser_name")).toBe("Mozilla");
    expect(q.get("browser_version")).toBe(defaultUserAgent.slice("Mozilla/".length));
    expect(q.get("browser_platform")).toBe("Win32");
    const rtt = Number(q.get("last_rtt"));
    expect(rtt).toBeGreaterThanOrEqual(100);
    expect(rtt).toBeLessThan(200);
  });

  it("ends with the second version_code=270000, after the client's own 180800", () => {
    const url = buildPushUrl(input({}));
    expect(url.endsWith("&version_code=270000")).toBe(true);
    expect(new URL(url).searchParams.getAll("version_code")).toEqual(["180800", "270000"]);
  });

  it("skips empty route params", () => {
    const url = buildPushUrl(input({ routeParams: { imprp: "", wrss: "kept", other: "" } }));
    const keys = entries(url).map(([k]) => k);
    expect(keys).not.toContain("imprp");
    expect(keys).not.toContain("other");
    expect(keys[0]).toBe("wrss");
  });

  it("a route param wins over the client param of the same name (no duplicates)", () => {
    const q = new URL(buildPushUrl(input({ routeParams: { compress: "gzip", aid: "1233" } }))).searchParams;
    expect(q.getAll("aid")).toEqual(["1233"]);
    expect(q.getAll("compress")).toEqual(["gzip"]);
  });

  it("appends to a push server that already has a query string", () => {
    const url = buildPushUrl(input({ pushServer: "wss://push.example/ws/?region=us&x=1", routeParams: {} }));
    expect(url.startsWith("wss://push.example/ws/?region=us&x=1&aid=1988&")).toBe(true);
    expect(url).not.toContain("?&");
    expect(url.split("?")).toHaveLength(2);
    const q = new URL(url).searchParams;
    expect(q.get("region")).toBe("us");
    expect(q.get("room_id")).toBe("7311111111111111111");
  });

  it("encodes values that need escaping", () => {
    const url = buildPushUrl(input({ cursor: "a b&c=d", internalExt: "x|y" }));
    const q = new URL(url).searchParams;
    expect(q.get("cursor")).toBe("a b&c=d");
    expect(q.get("internal_ext")).toBe("x|y");
  });

  it("reports MacIntel for a Mac user agent", () => {
    const q = new URL(
      buildPushUrl(
        input({}, { userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36" }),
      ),
    ).searchParams;
    expect(q.get("browser_platform")).toBe("MacIntel");
  });
});
