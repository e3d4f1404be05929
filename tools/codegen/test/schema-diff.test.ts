import { describe, expect, it } from "vitest";
import { renderChangeset } from "../src/changeset.js";
import { bumpFor, diffSnapshots, formatReport, type SchemaChange } from "../src/schema-diff.js";
import type { Snapshot } from "../src/snapshot.js";

const base: Snapshot = {
  WebcastChatMessage: { 1: "common webcast.CommonMessageData", 2: "user webcast.User", 3: "content string" },
  User: { 1: "id int64", 3: "nickname string" },
};

/** `base` with `User`'s fields replaced. */
const withUser = (fields: Record<string, string>): Snapshot => ({ ...base, User: fields });

describe("diffSnapshots", () => {
  it("finds nothing between equal snapshots", () => {
    expect(diffSnapshots(base, structuredClone(base))).toEqual([]);
  });

  it("reports an added message with its field count", () => {
    const after = {
      ...base,
      WebcastLikeMessage: { 1: "common webcast.CommonMessageData", 5: "count int32" },
    };
    expect(diffSnapshots(base, after)).toEqual([
      { kind: "message added", message: "WebcastLikeMessage", detail: "2 fields" },
    ]);
  });

  it("reports a removed message", () => {
    const { User: _, ...after } = base;
    expect(diffSnapshots(base, after)).toEqual([{ kind: "message removed", message: "User", detail: "" }]);
  });

  it("reports an added and a removed field", () => {
    expect(
      diffSnapshots(base, withUser({ 1: "id int64", 3: "nickname string", 38: "unique_id string" })),
    ).toEqual([{ kind: "field added", message: "User", detail: "unique_id = 38 (string)" }]);
    expect(diffSnapshots(base, withUser({ 1: "id int64" }))).toEqual([
      { kind: "field removed", message: "User", detail: "nickname = 3 (string)" },
    ]);
  });

  it("reports a field that kept its name but moved number as renumbered only", () => {
    expect(diffSnapshots(base, withUser({ 1: "id int64", 4: "nickname string" }))).toEqual([
      { kind: "field renumbered", message: "User", detail: "nickname: 3 → 4" },
    ]);
  });

  it("reports a field that kept its number but changed type as retyped", () => {
    expect(diffSnapshots(base, withUser({ 1: "id string", 3: "nickname string" }))).toEqual([
      { kind: "field retyped", message: "User", detail: "id = 1: int64 → string" },
    ]);
  });

  it("reports a field that kept number and type but changed name as renamed", () => {
    expect(diffSnapshots(base, withUser({ 1: "id int64", 3: "display_name string" }))).toEqual([
      { kind: "field renamed", message: "User", detail: "3: nickname → display_name" },
    ]);
  });

  it("reports a new field at the number a renumbered field left", () => {
    expect(diffSnapshots(base, withUser({ 1: "id int64", 3: "bio string", 4: "nickname string" }))).toEqual([
      { kind: "field renumbered", message: "User", detail: "nickname: 3 → 4" },
      { kind: "field added", message: "User", detail: "bio = 3 (string)" },
    ]);
  });

  it("reports a field removed to make room for a renumbered one, without a retype", () => {
    expect(diffSnapshots(base, withUser({ 1: "nickname string" }))).toEqual([
      { kind: "field renumbered", message: "User", detail: "nickname: 3 → 1" },
      { kind: "field removed", message: "User", detail: "id = 1 (int64)" },
    ]);
  });

  it("reports two swapped fields as two renumberings and nothing else", () => {
    expect(diffSnapshots(base, withUser({ 1: "nickname string", 3: "id int64" }))).toEqual([
      { kind: "field renumbered", message: "User", detail: "nickname: 3 → 1" },
      { kind: "field renumbered", message: "User", detail: "id: 1 → 3" },
    ]);
  });

  it("lists messages in name order", () => {
    const after = { B: {}, A: {}, ...base };
    expect(diffSnapshots(base, after).map((c) => c.message)).toEqual(["A", "B"]);
  });
});

const added: SchemaChange = { kind: "field added", message: "User", detail: "unique_id = 38 (string)" };
const newMessage: SchemaChange = { kind: "message added", message: "WebcastLikeMessage", detail: "2 fields" };
const breakingKinds = [
  "message removed",
  "field removed",
  "field renumbered",
  "field retyped",
  "field renamed",
] as const;

describe("bumpFor", () => {
  it("is none without changes", () => {
    expect(bumpFor([])).toBe("none");
  });

  it("is minor for additions only", () => {
    expect(bumpFor([added, newMessage])).toBe("minor");
  });

  it.each(breakingKinds)("is major as soon as there is a %s", (kind) => {
    expect(bumpFor([added, { kind, message: "User", detail: "" }, newMessage])).toBe("major");
  });
});

describe("formatReport", () => {
  it("says when the schema is unchanged", () => {
    expect(formatReport([])).toBe("Schema unchanged.");
  });

  it("lists each change under a count and the bump, kinds aligned", () => {
    const removed: SchemaChange = { kind: "message removed", message: "Old", detail: "" };
    expect(formatReport([added, removed])).toBe(
      [
        "Schema changes (2, major):",
        "  field added       User  unique_id = 38 (string)",
        "  message removed   Old",
      ].join("\n"),
    );
  });
});

describe("renderChangeset", () => {
  it("writes nothing without changes", () => {
    expect(renderChangeset([])).toBeUndefined();
  });

  it("bumps @tiktok-live/proto by minor for additions and lists them", () => {
    const cs = renderChangeset([newMessage, added])!;
    expect(cs.text).toBe(
      [
        "---",
        '"@tiktok-live/proto": minor',
        "---",
        "",
        "Schema update: 1 messages added, 0 removed, 1 field changes.",
        "",
        "- message added: `WebcastLikeMessage` (2 fields)",
        "- field added: `User` (unique_id = 38 (string))",
        "",
      ].join("\n"),
    );
  });

  it("bumps by major for a breaking change and leaves out an empty detail", () => {
    const cs = renderChangeset([{ kind: "message removed", message: "Old", detail: "" }])!;
    expect(cs.text).toMatch(/^---\n"@tiktok-live\/proto": major\n---\n/);
    expect(cs.text).toContain("Schema update: 0 messages added, 1 removed, 0 field changes.");
    expect(cs.text).toContain("- message removed: `Old`\n");
  });

  it("names the file after the changes, so identical changes give the same name", () => {
    const a = renderChangeset([{ ...added }, { ...newMessage }])!;
    const b = renderChangeset([{ ...added }, { ...newMessage }])!;
    const c = renderChangeset([{ ...added, detail: "unique_id = 39 (string)" }, newMessage])!;
    expect(a.name).toMatch(/^schema-[0-9a-f]{10}\.md$/);
    expect(b.name).toBe(a.name);
    expect(c.name).not.toBe(a.name);
  });
});
