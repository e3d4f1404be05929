import type { IncomingMessage, ServerResponse } from "node:http";
import { type BaseProtoMessage, ProtoMessageFetchResult } from "@tiktok-live/proto";
import type { SimGift } from "./fixtures.js";
import { serveFlvStream, simulatedStreamUrls } from "./flv-stream-route.js";
import { serveUserDetail } from "./user-detail-route.js";

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
  /** Requests seen by the sign server, for assertions (headers lower-cased). */
  signRequests: Array<{ query: Record<string, string>; headers: Record<string, string> }>;
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
}

function send(
  res: ServerResponse,
  status: number,
  body: string | Uint8Array,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "Content-Length": String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}

function json(res: ServerResponse, body: unknown, status = 200): void {
  send(res, status, JSON.stringify(body), { "Content-Type": "application/json" });
}

function liveRoomJson(state: RoomState, withRoomId: boolean) {
  return {
    LiveRoom: {
      liveRoomUserInfo: {
        user: {
          uniqueId: state.uniqueId,
          nickname: state.uniqueId,
          status: state.status,
          ...(withRoomId ? { roomId: state.roomId } : {}),
        },
        liveRoom: { status: state.status, title: state.title },
      },
    },
  };
}

/** The TikTok web, Webcast API and sign-server routes, under their real paths. */
export function handleHttp(state: RoomState, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? "/", "http://localhost");
  const path = url.pathname;
  state.requests.push({ path, cookie: req.headers.cookie ?? "" });
  const q = url.searchParams;

  // Profile live page with the embedded SIGI_STATE JSON.
  const profile = /^\/@([^/]+)\/live\/?$/.exec(path);
  if (profile) {
    const who = decodeURIComponent(profile[1]!);
    if (state.blocked)
      return send(res, 200, "<html><body>Please verify you are human</body></html>", {
        "Content-Type": "text/html",
      });
    const data =
      who === state.uniqueId ? liveRoomJson(state, !state.profileWithoutRoomId) : { AppContext: {} };
    const html = `<!doctype html><html><head><title>${who} LIVE</title></head><body><script id="SIGI_STATE" type="application/json">${JSON.stringify(data)}</script></body></html>`;
    return send(res, 200, html, { "Content-Type": "text/html; charset=utf-8" });
  }

  if (path === "/api-live/user/room/" || path === "/api-live/user/room") {
    if (q.get("uniqueId") !== state.uniqueId)
      return json(res, { statusCode: 19881007, message: "user_not_found", data: {} });
    return json(res, {
      statusCode: 0,
      message: "",
      data: {
        user: { roomId: state.roomId, uniqueId: state.uniqueId, status: state.status },
        liveRoom: { status: state.status },
      },
    });
  }

  if (path === "/webcast/room/check_alive/") {
    const ids = (q.get("room_ids") ?? "").split(",").filter(Boolean);
    return json(res, {
      data: ids.map((id) => ({ room_id_str: id, alive: id === state.roomId && state.status === 2 })),
      status_code: 0,
    });
  }

  if (path === "/webcast/room/info/") {
    if (q.get("room_id") !== state.roomId)
      return json(res, { status_code: 4003110, data: { message: "room not found" } });
    if (state.ageRestricted && !(req.headers.cookie ?? "").includes("sessionid=")) {
      return json(res, { status_code: 0, data: { prompts: "This LIVE is for adults only" } });
    }
    return json(res, {
      status_code: 0,
      data: {
        id_str: state.roomId,
        status: state.status,
        title: state.title,
        user_count: state.viewerCount,
        owner: { id_str: "6900000000000000001", nickname: state.uniqueId, display_id: state.uniqueId },
        stats: { total_user: state.viewerCount * 3, like_count: 0 },
        stream_url: simulatedStreamUrls(state, `http://${req.headers.host ?? "127.0.0.1"}`),
      },
    });
  }

  if (path === "/webcast/gift/list/") {
    return json(res, {
      status_code: 0,
      data: {
        gifts: state.gifts.map((g) => ({
          id: g.id,
          name: g.name,
          diamond_count: g.diamondCount,
          type: g.streakable ? 1 : 2,
          image: { url_list: [`https://p16-webcast.tiktokcdn.com/img/gift/${g.id}.png`] },
        })),
      },
    });
  }

  if (path === "/sign/webcast/fetch/") {
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    state.signRequests.push({ query: Object.fromEntries(q), headers });
    if (state.apiKey !== undefined && req.headers["x-api-key"] !== state.apiKey) {
      return json(res, { message: "Invalid API key" }, 401);
    }
    const fault = state.signFaults.shift();
    if (fault) {
      const extra: Record<string, string> =
        fault.retryAfterSeconds !== undefined ? { "Retry-After": String(fault.retryAfterSeconds) } : {};
      return send(
        res,
        fault.status,
        JSON.stringify({ message: fault.status === 429 ? "Too many requests" : "Upstream failure" }),
        {
          "Content-Type": "application/json",
          ...extra,
        },
      );
    }
    if (q.get("room_id") !== state.roomId) return json(res, { message: "unknown room" }, 404);
    if (state.status !== 2) return json(res, { message: "room is not live" }, 404);
    const { messages, cursor, internalExt } = state.initialMessages(q.get("cursor") ?? undefined);
    const body = ProtoMessageFetchResult.encode(
      ProtoMessageFetchResult.fromPartial({
        messages,
        cursor,
        internalExt,
        pushServer: state.pushServerUrl(),
        routeParams: { imprp: "sim", wrss: "sim-route" },
        heartbeatDuration: 10_000n,
        needAck: false,
        isFirst: !q.get("cursor"),
        now: BigInt(Date.now()),
        fetchInterval: 1000n,
        fetchType: 1,
      }),
    ).finish();
    return send(res, 200, body, {
      "Content-Type": "application/protobuf",
      "X-Set-TT-Cookie": `ttwid=${state.ttwid}; Path=/; Domain=tiktok.com; HttpOnly, tt_csrf_token=sim-csrf; Path=/`,
      "X-Room-Id": state.roomId,
    });
  }

  if (path === "/sign/webcast/chat/" && req.method === "POST") {
    let raw = "";
    req.on("data", (c: Buffer) => {
      raw += c.toString();
    });
    req.on("end", () => {
      try {
        const body = JSON.parse(raw) as { roomId?: string; content?: string; sessionId?: string };
        if (!body.sessionId) return json(res, { code: 401, message: "session required" }, 401);
        state.chats.push({ roomId: String(body.roomId), content: String(body.content) });
        json(res, { code: 200, message: "ok", data: {} });
      } catch {
        json(res, { code: 400, message: "bad json" }, 400);
      }
    });
    return;
  }

  if (path === "/api/user/detail/") return serveUserDetail(state, q, res);
  if (path.startsWith("/stream/") && serveFlvStream(state, path, res)) return;

  if (path.startsWith("/img/")) {
    // A 1×1 PNG, for image downloads.
    const png = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
      "base64",
    );
    return send(res, 200, png, { "Content-Type": "image/png" });
  }

  send(res, 404, "Not found", { "Content-Type": "text/plain" });
}
