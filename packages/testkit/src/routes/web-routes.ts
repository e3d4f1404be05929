import { serveFlvStream, simulatedStreamUrls } from "../flv-stream-route.js";
import type { RoomState } from "../http-routes.js";
import { serveProfilePage, serveUserDetail } from "../user-detail-route.js";
import { json, type Route, send } from "./respond.js";

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

const profilePath = /^\/@([^/]+)\/live\/?$/;

/** The profile live page with the embedded SIGI_STATE JSON. */
const profilePage: Route = {
  kind: "page",
  match: (path) => profilePath.test(path),
  handle: ({ state, res, path }) => {
    const who = decodeURIComponent(profilePath.exec(path)![1]!);
    if (state.blocked)
      return send(res, 200, "<html><body>Please verify you are human</body></html>", {
        "Content-Type": "text/html",
      });
    const data =
      who === state.uniqueId ? liveRoomJson(state, !state.profileWithoutRoomId) : { AppContext: {} };
    const html = `<!doctype html><html><head><title>${who} LIVE</title></head><body><script id="SIGI_STATE" type="application/json">${JSON.stringify(data)}</script></body></html>`;
    send(res, 200, html, { "Content-Type": "text/html; charset=utf-8" });
  },
};

const userProfilePath = /^\/@([^/]+)\/?$/;

/** The profile page (not the live page): by username or numeric user id. */
const userProfilePage: Route = {
  kind: "page",
  match: (path) => userProfilePath.test(path),
  handle: ({ state, res, path }) =>
    serveProfilePage(state, decodeURIComponent(userProfilePath.exec(path)![1]!), res),
};

const userRoom: Route = {
  kind: "api",
  match: (path) => path === "/api-live/user/room/" || path === "/api-live/user/room",
  handle: ({ state, res, q }) => {
    if (q.get("uniqueId") !== state.uniqueId)
      return json(res, { statusCode: 19881007, message: "user_not_found", data: {} });
    json(res, {
      statusCode: 0,
      message: "",
      data: {
        user: { roomId: state.roomId, uniqueId: state.uniqueId, status: state.status },
        liveRoom: { status: state.status },
      },
    });
  },
};

const checkAlive: Route = {
  kind: "api",
  match: (path) => path === "/webcast/room/check_alive/",
  handle: ({ state, res, q }) => {
    const ids = (q.get("room_ids") ?? "").split(",").filter(Boolean);
    json(res, {
      data: ids.map((id) => ({ room_id_str: id, alive: id === state.roomId && state.status === 2 })),
      status_code: 0,
    });
  },
};

const roomInfo: Route = {
  kind: "api",
  match: (path) => path === "/webcast/room/info/",
  handle: ({ state, req, res, q }) => {
    if (q.get("room_id") !== state.roomId)
      return json(res, { status_code: 4003110, data: { message: "room not found" } });
    if (state.ageRestricted && !(req.headers.cookie ?? "").includes("sessionid=")) {
      return json(res, { status_code: 0, data: { prompts: "This LIVE is for adults only" } });
    }
    json(res, {
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
  },
};

const giftList: Route = {
  kind: "api",
  match: (path) => path === "/webcast/gift/list/",
  handle: ({ state, res }) => {
    json(res, {
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
  },
};

/** A 1×1 PNG, for image downloads. */
const image: Route = {
  kind: "asset",
  match: (path) => path.startsWith("/img/"),
  handle: ({ res }) => {
    const png = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
      "base64",
    );
    send(res, 200, png, { "Content-Type": "image/png" });
  },
};

/** The web app's profile data (`fetchUser`). */
const userDetail: Route = {
  kind: "api",
  match: (path) => path === "/api/user/detail/",
  handle: ({ state, q, res }) => serveUserDetail(state, q, res),
};

/** The room's FLV stream, at the URLs room info names (`recordVideo`). */
const flvStream: Route = {
  kind: "asset",
  match: (path) => path.startsWith("/stream/"),
  handle: ({ state, path, res }) => {
    if (!serveFlvStream(state, path, res)) send(res, 404, "Not found", { "Content-Type": "text/plain" });
  },
};

/** TikTok's web page and Webcast API routes, under their real paths. */
export const webRoutes: readonly Route[] = [
  profilePage,
  userProfilePage,
  userRoom,
  checkAlive,
  roomInfo,
  giftList,
  userDetail,
  flvStream,
  image,
];
