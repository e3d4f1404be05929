import type { ServerResponse } from "node:http";
import type { RoomState } from "./http-routes.js";

/** The simulated host's numeric user id (the room owner in room info). */
export const simulatedUserId = "6900000000000000001";

/**
 * `GET /api/user/detail/?uniqueId=`: the web app's profile data for the
 * simulated host, TikTok's "user does not exist" status for anyone else.
 */
export function serveUserDetail(state: RoomState, query: URLSearchParams, res: ServerResponse): void {
  const body =
    query.get("uniqueId") === state.uniqueId
      ? {
          statusCode: 0,
          statusMsg: "",
          userInfo: {
            user: {
              id: simulatedUserId,
              uniqueId: state.uniqueId,
              nickname: `${state.uniqueId} (simulated)`,
              secUid: "MS4wLjABAAAAsimulated",
              signature: "Streaming from a loopback simulator",
              verified: false,
              privateAccount: false,
              avatarThumb: "https://p16-sign-va.tiktokcdn.com/simulated/avatar.jpeg",
              roomId: state.status === 2 ? state.roomId : "",
            },
            stats: {
              followerCount: 4321,
              followingCount: 12,
              heart: 98765,
              heartCount: 98765,
              videoCount: 34,
              diggCount: 5,
            },
          },
        }
      : { statusCode: 10202, statusMsg: "user not exist", userInfo: {} };
  const text = JSON.stringify(body);
  res.writeHead(200, {
    "Content-Type": "application/json",
    "Content-Length": String(Buffer.byteLength(text)),
  });
  res.end(text);
}

/**
 * `GET /@<uniqueId or numeric user id>`: the profile page, which embeds the web
 * app's state (the `webapp.user-detail` scope) as TikTok's page does. TikTok
 * answers a numeric user id there too, which is how a user id becomes a username.
 */
export function serveProfilePage(state: RoomState, who: string, res: ServerResponse): void {
  const known = who === state.uniqueId || who === simulatedUserId;
  const scope = known
    ? {
        statusCode: 0,
        userInfo: {
          user: { id: simulatedUserId, uniqueId: state.uniqueId, nickname: `${state.uniqueId} (simulated)` },
          stats: { followerCount: 4321 },
        },
      }
    : { statusCode: 10221, statusMsg: "user not exist", userInfo: {} };
  const data = { __DEFAULT_SCOPE__: { "webapp.user-detail": scope } };
  const html = state.blocked
    ? "<html><body>Please verify you are human</body></html>"
    : `<!doctype html><html><head><title>${known ? state.uniqueId : "TikTok"}</title></head><body><script id="__UNIVERSAL_DATA_FOR_REHYDRATION__" type="application/json">${JSON.stringify(data)}</script></body></html>`;
  res.writeHead(200, {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Length": String(Buffer.byteLength(html)),
  });
  res.end(html);
}
