import { InvalidResponseError } from "../../errors/errors.js";
import type { RouteContext } from "./room-id.js";

/** Downloads an image (avatar, gift icon) as bytes. */
export async function fetchImage(ctx: RouteContext, url: string): Promise<Uint8Array> {
  const response = await ctx.http.request({
    url: new URL(url),
    withCookies: false,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  if (!response.ok)
    throw new InvalidResponseError(`Image download answered HTTP ${response.status}`, response.status);
  return new Uint8Array(await response.arrayBuffer());
}
