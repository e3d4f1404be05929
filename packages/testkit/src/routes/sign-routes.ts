import { ProtoMessageFetchResult } from "@tiktok-live/proto";
import { hostileSessionCookies } from "../hostile/http-faults.js";
import { json, type Route, send } from "./respond.js";

/** The sign server's fetch route: what it answers is what the client connects with. */
const signFetch: Route = {
  kind: "sign",
  match: (path) => path === "/sign/webcast/fetch/",
  // Recorded (and the key checked) before any fault answers, so every request counts.
  before: ({ state, req, res, q }) => {
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    state.signRequests.push({ query: Object.fromEntries(q), headers, at: Date.now() });
    if (state.apiKey !== undefined && req.headers["x-api-key"] !== state.apiKey) {
      json(res, { message: "Invalid API key" }, 401);
      return true;
    }
    return false;
  },
  handle: ({ state, res, q }) => {
    const fault = state.signFaults.shift();
    if (fault) {
      const extra: Record<string, string> =
        fault.retryAfterSeconds !== undefined ? { "Retry-After": String(fault.retryAfterSeconds) } : {};
      return send(
        res,
        fault.status,
        JSON.stringify({ message: fault.status === 429 ? "Too many requests" : "Upstream failure" }),
        { "Content-Type": "application/json", ...extra },
      );
    }
    if (q.get("room_id") !== state.roomId) return json(res, { message: "unknown room" }, 404);
    if (state.status !== 2) return json(res, { message: "room is not live" }, 404);
    const { messages, cursor, internalExt } = state.initialMessages(q.get("cursor") ?? undefined);
    const foreign = state.foreignOrigin();
    const pushServer =
      foreign && state.faults.act("push-host-elsewhere")
        ? `${foreign.replace(/^http:/, "ws:")}/webcast/im/push/v2/`
        : state.pushServerUrl();
    const body = ProtoMessageFetchResult.encode(
      ProtoMessageFetchResult.fromPartial({
        messages,
        cursor,
        internalExt,
        pushServer,
        routeParams: { imprp: "sim", wrss: "sim-route" },
        heartbeatDuration: 10_000n,
        needAck: false,
        isFirst: !q.get("cursor"),
        now: BigInt(Date.now()),
        fetchInterval: 1000n,
        fetchType: 1,
      }),
    ).finish();
    const cookies = `ttwid=${state.ttwid}; Path=/; Domain=tiktok.com; HttpOnly, tt_csrf_token=sim-csrf; Path=/`;
    send(res, 200, body, {
      "Content-Type": "application/protobuf",
      "X-Set-TT-Cookie": state.faults.act("sign-sets-session-cookie")
        ? `${cookies}, ${hostileSessionCookies}`
        : cookies,
      "X-Room-Id": state.roomId,
    });
  },
};

const signChat: Route = {
  kind: "sign",
  match: (path, method) => path === "/sign/webcast/chat/" && method === "POST",
  handle: ({ state, req, res }) => {
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
  },
};

export const signRoutes: readonly Route[] = [signFetch, signChat];
