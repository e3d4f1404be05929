import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  type Conflict,
  compareSchemas,
  undecidedConflicts,
  undecidedMissingFields,
} from "../src/compare/compare.js";
import { declinesIn, withoutDeclines } from "../src/compare/decisions.js";
import { emitMissing } from "../src/compare/emit-missing.js";
import { loadOurs, loadReference } from "../src/compare/load-reference.js";
import { readTsProtoBundle } from "../src/compare/read-ts-proto.js";
import { formatJson, formatText, summarize } from "../src/compare/report.js";
import { structuralTwins } from "../src/compare/twins.js";
import { schemaDir } from "../src/paths.js";

const fixtures = join(import.meta.dirname, "fixtures/compare");
const ours = loadOurs(join(fixtures, "ours"));

describe("schema:compare against a .proto tree", () => {
  const ref = loadReference(join(fixtures, "reference"));
  const c = compareSchemas(ours, ref);

  it("pairs nested types by structure, whatever their names", () => {
    expect(c.pairs.map((p) => [p.ours, p.ref])).toEqual([
      ["webcast.WebcastGiftMessage", "other.model.WebcastGiftMessage"],
      ["webcast.Badge", "other.model.BadgeStruct"],
      ["webcast.Image", "other.model.ImageModel"],
    ]);
  });

  it("reports missing push messages and missing fields with the path that reached them", () => {
    expect(c.findings.filter((f) => f.kind === "missing-message").map((f) => f.name)).toEqual([
      "WebcastSystemMessage",
    ]);
    const missing = c.findings.flatMap((f) =>
      f.kind === "missing-field" ? [`${f.path}: ${f.field.number}`] : [],
    );
    expect(missing).toEqual([
      "WebcastGiftMessage: 1",
      "WebcastGiftMessage.badge(2): 4",
      "WebcastGiftMessage.badge(2).icon(1): 3",
    ]);
  });

  it("counts a missing field as decided when our message declines its number", () => {
    expect(undecidedMissingFields(c).map((f) => `${f.path}: ${f.field.number}`)).toEqual([
      "WebcastGiftMessage: 1",
      "WebcastGiftMessage.badge(2): 4",
    ]);
    const declined = c.findings.find((f) => f.kind === "missing-field" && f.field.number === 3);
    expect(declined).toMatchObject({
      decided: "the reference's height, left out to test the note; the reason may run on to a second line.",
    });
    expect(formatText(c, ref)).toContain(
      "Fields we lack by decision:\n  Image: decided(not …): the reference's height, left out to test the note; the reason may run on to a second line. [3]",
    );
    expect(emitMissing(c, ours, ref)).not.toContain("height");
  });

  it("tells a wire-type conflict from a scalar one and reads the decision next to our field", () => {
    const conflicts = c.findings.filter((f): f is Conflict => f.kind === "conflict");
    expect(conflicts.map((f) => [f.field, f.conflict, f.decided])).toEqual([
      ["repeat_count", "scalar", "the reference says int64; the wire carries small counts only."],
      ["scene", "wire-type", undefined],
    ]);
    expect(undecidedConflicts(c).map((f) => f.field)).toEqual(["scene"]);
    expect(summarize(c)).toMatchObject({
      missingMessages: 1,
      missingFields: 3,
      undecidedMissingFields: 2,
      conflicts: 2,
      undecidedConflicts: 1,
    });
    expect(formatText(c, ref)).toContain(
      "WebcastGiftMessage.scene = 6: ours int32, reference string (wire-type; UNDECIDED)",
    );
    expect(JSON.parse(formatJson(c)).summary.undecidedConflicts).toBe(1);
  });

  it("drafts declarations for what we lack, reusing our names for paired types", () => {
    const draft = emitMissing(c, ours, ref);
    expect(draft).toContain("// in Badge\n  repeated Image combined = 4;");
    expect(draft).toContain("message WebcastSystemMessage {\n  string text = 1;\n  Badge badge = 2;\n}");
  });
});

