/**
 * Round trip through the public tiktok-live-proto v3 binding: for every push
 * message both schemas know, a v3 message with every field set (nested ones
 * too, lists of two, maps of two, no default values) is encoded by v3, decoded
 * and re-encoded by our codecs, and decoded by v3 again. A message is lossless
 * when both v3 decodings are deep-equal; our codecs keep no unknown fields, so
 * every value that survives went through a named field of ours.
 */
import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import * as v3 from "tiktok-live-proto/v3";
import { describe, expect, it } from "vitest";
import * as ours from "../../../packages/proto/src/gen/codecs.js";
import { compareSchemas } from "../src/compare/compare.js";
import { loadOurs, resolvePackageFile } from "../src/compare/load-reference.js";
import { readTsProtoBundle } from "../src/compare/read-ts-proto.js";
import { schemaDir } from "../src/paths.js";
import { fillMessage, firstDifference } from "./fill-message.js";

interface Codec {
  encode(message: unknown): { finish(): Uint8Array };
  decode(bytes: Uint8Array): unknown;
}

const bundle = readTsProtoBundle(readFileSync(resolvePackageFile("tiktok-live-proto/v3"), "utf8"), "v3");
const pushPairs = compareSchemas(loadOurs(schemaDir), bundle).pushPairs;
const v3Codecs = v3 as unknown as Record<string, Codec>;
const ourCodecs = ours as unknown as Record<string, Codec>;

/** v3's decoding of the filled message, and of the same bytes after our decode (and `alter`) and re-encode. */
function roundTrip(ourId: string, ref: string, alter: (m: Record<string, unknown>) => void = () => {}) {
  const name = ourId.replace(/^webcast\./, "");
  const theirs = v3Codecs[bundle.messages.get(ref)!.name]!;
  const ourCodec = ourCodecs[name]!;
  const bytes = theirs.encode(fillMessage(bundle, ref)).finish();
  const decoded = ourCodec.decode(bytes) as Record<string, unknown>;
  alter(decoded);
  return { name, sent: theirs.decode(bytes), back: theirs.decode(ourCodec.encode(decoded).finish()) };
}

describe("round trip through tiktok-live-proto v3", () => {
  it("notices a single value our side loses", () => {
    const gift = pushPairs.find((p) => p.ours === "webcast.WebcastGiftMessage")!;
    const whole = roundTrip(gift.ours, gift.ref);
    expect(isDeepStrictEqual(whole.sent, whole.back)).toBe(true);
    const lossy = roundTrip(gift.ours, gift.ref, (m) => {
      (m.gift as Record<string, unknown>).resourceId = 0n;
    });
    expect(firstDifference(lossy.sent, lossy.back)).toMatch(/^\.gift\.resourceId:/);
  });

  it("keeps at least 95 % of the push messages both schemas know whole", { timeout: 300_000 }, () => {
    const lost: string[] = [];
    for (const { ours: ourId, ref } of pushPairs) {
      const { name, sent, back } = roundTrip(ourId, ref);
      if (!isDeepStrictEqual(sent, back)) lost.push(`${name}: ${firstDifference(sent, back)}`);
    }
    const whole = pushPairs.length - lost.length;
    const share = whole / pushPairs.length;
    console.log(
      `v3 round trip: ${whole} of ${pushPairs.length} push messages lossless (${(share * 100).toFixed(1)} %)` +
        lost.map((l) => `\n  lossy: ${l}`).join(""),
    );
    expect(pushPairs.length).toBeGreaterThan(60);
    expect(share).toBeGreaterThanOrEqual(0.95);
  });
});
