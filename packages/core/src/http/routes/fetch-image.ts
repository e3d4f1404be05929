import { InvalidResponseError } from "../../errors/errors.js";
import { discard } from "../body-reader.js";
import type { RouteContext } from "./room-id.js";

/** Downloads an image (avatar, gift icon) as bytes. */
export async function fetchImage(ctx: RouteContext, url: string): Promise<Uint8Array> {
  const req = {
    url: new URL(url),
    withCookies: false,
    kind: "image" as const,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  };
  const response = await ctx.http.request(req);
  if (!response.ok) {
    discard(response);
    throw new InvalidResponseError(`Image download answered HTTP ${response.status}`, response.status);
  }
  return ctx.http.bytes(response, req);
}
