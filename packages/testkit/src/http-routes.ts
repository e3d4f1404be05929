import type { IncomingMessage, ServerResponse } from "node:http";
import type { BaseProtoMessage } from "@tiktok-live/proto";
import type { SimGift } from "./fixtures.js";
import type { FaultSet } from "./hostile/faults.js";
import { answerHttpFault } from "./hostile/http-faults.js";
import { type RouteRequest, send } from "./routes/respond.js";
import { signRoutes } from "./routes/sign-routes.js";
import { webRoutes } from "./routes/web-routes.js";

/** Everything the HTTP routes answer from; the simulator owns and mutates it. */
export interface RoomState {
  uniqueId: string;
  roomId: string;
  title: string;
  /** 2 live, 4 offline, as TikTok reports it. */
  status: 2 | 4;
  ageRestricted: boolean;
  /** Serve a captcha page instead of the profile. */
  blocked: boolean;
  /** Profile page without the room id (the API fallback still works). */
  profileWithoutRoomId: boolean;
  apiKey: string | undefined;
  gifts: readonly SimGift[];
  viewerCount: number;
  /** Queued sign-server faults, consumed one per request. */
  signFaults: Array<{ status: 429 | 500 | 503; retryAfterSeconds?: number }>;
  /** Requests seen by the sign server, for assertions (headers lower-cased; `at` in ms since the epoch). */
  signRequests: Array<{ query: Record<string, string>; headers: Record<string, string>; at: number }>;
  /** Every HTTP request seen, with its Cookie header (to check where cookies go). */
  requests: Array<{ path: string; cookie: string }>;
  chats: Array<{ roomId: string; content: string }>;
  /** Messages to put in the first fetch result for a cursor (missed messages on resume). */
  initialMessages(cursor: string | undefined): {
    messages: BaseProtoMessage[];
    cursor: string;
    internalExt: string;
  };
  pushServerUrl(): string;
  /** Cookie the sign server hands out and the push server requires. */
  ttwid: string;
  /** The hostile faults that are on (see `hostileFaults`). */
  faults: FaultSet;
  /** Origin of the foreign host, once started (faults that send the client elsewhere need it). */
  foreignOrigin(): string | undefined;
}

const routes = [...webRoutes, ...signRoutes];

/** The TikTok web, Webcast API and sign-server routes: a table of small handlers, faults first. */
export function handleHttp(state: RoomState, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? "/", "http://localhost");
  const path = url.pathname;
  state.requests.push({ path, cookie: req.headers.cookie ?? "" });
  const route = routes.find((r) => r.match(path, req.method ?? "GET"));
  if (!route) return send(res, 404, "Not found", { "Content-Type": "text/plain" });
  const request: RouteRequest = { state, req, res, url, path, q: url.searchParams };
  if (route.before?.(request)) return;
  if (
    (route.kind === "api" || route.kind === "sign") &&
    answerHttpFault(state.faults, route.kind, req, res, state.foreignOrigin())
  )
    return;
  route.handle(request);
}
