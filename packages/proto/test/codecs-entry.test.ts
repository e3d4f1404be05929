import { describe, expect, it } from "vitest";
import { WebcastChatMessage } from "../src/codecs.js";
import { CommentEvent, codecDomains } from "../src/index.js";

describe("@tiktok-live/proto/codecs", () => {
  it("marks every domain loaded, so events built by hand decode without loadCodecs", () => {
    for (const [name, domain] of codecDomains) expect(domain.isLoaded, name).toBe(true);
    const payload = WebcastChatMessage.encode(WebcastChatMessage.fromPartial({ content: "hi" })).finish();
    expect(new CommentEvent({ method: "WebcastChatMessage", msgId: 1n, payload }).comment).toBe("hi");
  });

  it("hands out the same codec objects the domains load", () => {
    expect(CommentEvent.codecs.codecs.WebcastChatMessage).toBe(WebcastChatMessage);
  });
});