describe("decided(not …) notes", () => {
  const comment = [
    " The message's documentation.",
    " decided(not 3, 5-7): moved in v3,",
    " to 12-14.",
    " decided(not 1002): only in one old source.",
    "",
    " More documentation.",
  ].join("\n");

  it("reads number lists and ranges, with reasons that run on over several lines", () => {
    expect(declinesIn(comment)).toEqual([
      {
        ranges: [
          [3, 3],
          [5, 7],
        ],
        note: "moved in v3, to 12-14.",
      },
      { ranges: [[1002, 1002]], note: "only in one old source." },
    ]);
  });

  it("are left out of the documentation the message gives its event class", () => {
    expect(withoutDeclines(comment)).toBe(" The message's documentation.\n\n More documentation.");
  });

  it("refuse numbers they cannot read", () => {
    expect(() => declinesIn(" decided(not 7-3): backwards")).toThrow(/cannot read/);
  });
});

describe("reading a ts-proto binding", () => {
  const ref = readTsProtoBundle(readFileSync(join(fixtures, "binding.ts-proto.txt"), "utf8"), "fixture");

  it("reads packed, repeated, bytes, message and map fields from encode", () => {
    const gift = ref.messages.get("WebcastGiftMessage")!;
    expect(gift.fields.map((f) => [f.number, f.name, f.repeated, f.shape])).toEqual([
      [1, "giftIds", true, { kind: "scalar", scalar: "int64" }],
      [2, "image", false, { kind: "message", message: "ImageModel" }],
      [3, "raw", false, { kind: "scalar", scalar: "bytes" }],
      [4, "extra", false, { kind: "map", key: "string", value: { kind: "message", message: "ImageModel" } }],
      [5, "images", true, { kind: "message", message: "ImageModel" }],
    ]);
    expect(ref.messages.has("WebcastGiftMessage_ExtraEntry")).toBe(false);
    expect(ref.messages.get("ImageModel")?.name).toBe("Image");
  });

  it("refuses a bundle line it does not understand instead of dropping the field", () => {
    const odd =
      "const X = {\n\tencode(message, writer = new BinaryWriter()) {\n\t\tif (message.a) weird();\n\t},\n";
    expect(() => readTsProtoBundle(odd, "odd")).toThrow(/unrecognised line/);
  });
});

describe("our schema against the public tiktok-live-proto bindings", () => {
  const real = loadOurs(schemaDir);

  it("has no undecided conflict with v3, the newest, and lacks none of its messages or fields", () => {
    const ref = loadReference("tiktok-live-proto/v3");
    const c = compareSchemas(real, ref);
    console.log(formatText(c, ref).split("\n").slice(0, 3).join("\n"));
    expect(c.pushPairs.length).toBeGreaterThan(60);
    expect(undecidedConflicts(c).map((f) => `${f.ours}.${f.field} (${f.oursType} vs ${f.refType})`)).toEqual(
      [],
    );
    expect(summarize(c)).toMatchObject({ missingMessages: 0, missingFields: 0 });
  });

  it("has a codec for every push message of v2 and v1, and a decision for every conflict and every field it lacks", () => {
    for (const version of ["v1", "v2"]) {
      const c = compareSchemas(real, loadReference(`tiktok-live-proto/${version}`));
      expect(c.pushPairs.length).toBeGreaterThan(10);
      expect(c.findings.filter((f) => f.kind === "missing-message").map((f) => f.name)).toEqual([]);
      // Notes on fields of nested types declared after a map field exercise the source-info paths.
      expect(undecidedConflicts(c).map((f) => `${f.ours}.${f.field}`)).toEqual([]);
      // A field of theirs we lack is either added or declined with a decided(not …) note on our message.
      expect(undecidedMissingFields(c).map((f) => `${f.path}: ${f.field.number} ${f.field.name}`)).toEqual(
        [],
      );
    }
  });
});

