import type { Socket } from "node:net";
import { gzipSync } from "node:zlib";
import { WebcastPushFrame } from "@tiktok-live/proto";
import type { WebSocket } from "ws";
import { encodeServiceFrame } from "../frames.js";
import type { FaultSet, HostileFault } from "./faults.js";

/** What a socket fault needs to know of the session it hits. */
export interface FaultTarget {
  readonly socket: WebSocket;
  /** Set by `ping-storm`: the server sends no data frame and answers no heartbeat anymore. */
  muted: boolean;
}

/** Faults that act on a client once it has entered the room (and at once when injected). */
export const entryFaults: readonly HostileFault[] = [
  "oversized-frame",
  "reset-mid-frame",
  "ping-storm",
  "malformed-frame",
  "truncated-frame",
  "gzip-bomb",
  "frame-flood",
];

let bomb: Uint8Array | undefined;

/** A push frame whose gzip payload inflates to 64 MiB of zeros (built once: ~64 KiB compressed). */
function gzipBombFrame(): Uint8Array {
  bomb ??= WebcastPushFrame.encode(
    WebcastPushFrame.fromPartial({
      logId: 1n,
      payloadEncoding: "pb",
      payloadType: "msg",
      headers: { compress_type: "gzip" },
      payload: new Uint8Array(gzipSync(Buffer.alloc(64 * 1024 * 1024))),
    }),
  ).finish();
  return bomb;
}

/** A WebSocket binary frame header (server to client: unmasked) for a payload of `length` bytes. */
function binaryFrameHeader(length: number): Buffer {
  if (length < 126) return Buffer.from([0x82, length]);
  if (length < 65_536) {
    const header = Buffer.alloc(4);
    header[0] = 0x82;
    header[1] = 126;
    header.writeUInt16BE(length, 2);
    return header;
  }
  const header = Buffer.alloc(10);
  header[0] = 0x82;
  header[1] = 127;
  header.writeBigUInt64BE(BigInt(length), 2);
  return header;
}

/** Writes half a WebSocket message straight to TCP, then resets the connection (RST, no close frame). */
function resetMidFrame(socket: WebSocket): void {
  const tcp = (socket as unknown as { _socket?: Socket })._socket;
  if (!tcp) return socket.terminate();
  const payload = new Uint8Array(4096).fill(7);
  tcp.write(Buffer.concat([binaryFrameHeader(payload.length), payload.subarray(0, 2048)]), () => {
    tcp.resetAndDestroy();
  });
}

/** Pings in bursts until the socket closes; no data frame goes out meanwhile. */
function pingStorm(target: FaultTarget): void {
  target.muted = true;
  const burst = () => {
    if (target.socket.readyState !== target.socket.OPEN) return;
    for (let i = 0; i < 500; i++) target.socket.ping();
    setTimeout(burst, 5);
  };
  burst();
}

/** Applies the entry faults that are on to one session (in the order of `entryFaults`). */
export function applyEntryFaults(faults: FaultSet, target: FaultTarget, only?: HostileFault): void {
  for (const fault of entryFaults) {
    if (only !== undefined && fault !== only) continue;
    if (target.socket.readyState !== target.socket.OPEN || !faults.act(fault)) continue;
    switch (fault) {
      case "oversized-frame":
        target.socket.send(new Uint8Array(faults.sizes.oversizedFrameBytes));
        break;
      case "reset-mid-frame":
        resetMidFrame(target.socket);
        return;
      case "ping-storm":
        pingStorm(target);
        return;
      case "malformed-frame":
        target.socket.send(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f, 0x01, 0x02]));
        break;
      case "truncated-frame": {
        const whole = gzipBombFrame();
        target.socket.send(whole.subarray(0, whole.length >> 1));
        break;
      }
      case "gzip-bomb":
        target.socket.send(gzipBombFrame());
        break;
      case "frame-flood": {
        const frame = encodeServiceFrame("hb", 0n);
        for (let i = 0; i < faults.sizes.floodFrames; i++) target.socket.send(frame);
        break;
      }
    }
  }
}
