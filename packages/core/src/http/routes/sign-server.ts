import { ProtoMessageFetchResult } from "@tiktok-live/proto";
import {
  BlockedError,
  InvalidResponseError,
  NetworkError,
  RateLimitError,
  SignServerError,
  TikTokLiveError,
} from "../../errors/errors.js";
import { checkPushServer, type PushHostPolicy, tiktokPushDomains } from "../../ws/push-host.js";
import { joinUrl } from "../base-urls.js";
import { readErrorDetail } from "../body-reader.js";
import type { CookieJar } from "../cookie-jar.js";
import { describeUrl, retryAfterMs } from "../http-client.js";
import type { RouteContext } from "./room-id.js";

export interface SignRequest {
  roomId: string;
  userAgent: string;
  apiKey?: string;
  /** Resume position from a previous connection. */
  cursor?: string;
  /** Sent only when the caller decided the sign server may see the session. */
  session?: { sessionId: string; ttTargetIdc: string };
  /** Where the push server it names may be. Default: TikTok's push domains over `wss:` only. */
  pushHosts?: PushHostPolicy;
}

const tiktokOnly: PushHostPolicy = { domains: tiktokPushDomains, secureHosts: [], plainHosts: [] };

export interface SignedConnection {
  /** The first batch: push server, route params, cursor, and messages to emit before connecting. */
  initial: ProtoMessageFetchResult;
  /** Cookies for the WebSocket handshake, stored in the jar's sign-server scope. */
  cookieNames: string[];
}

/**
 * Asks the sign server for a signed push connection. Its body is a raw
 * ProtoMessageFetchResult; the TikTok cookies come in `X-Set-TT-Cookie`.
 * The signature is valid for about 30 s, so connect right after. The push
 * server it names is checked before anything is stored: the handshake there
 * carries the session cookies.
 */
export async function fetchSignedConnection(
  ctx: RouteContext,
  jar: CookieJar,
  req: SignRequest,
): Promise<SignedConnection> {
  const url = joinUrl(ctx.baseUrls.signServer, "webcast/fetch/");
  const response = await requestSignature(ctx, url, req);
  await refuseFailedAnswer(response, url);
  const { initial, setCookie } = await readSignedAnswer(ctx, response, url);
  checkPushServer(initial.pushServer, req.pushHosts ?? tiktokOnly);
  jar.setSignServerCookies(setCookie);
  return { initial, cookieNames: jar.signServerCookieNames() };
}

function signParams(req: SignRequest): Record<string, string> {
  const params: Record<string, string> = {
    client: "tiktok-live-js",
    room_id: req.roomId,
    user_agent: req.userAgent,
    platform: "web",
    client_enter: "true",
  };
  if (req.cursor) params.cursor = req.cursor;
  if (req.session) {
    params.session_id = req.session.sessionId;
    params.tt_target_idc = req.session.ttTargetIdc;
  }
  return params;
}

/** The request itself; a failure to get any answer becomes a SignServerError unless it is the caller's or already typed. */
async function requestSignature(ctx: RouteContext, url: URL, req: SignRequest): Promise<Response> {
  try {
    return await ctx.http.request({
      url,
      params: signParams(req),
      headers: req.apiKey
        ? { "X-Api-Key": req.apiKey, Accept: "application/protobuf" }
        : { Accept: "application/protobuf" },
      withCookies: false,
      kind: "signServer",
      redirects: "same-origin",
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
  } catch (cause) {
    // A caller's abort is not a sign server failure: pass its reason on, as the other routes do.
    if (ctx.signal?.aborted) throw cause;
    if (cause instanceof RateLimitError) throw cause;
    // A refused redirect: the sign server's own answer, not a transient failure.
    if (cause instanceof InvalidResponseError)
      throw new SignServerError(cause.message, cause.status, { cause });
    if (cause instanceof TikTokLiveError && cause.code !== "NETWORK" && cause.code !== "TIMEOUT") throw cause;
    const reason = cause instanceof NetworkError ? `: ${cause.reason}` : "";
    throw new SignServerError(
      `The sign server at ${describeUrl(url)} could not be reached${reason}`,
      undefined,
      {
        cause,
      },
    );
  }
}

/** Throws for an answer that is not a success: plan, key, or any other HTTP failure (with its Retry-After). */
async function refuseFailedAnswer(response: Response, url: URL): Promise<void> {
  if (response.status === 402)
    throw new SignServerError("The sign server requires a premium plan for this request", 402);
  if (response.status === 401 || response.status === 403) {
    throw new SignServerError(
      `The sign server rejected the API key (HTTP ${response.status})`,
      response.status,
    );
  }
  if (!response.ok) {
    const detail = await readErrorDetail(response, describeUrl(url));
    const wait = retryAfterMs(response.headers);
    throw new SignServerError(`The sign server answered HTTP ${response.status}`, response.status, {
      cause: { body: detail.slice(0, 300), retryAfterMs: wait },
    });
  }
}

/** The body as a fetch result with a push server and cursor, and the TikTok cookies from their header. */
async function readSignedAnswer(
  ctx: RouteContext,
  response: Response,
  url: URL,
): Promise<{ initial: ProtoMessageFetchResult; setCookie: string }> {
  const body = await ctx.http.bytes(response, { url, withCookies: false, kind: "signServer" });
  if (body.length === 0)
    throw new BlockedError("The sign server returned an empty body: TikTok detected the request");
  const setCookie = response.headers.get("x-set-tt-cookie");
  if (!setCookie)
    throw new SignServerError("The sign server response has no X-Set-TT-Cookie header", response.status);
  let initial: ProtoMessageFetchResult;
  try {
    initial = ProtoMessageFetchResult.decode(body);
  } catch (cause) {
    throw new SignServerError(
      "The sign server returned a body that is not a ProtoMessageFetchResult",
      response.status,
      { cause },
    );
  }
  if (!initial.pushServer || !initial.cursor) {
    throw new SignServerError(
      "The sign server's fetch result lacks a push server or cursor",
      response.status,
    );
  }
  return { initial, setCookie };
}
