import type { ServerResponse } from "node:http";
import type { RoomState } from "./http-routes.js";

/** Path of the simulated stream of one quality; room info lists these as its pull URLs. */
export function flvStreamPath(roomId: string, quality: string): string {
  return `/stream/${roomId}_${quality}.flv`;
}

const tagCount = 12;
/** 25 fps, as a real stream's video timestamps step. */
const frameMs = 40;

/**
 * A small valid FLV file: the 9-byte header (video only), then video tags
 * whose payload names the quality, each followed by its PreviousTagSize.
 * Players will not show a picture (the payload is not H.264), but every FLV
 * parser can walk it, which is what a recorder test needs.
 */
export function simulatedFlv(quality: string): Uint8Array {
  const parts: Uint8Array[] = [];
  // "FLV", version 1, flags 0x01 (video), header size 9, PreviousTagSize0 = 0.
  parts.push(Uint8Array.of(0x46, 0x4c, 0x56, 0x01, 0x01, 0, 0, 0, 9, 0, 0, 0, 0));
  for (let i = 0; i < tagCount; i++) {
    // Frame type 1 (key) on the first tag, 2 (inter) after; codec 7 (AVC); then a label.
    const label = new TextEncoder().encode(`${quality} frame ${i}`);
    const data = new Uint8Array(1 + label.length);
    data[0] = (i === 0 ? 0x10 : 0x20) | 0x07;
    data.set(label, 1);
    const ts = i * frameMs;
    const tag = new Uint8Array(11 + data.length + 4);
    const view = new DataView(tag.buffer);
    tag[0] = 9; // video
    tag[1] = (data.length >> 16) & 0xff;
    tag[2] = (data.length >> 8) & 0xff;
    tag[3] = data.length & 0xff;
    tag[4] = (ts >> 16) & 0xff;
    tag[5] = (ts >> 8) & 0xff;
    tag[6] = ts & 0xff;
    tag[7] = (ts >> 24) & 0xff;
    // Stream id (3 bytes) stays 0.
    tag.set(data, 11);
    view.setUint32(11 + data.length, 11 + data.length);
    parts.push(tag);
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/**
 * `GET /stream/<room>_<quality>.flv`: the stream while the room is live, sent
 * a tag at a time (chunked, no length: a live stream has none) and ended after
 * the last tag or as soon as the room goes offline, as a CDN ends a stream
 * when the LIVE ends.
 */
export function serveFlvStream(state: RoomState, path: string, res: ServerResponse): boolean {
  const match = /^\/stream\/(\d+)_(\w+)\.flv$/.exec(path);
  if (!match) return false;
  if (match[1] !== state.roomId || state.status !== 2) {
    res.writeHead(404, { "Content-Type": "text/plain" });
    res.end("stream not found");
    return true;
  }
  const flv = simulatedFlv(match[2]!);
  res.writeHead(200, { "Content-Type": "video/x-flv" });
  // The header and first tag at once, then the rest in small slices a tick apart.
  let offset = 0;
  const step = 64;
  const pump = () => {
    if (res.destroyed) return;
    if (offset >= flv.length || state.status !== 2) {
      res.end();
      return;
    }
    res.write(flv.subarray(offset, offset + step));
    offset += step;
    setTimeout(pump, 5);
  };
  pump();
  return true;
}

/** The `stream_url` object of room info, pointing at this simulator's FLV streams. */
export function simulatedStreamUrls(state: RoomState, origin: string) {
  const url = (quality: string) => `${origin}${flvStreamPath(state.roomId, quality)}`;
  return {
    flv_pull_url: { FULL_HD1: url("FULL_HD1"), HD1: url("HD1"), SD1: url("SD1"), SD2: url("SD2") },
    default_resolution: "HD1",
  };
}
