import { describe, expect, it } from "vitest";
import { mayReceiveCookies } from "../../src/video/cdn-hosts.js";

describe("mayReceiveCookies", () => {
  it("allows https on TikTok's video domains and their subdomains only", () => {
    expect(mayReceiveCookies(new URL("https://pull-flv-f11.tiktokcdn.com/stage/x.flv"))).toBe(true);
    expect(mayReceiveCookies(new URL("https://pull-q5.tiktokcdn-us.com/x.flv"))).toBe(true);
    expect(mayReceiveCookies(new URL("http://pull-flv-f11.tiktokcdn.com/x.flv"))).toBe(false);
    expect(mayReceiveCookies(new URL("https://tiktokcdn.com.evil.example/x.flv"))).toBe(false);
    expect(mayReceiveCookies(new URL("https://eviltiktokcdn.com/x.flv"))).toBe(false);
    expect(mayReceiveCookies(new URL("https://127.0.0.1/x.flv"))).toBe(false);
  });
});
