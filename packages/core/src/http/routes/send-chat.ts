import { InvalidOptionError, InvalidResponseError, NotAuthenticatedError } from "../../errors/errors.js";
import { joinUrl } from "../base-urls.js";
import type { RouteContext } from "./room-id.js";

export interface ChatRequest {
  roomId: string;
  content: string;
  sessionId?: string;
  ttTargetIdc: string;
  apiKey?: string;
}

/**
 * Posts a comment through the sign server, which signs and relays it; TikTok's
 * own endpoint needs a signature only the sign server can make.
 */
export async function sendChat(ctx: RouteContext, req: ChatRequest): Promise<void> {
  if (!req.sessionId)
    throw new NotAuthenticatedError("Sending chat needs a logged-in session: pass `sessionId`");
  if (!req.content.trim()) throw new InvalidOptionError("Refusing to send an empty comment");
  const body = await ctx.http.json<{ code?: number; message?: string }>({
    url: joinUrl(ctx.baseUrls.signServer, "webcast/chat/"),
    method: "POST",
    headers: { "Content-Type": "application/json", ...(req.apiKey ? { "X-Api-Key": req.apiKey } : {}) },
    body: JSON.stringify({
      roomId: req.roomId,
      content: req.content,
      sessionId: req.sessionId,
      ttTargetIdc: req.ttTargetIdc,
    }),
    withCookies: false,
    kind: "signServer",
    redirects: "same-origin",
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  if (body.code !== undefined && body.code !== 200 && body.code !== 0) {
    throw new InvalidResponseError(`Sending chat failed: ${body.message ?? `code ${body.code}`}`);
  }
}
