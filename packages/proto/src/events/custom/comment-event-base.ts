import type { WebcastChatMessage } from "../../gen/webcast/chat.js";
import { ProtoEvent } from "../proto-event.js";

/** Conveniences of CommentEvent, named as in the Python TikTokLive SDK. */
export abstract class CommentEventBase extends ProtoEvent<WebcastChatMessage> {
  /** The comment text (the message's `content`). */
  get comment(): string {
    return this.data.content;
  }

  /** Whether the author is a super fan (paying subscriber) of the host. */
  get userIsSuperFan(): boolean {
    return this.data.userIdentity?.isSubscriberOfAnchor ?? false;
  }
}
