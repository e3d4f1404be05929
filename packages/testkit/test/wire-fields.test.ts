import {
  WebcastBarrageMessage,
  WebcastEnvelopeMessage,
  WebcastGiftMessage,
  WebcastSocialMessage,
} from "@tiktok-live/proto/codecs";
import { describe, expect, it } from "vitest";
import { sampleGifts, sampleUsers } from "../src/fixtures.js";
import { envelope, gift, simulatedRoomId, social, superFanBarrage } from "../src/messages.js";

// The fields the schema gained when it was reconciled with the public schemas (decision 008)
// reach the client only if the simulator sends them.
describe("simulated messages carry the reconciled fields", () => {
  const alice = sampleUsers[0]!;
  const rose = sampleGifts.find((g) => g.name === "Rose")!;

  it("a gift has its id, struct hash, sender text, and a user with badge images, combined badge and border", () => {
    const m = WebcastGiftMessage.decode(
      gift(alice, rose, { repeatCount: 1, repeatEnd: false, groupId: 1n }).payload,
    );
    expect(m.giftId).toBe(BigInt(rose.id));
    expect(m.gift?.giftStructHash).toBe(`hash-${rose.id}`);
    expect(m.displayTextForSender?.key).toBe("live_gift_sent_by_you");
    const user = m.user!;
    expect(user.badgeImageList).toHaveLength(1);
    const combined = user.badges[0]?.combineBadge;
    expect(combined?.str).toBe(String(alice.gifterLevel));
    expect(combined?.padding?.badgeWidth).toBe(32);
    expect(combined?.background?.backgroundColorCode).toBe("#7A5CFF");
    expect(user.border?.level).toBe(BigInt(alice.gifterLevel!));
    expect(user.border?.avatarBackgroundColor).toBe("#FFE9A8");
    // Fields only older public schemas declare (added, not declined, see decision 008).
    expect(user.authorStats?.videoTotalShareCount).toBe(310n);
    expect(user.payGrade?.profileDialogBg1002?.urlList[0]).toContain(`grade_bg_${alice.gifterLevel}`);
  });

  it("scenes are strings, follows name their type and target, envelopes their room", () => {
    expect(WebcastBarrageMessage.decode(superFanBarrage(alice, true).payload).scene).toBe("superfan");
    const follow = WebcastSocialMessage.decode(social(alice, "follow").payload);
    expect([follow.followType, follow.scene]).toEqual([1, "live_room"]);
    expect(follow.targetUserId).toBeGreaterThan(0n);
    const box = WebcastEnvelopeMessage.decode(envelope(alice, true).payload);
    expect(box.envelopeInfo?.roomId).toBe(String(simulatedRoomId));
  });
});
