import type { EventClass } from "@tiktok-live/core";

/**
 * The event types the busy-stream mix produces, by export name: a "full" pass
 * listens to each once. Names, not classes, so every runtime's pass takes the
 * classes from its own adapter and all of them listen to the same set.
 */
export const busyStreamEvents = [
  "CommentEvent",
  "GiftEvent",
  "LikeEvent",
  "JoinEvent",
  "RoomUserSeqEvent",
  "SocialEvent",
  "FollowEvent",
  "ShareEvent",
  "ControlEvent",
] as const;

/** The classes behind `busyStreamEvents` in an adapter module (`@tiktok-live/node`, `@tiktok-live/deno-bun`). */
export function busyStreamListeners(
  adapter: Record<(typeof busyStreamEvents)[number], EventClass>,
): EventClass[] {
  return busyStreamEvents.map((name) => adapter[name]);
}