describe("structural twins in our schema", () => {
  it("finds messages whose fields match, nested types compared as twins", () => {
    const int = (scalar: string) => ({ kind: "scalar" as const, scalar });
    const msg = (message: string) => ({ kind: "message" as const, message });
    const m = (
      id: string,
      fields: Array<[number, string, ReturnType<typeof int> | ReturnType<typeof msg>]>,
    ) =>
      [
        id,
        {
          id,
          name: id,
          topLevel: true,
          fields: fields.map(([number, name, shape]) => ({ number, name, repeated: false, shape })),
        },
      ] as const;
    const schema = {
      label: "twins",
      messages: new Map([
        m("A", [[1, "x", msg("B")]]),
        m("B", [[1, "y", int("int32")]]),
        m("C", [[1, "x", msg("D")]]),
        m("D", [[1, "y", int("int32")]]),
        m("E", [[1, "x", msg("F")]]),
        m("F", [[1, "y", int("int64")]]),
        m("G", [[2, "y", int("int32")]]),
      ]),
    };
    // E differs from A and C only through its nested type; G only in the number.
    expect(structuralTwins(schema)).toEqual([
      ["A", "C"],
      ["B", "D"],
    ]);
    expect(structuralTwins(ours)).toEqual([]);
  });

  it("keeps only the twins meant to stay apart", () => {
    // Types that share a shape but not a meaning (card kinds, one-field wrappers, push
    // messages of different methods), and three pairs whose both names were published
    // before the reconciliation (EventUserInfo could only replace EventUser by importing
    // room.proto into common.proto). A new twin fails here: merge it into the older
    // type, or add it with the reason.
    const twins = structuralTwins(loadOurs(schemaDir)).map((g) =>
      g.map((id) => id.replace(/^webcast\./, "")),
    );
    expect(twins).toEqual([
      [
        "AudienceGuideText",
        "Title",
        "WebcastLinkmicAudienceNoticeMessage.LinkMicAudienceNoticeText",
        "WebcastLinkmicBattleNoticeMessage.BattleNoticeText",
      ],
      ["BagIndex", "WebcastGameSettingChangeMessage.Int32Value"],
      ["BattleOptPairInfo.Team", "WebcastLinkMicBattle.TeamUsersInfo"],
      [
        "CoHostBizLayoutExtra",
        "CoHostBizSpotExtra",
        "CohostTypeLayoutNonSeiExtra",
        "CohostTypeSpotNonSeiExtra",
        "GiftPickExtraGameInteractionExternal",
        "GiftPickExtraGameTricksExternal",
        "JustDanceExtra",
        "WebcastLinkMessage.LinkerCloseContent",
        "WebcastLinkMessage.LinkerWaitingListChangeContent",
      ],
      ["EventUserInfo", "WebcastRoomEventMessage.EventUser"],
      ["JoinGroupDirectContent", "WebcastLinkLayerMessage.P2PGroupChangeContent"],
      ["JustDanceLayoutExtra", "SocialGameLayoutNonSeiExtra"],
      ["PriceHideInfo", "WebcastWalletLiveRewardsRatioMessage.RatioNotice.Notification"],
      ["SeparatorConfig", "TextPieceHeart"],
      [
        "WebcastBALinkFullMessage",
        "WebcastEcShortItemRefreshMessage",
        "WebcastEcTaskRegisterMessage",
        "WebcastSpeakerMessage",
        "WebcastWishlistUpdateMessage",
      ],
      ["WebcastBizStickerMessage", "WebcastRoomStickerMessage"],
      ["WebcastLinkBusinessMessage.TopHostInfo", "WebcastLinkMessage.InviteTopHostInfo"],
      ["WebcastLinkLayerMessage.ApplyContent", "WebcastLinkLayerMessage.CancelApplyContent"],
      [
        "WebcastLinkMicBattleItemCard.CommonCardInfo",
        "WebcastLinkMicBattleItemCard.PotionCardInfo",
        "WebcastLinkMicBattleItemCard.SpecialEffectCardInfo",
        "WebcastLinkMicBattleItemCard.WaveCardInfo",
      ],
      ["WebcastLinkMicBattleItemCard.Top2CardInfo", "WebcastLinkMicBattleItemCard.Top3CardInfo"],
      ["WebcastLinkMicBattleItemCard.UsePotionCard", "WebcastLinkMicBattleItemCard.UseWaveCard"],
      ["WebcastLinkMicBattleItemCard.UseTop2Card", "WebcastLinkMicBattleItemCard.UseTop3Card"],
      [
        "WebcastLinkmicAudienceNoticeMessage.LinkMicAudienceTurnOnGuide",
        "WebcastLinkmicBattleNoticeMessage.BattleNoticeAnchorGuide",
      ],
      [
        "WebcastLinkmicBattleNoticeMessage.BattleNoticeAnchorGiftGuide",
        "WebcastLinkmicBattleNoticeMessage.BattleNoticeBubbleGuide",
        "WebcastLinkmicBattleNoticeMessage.BattleNoticeToast",
      ],
      ["WebcastQuestionNewMessage", "WebcastQuestionSelectedMessage"],
      ["WebcastSubCapsuleMessage", "WebcastSubscriptionGuideMessage"],
    ]);
  });
});
