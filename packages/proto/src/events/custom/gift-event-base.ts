import type { WebcastGiftMessage } from "../../gen/webcast/gift.js";
import { ProtoEvent } from "../proto-event.js";

/** TikTok's gift type for gifts that can be sent in a streak (combo). */
export const streakableGiftType = 1;

/**
 * US dollars a creator is paid per diamond: $0.005, the rate TikTok's creator
 * payouts are commonly published at (1,000 diamonds = $5). The Python
 * TikTokLive client documents `GiftEvent.value` as a USD estimate absent during
 * streaks; its exact factor could not be checked against its source, so this is
 * the published creator-side rate. Viewers pay roughly twice that in coins.
 */
export const usdPerDiamond = 0.005;

/**
 * Conveniences of GiftEvent. A streakable gift arrives as a run of messages
 * with a growing `repeatCount` while `repeatEnd` is 0; the last one has
 * `repeatEnd` 1 and carries the total. Other gifts arrive once.
 */
export abstract class GiftEventBase extends ProtoEvent<WebcastGiftMessage> {
  /** Whether this gift can be sent in a streak. */
  get streakable(): boolean {
    return this.data.gift?.type === streakableGiftType;
  }

  /** True while a streak is still running: act on the message where this is false. */
  get streaking(): boolean {
    return this.streakable && this.data.repeatEnd === 0;
  }

  /** Diamonds this message stands for: the gift's diamond count times `repeatCount` (at least 1). */
  get diamonds(): number {
    return (this.data.gift?.diamondCount ?? 0) * Math.max(1, this.data.repeatCount);
  }

  /**
   * Estimated value in US dollars (`diamonds` × `usdPerDiamond`), as the Python
   * client's `value`. `undefined` while `streaking`: only the message that ends
   * a streak carries the total, so summing `value` counts each gift once.
   */
  get value(): number | undefined {
    if (this.streaking) return undefined;
    return this.diamonds * usdPerDiamond;
  }

  /** Whether the sender is a super fan (paying subscriber) of the host. */
  get userIsSuperFan(): boolean {
    return this.data.userIdentity?.isSubscriberOfAnchor ?? false;
  }
}
