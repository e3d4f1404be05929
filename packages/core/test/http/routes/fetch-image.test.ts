import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { InvalidResponseError } from "../../../src/errors/errors.js";
import { fetchImage } from "../../../src/http/routes/fetch-image.js";
import { caught, makeHarness, secretSessionId, userAgent, useServer } from "./fixtures/harness.js";

const server = useServer();

const imageUrl =
  "https://p16-webcast.tiktokcdn.com/img/maliva/webcast-va/eba3a9bb85c33e017f3648eaf88d7189~tplv-obj.webp";
// The start of a WebP file: "RIFF", size, "WEBP", "VP8 ".
const webp = new Uint8Array([
  0x52, 0x49, 0x46, 0x46, 0x24, 0x00, 0x00, 0x00, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50, 0x38, 0x20, 0x00, 0xff,
]);

describe("fetchImage", () => {
  it("returns the bytes, with the browser headers and without cookies", async () => {
    const { ctx } = makeHarness({ sessionId: secretSessionId });
    let seen: Request | undefined;
    server.use(
      http.get(imageUrl, ({ request }) => {
        seen = request;
        return new HttpResponse(webp.slice().buffer as ArrayBuffer, {
          headers: { "Content-Type": "image/webp" },
        });
      }),
    );

    const bytes = await fetchImage(ctx, imageUrl);

    expect(bytes).toBeInstanceOf(Uint8Array);
    expect([...bytes]).toEqual([...webp]);
    expect(seen!.headers.get("user-agent")).toBe(userAgent);
    expect(seen!.headers.has("cookie")).toBe(false);
  });

  it("throws InvalidResponseError with the status on HTTP 404", async () => {
    const { ctx } = makeHarness();
    server.use(http.get(imageUrl, () => new HttpResponse("Not Found", { status: 404 })));

    const error = await caught(() => fetchImage(ctx, imageUrl));

    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).status).toBe(404);
    expect((error as InvalidResponseError).message).toBe("Image download answered HTTP 404");
  });
});
