import { describe, expect, it } from "vitest";
import { WebSocketClosedError } from "../../src/errors/errors.js";
import { closeError, frameTooLargeCloseCode, frameTooLargeReason } from "../../src/ws/close-codes.js";

describe("closeError", () => {
  it("is none for a normal close", () => {
    expect(closeError(1000, "client disconnect", 100)).toBeUndefined();
  });

  it("names limits.maxFrameBytes when we closed for an oversized frame", () => {
    const error = closeError(frameTooLargeCloseCode, frameTooLargeReason, 8192);
    expect(error).toBeInstanceOf(WebSocketClosedError);
    expect(error?.message).toContain("limits.maxFrameBytes (8192 bytes)");
    expect(error).toMatchObject({ closeCode: 1009, reason: frameTooLargeReason });
  });

  it("keeps the server's code and reason otherwise, also a 1009 of the server's own", () => {
    expect(closeError(1009, "too big for us", 8192)?.message).toBe(
      "The push connection closed (code 1009, too big for us)",
    );
    expect(closeError(4000, "", 8192)?.message).toBe("The push connection closed (code 4000)");
  });
});
