import type { IncomingMessage, ServerResponse } from "node:http";
import type { FaultSet } from "./faults.js";

/** A date far beyond any timer, in HTTP-date form. */
const year2099 = new Date(Date.UTC(2099, 0, 1)).toUTCString();

/**
 * Answers a request the hostile way when a fault of its route is on.
 * Returns true when it answered (the route then does nothing).
 * `foreignOrigin` is the origin of the foreign host, for redirects.
 */
export function answerHttpFault(
  faults: FaultSet,
  route: "sign" | "api",
  req: IncomingMessage,
  res: ServerResponse,
  foreignOrigin: string | undefined,
): boolean {
  if (faults.act("huge-body")) {
    streamHugeBody(faults, res);
    return true;
  }
  if (route !== "sign") return false;
  if (foreignOrigin && faults.act("sign-redirect-cross-origin")) {
    res.writeHead(302, { Location: `${foreignOrigin}${req.url ?? "/"}`, "Content-Length": "0" });
    res.end();
    return true;
  }
  const retryAfter = faults.act("retry-after-overflow")
    ? "99999999"
    : faults.act("retry-after-far-date")
      ? year2099
      : faults.act("retry-after-hour")
        ? "3600"
        : undefined;
  if (retryAfter !== undefined) {
    const body = JSON.stringify({ message: "Too many requests" });
    res.writeHead(429, {
      "Content-Type": "application/json",
      "Content-Length": String(body.length),
      "Retry-After": retryAfter,
    });
    res.end(body);
    return true;
  }
  if (faults.act("slowloris-body")) {
    res.writeHead(200, { "Content-Type": "application/protobuf", "Content-Length": "100000" });
    const drip = setInterval(() => res.write(Buffer.from([0])), 1_000);
    res.on("close", () => clearInterval(drip));
    return true;
  }
  return false;
}

/** Writes `hugeBodyBytes` in 64 KiB chunks, honouring backpressure, counting what actually went out. */
function streamHugeBody(faults: FaultSet, res: ServerResponse): void {
  const total = faults.sizes.hugeBodyBytes;
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  res.writeHead(200, { "Content-Type": "application/json", "Content-Length": String(total) });
  let sent = 0;
  let closed = false;
  res.on("close", () => {
    closed = true;
  });
  const pump = () => {
    while (!closed && sent < total) {
      const n = Math.min(chunk.length, total - sent);
      sent += n;
      faults.stats.hugeBodyBytesSent += n;
      if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
        res.once("drain", pump);
        return;
      }
    }
    if (!closed) res.end();
  };
  pump();
}

/** `X-Set-TT-Cookie` of `sign-sets-session-cookie`: tries to replace the session cookies. */
export const hostileSessionCookies =
  "sessionid=evil-session; Path=/; Domain=tiktok.com, sessionid_ss=evil-session; Path=/, sid_tt=evil-session; Path=/";
