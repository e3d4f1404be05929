import type { IncomingMessage, ServerResponse } from "node:http";
import type { RoomState } from "../http-routes.js";

/** What a route handler gets: the request, its parsed URL and the room. */
export interface RouteRequest {
  state: RoomState;
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  path: string;
  q: URLSearchParams;
}

/** One entry of the route table: `match` picks requests, `handle` answers them. */
export interface Route {
  /** `api` routes and `sign` routes are where the HTTP faults act. */
  kind: "page" | "api" | "sign" | "asset";
  match: (path: string, method: string) => boolean;
  /** Runs before the faults; returns true when it answered already. */
  before?: (r: RouteRequest) => boolean;
  handle: (r: RouteRequest) => void;
}

export function send(
  res: ServerResponse,
  status: number,
  body: string | Uint8Array,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "Content-Length": String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}

export function json(res: ServerResponse, body: unknown, status = 200): void {
  send(res, status, JSON.stringify(body), { "Content-Type": "application/json" });
}
