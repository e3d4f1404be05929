import { normalizeUniqueId } from "@tiktok-live/core";

/** Default subject prefix and stream name. */
export const defaultSubjectPrefix = "tiktok";
export const defaultStreamName = "TIKTOK_LIVE";

/**
 * A uniqueId as one subject token (and KV key part). TikTok ids are letters,
 * digits, `_` and `.`; a `.` would split the token, and `-` never occurs in
 * an id, so `.` becomes `-` and back.
 */
export function roomToken(uniqueId: string): string {
  const id = normalizeUniqueId(uniqueId);
  if (!/^[A-Za-z0-9_.]+$/.test(id))
    throw new RangeError(`Not a TikTok uniqueId: ${JSON.stringify(uniqueId)}`);
  return id.replaceAll(".", "-");
}

export function uniqueIdOfToken(token: string): string {
  return token.replaceAll("-", ".");
}

/** `tiktok.<room>.<event>`: one subject per room and event name. */
export function eventSubject(prefix: string, uniqueId: string, eventName: string): string {
  return `${prefix}.${roomToken(uniqueId)}.${eventName}`;
}

/** The subject filter for some rooms and events (`*` for any); undefined for one of each. */
export function subjectFilter(prefix: string, room?: string, eventName?: string): string {
  return `${prefix}.${room ? roomToken(room) : "*"}.${eventName ?? "*"}`;
}
