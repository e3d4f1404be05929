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
