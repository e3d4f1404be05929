import {
  type BaseEvent,
  CommentEvent,
  ConnectEvent,
  DisconnectEvent,
  EmoteChatEvent,
  FollowEvent,
  GiftEvent,
  JoinEvent,
  LikeEvent,
  LinkMicBattleEvent,
  LiveEndEvent,
  LivePauseEvent,
  LiveUnpauseEvent,
  ReconnectingEvent,
  RoomPinEvent,
  RoomUserSeqEvent,
  ShareEvent,
  SuperFanEvent,
  SuperFanJoinEvent,
  UnknownEvent,
  type User,
} from "@tiktok-live/node";
import type { Colors } from "./colors.js";

function name(user: User, c: Colors): string {
  return c.bold(user.nickname || user.uniqueId || "someone");
}

/**
 * One human-readable line per event, or undefined for events the pretty view
 * leaves out (use --json to see everything).
 */
export function formatEvent(event: BaseEvent, c: Colors): string | undefined {
  if (event instanceof ConnectEvent)
    return c.green(`● Connected to @${event.uniqueId} (room ${event.roomId})`);
  if (event instanceof DisconnectEvent) return c.dim(`○ Disconnected (${event.reason})`);
  if (event instanceof ReconnectingEvent)
    return c.yellow(`↻ Connection lost; reconnecting (attempt ${event.attempt})…`);
  if (event instanceof CommentEvent)
    return `${c.cyan("💬")} ${name(event.user, c)}${event.userIsSuperFan ? c.magenta(" ⭐") : ""}: ${event.comment}`;
  if (event instanceof EmoteChatEvent) return `${c.cyan("😀")} ${name(event.user, c)} sent an emote`;
  if (event instanceof GiftEvent) {
    const gift = event.gift.name || `gift #${event.gift.id}`;
    if (event.streaking) return c.dim(`🎁 ${event.user.nickname} is sending ${gift} ×${event.repeatCount}…`);
    return `${c.yellow("🎁")} ${name(event.user, c)} sent ${c.bold(gift)} ×${event.repeatCount} ${c.dim(`(${event.diamonds} 💎)`)}`;
  }
  if (event instanceof LikeEvent)
    return `${c.red("❤")}  ${name(event.user, c)} liked ×${event.count} ${c.dim(`(total ${event.total})`)}`;
  if (event instanceof JoinEvent) return c.dim(`👋 ${event.user.nickname || event.user.uniqueId} joined`);
  if (event instanceof FollowEvent) return `${c.green("➕")} ${name(event.user, c)} followed the host`;
  if (event instanceof ShareEvent) return `${c.blue("↗")}  ${name(event.user, c)} shared the stream`;
  if (event instanceof SuperFanJoinEvent)
    return c.magenta(`⭐ ${event.content.defaultPattern || "A viewer became a super fan"}`);
  if (event instanceof SuperFanEvent) return c.magenta("⭐ Super fan highlight");
  if (event instanceof RoomUserSeqEvent) return c.dim(`👥 ${event.total} watching`);
  if (event instanceof RoomPinEvent) return `📌 ${c.bold("Pinned")}: ${event.chatMessage.content}`;
  if (event instanceof LinkMicBattleEvent)
    return c.magenta(`⚔  Battle ${event.battleId} (action ${event.action})`);
  if (event instanceof LivePauseEvent) return c.yellow("⏸  The host paused the stream");
  if (event instanceof LiveUnpauseEvent) return c.green("▶  The stream is back");
  if (event instanceof LiveEndEvent) return c.bold("■  The stream has ended");
  if (event instanceof UnknownEvent)
    return c.dim(`?  ${event.method} (${event.payload.length} bytes, no event class yet)`);
  return undefined;
}
