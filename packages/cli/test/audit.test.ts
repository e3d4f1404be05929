/**
 * `tiktok-live audit` on recordings with planted disagreements: unknown fields at
 * several depths (top level, inside the user, inside items of a repeated nested
 * message and one level below those), wire-type conflicts (a number where a
 * message is declared, a JSON string where a map is) and a method the schema
 * does not know. The audit must find every planted one, and nothing else.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type BaseProtoMessage,
  schemaFields,
  WebcastChatMessage,
  WebcastLikeMessage,
} from "@tiktok-live/proto/codecs";
import { encodeBatchFrame, RecordingWriter } from "@tiktok-live/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditReport } from "../src/audit/recording-audit.js";
import { main } from "../src/main.js";
import { memoryIo } from "./memory-io.js";

const utf8 = new TextEncoder();
const varint = (n: number): number[] => (n < 0x80 ? [n] : [(n & 0x7f) | 0x80, ...varint(n >>> 7)]);
const tag = (field: number, wireType: number) => varint((field << 3) | wireType);
const len = (field: number, body: number[] | Uint8Array) => [
  ...tag(field, 2),
  ...varint(body.length),
  ...body,
];
const text = (field: number, value: string) => len(field, [...utf8.encode(value)]);
const num = (field: number, value: number) => [...tag(field, 0), ...varint(value)];

// Field numbers no schema uses; checked against the schema below so the test cannot pass by accident.
const planted = { top: 9001, inUser: 9002, inEmoteItem: 9003, inEmote: 9004 };

const userBytes = [...text(3, "Ann"), ...text(planted.inUser, "planted in user")];
const emoteItem = (index: number, extra: number[] = [], emoteExtra: number[] = []) =>
  len(13, [...num(1, index), ...len(2, [...text(1, `emote-${index}`), ...emoteExtra]), ...extra]);

let nextId = 1n;
const wrap = (method: string, payload: number[] | Uint8Array): BaseProtoMessage => ({
  method,
  payload: new Uint8Array(payload),
  msgId: nextId++,
  msgType: 0,
  offset: 0n,
  isHistory: false,
});

/** A chat message with every planted unknown field, written twice to check the counts. */
const chatWithUnknowns = () =>
  wrap("WebcastChatMessage", [
    ...WebcastChatMessage.encode(WebcastChatMessage.fromPartial({ content: "hi" })).finish(),
    ...len(2, userBytes),
    ...emoteItem(1),
    ...emoteItem(2, num(planted.inEmoteItem, 7)),
    ...emoteItem(3, [], text(planted.inEmote, "deep")),
    ...num(planted.top, 42),
  ]);
/** `user` as a number, and (in another message) the user's admin map as a JSON string. */
const chatWithConflicts = wrap("WebcastChatMessage", [...num(2, 12345), ...text(3, "numeric user")]);
const likeWithJsonMap = wrap("WebcastLikeMessage", [
  ...len(5, [...text(3, "Bo"), ...len(32, text(5, '{"admin":"yes"}'))]),
  ...num(2, 1),
]);
const clean = wrap(
  "WebcastLikeMessage",
  WebcastLikeMessage.encode(WebcastLikeMessage.fromPartial({ count: 3, user: { nickname: "Cy" } })).finish(),
);
const unknownMethod = wrap("WebcastPlantedFutureMessage", text(1, "from the future"));

let dir: string;
let file: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "tiktok-live-audit-test-"));
  file = join(dir, "planted.ndjson");
  const lines: string[] = [];
  const writer = new RecordingWriter((l) => lines.push(l), { uniqueId: "planted", roomId: "1" });
  const batch = (messages: BaseProtoMessage[], seq: bigint) =>
    encodeBatchFrame(messages, seq, seq, { cursor: "c", internalExt: "" });
  writer.frame(batch([chatWithUnknowns(), clean, unknownMethod], 1n));
  writer.frame(batch([chatWithUnknowns(), chatWithConflicts, likeWithJsonMap, unknownMethod], 2n));
  await writeFile(file, lines.join(""));
});

afterAll(() => rm(dir, { recursive: true, force: true }));

async function runJson(): Promise<AuditReport> {
  const io = memoryIo();
  expect(await main(["audit", file, "--json"], io)).toBe(0);
  return JSON.parse(io.lines.out.join("\n")) as AuditReport;
}

describe("tiktok-live audit", () => {
  it("plants only field numbers the schema does not have", () => {
    for (const type of ["WebcastChatMessage", "User", "EmoteWithIndex", "Emote"])
      for (const n of Object.values(planted))
        expect(schemaFields[type]![String(n)], `${type} ${n}`).toBeUndefined();
    expect(schemaFields.WebcastPlantedFutureMessage).toBeUndefined();
  });

  it("finds every planted unknown field with its path, count and an example", async () => {
    const report = await runJson();
    expect(report).toMatchObject({ frames: 2, messages: 7, unreadableFrames: 0 });
    const chat = report.methods.find((m) => m.method === "WebcastChatMessage")!;
    expect(chat.messages).toBe(3);
    const unknown = chat.findings.filter((f) => f.kind === "unknown-field");
    expect(unknown.map((f) => [f.path, f.message, f.field, f.wireType, f.count, f.example]).sort()).toEqual(
      [
        [`#${planted.top}`, "WebcastChatMessage", planted.top, 0, 2, "42"],
        [`user.#${planted.inUser}`, "User", planted.inUser, 2, 2, '"planted in user"'],
        [`emotes.#${planted.inEmoteItem}`, "EmoteWithIndex", planted.inEmoteItem, 0, 2, "7"],
        [`emotes.emote.#${planted.inEmote}`, "Emote", planted.inEmote, 2, 2, '"deep"'],
      ].sort(),
    );
  });

  it("finds the wire-type conflicts: a number where a message is declared, a JSON string where a map is", async () => {
    const report = await runJson();
    const chat = report.methods.find((m) => m.method === "WebcastChatMessage")!;
    expect(chat.findings.filter((f) => f.kind === "wire-type-conflict")).toEqual([
      {
        kind: "wire-type-conflict",
        path: "user",
        message: "WebcastChatMessage",
        field: 2,
        wireType: 0,
        declared: "webcast.User",
        count: 1,
        example: "12345",
      },
    ]);
    const like = report.methods.find((m) => m.method === "WebcastLikeMessage")!;
    expect(like.messages).toBe(2);
    expect(like.findings).toEqual([
      {
        kind: "wire-type-conflict",
        path: "user.user_attr.admin_permissions",
        message: "UserAttr",
        field: 5,
        wireType: 2,
        declared: "map<int32, int32>",
        count: 1,
        example: '"{\\"admin\\":\\"yes\\"}"',
      },
    ]);
  });

  it("lists the method without a codec first, with its count and an example", async () => {
    const report = await runJson();
    expect(report.methods[0]).toEqual({
      method: "WebcastPlantedFutureMessage",
      messages: 2,
      hasCodec: false,
      example: expect.stringMatching(/^17 bytes: 0a 0f 66 72 6f 6d/),
      findings: [],
    });
  });

  it("prints the same as text", async () => {
    const io = memoryIo();
    expect(await main(["audit", file], io)).toBe(0);
    const out = io.text();
    expect(out).toContain("Schema audit of");
    expect(out).toContain("WebcastPlantedFutureMessage: no codec (not in the schema); 2 messages");
    expect(out).toContain(`emotes.emote.#${planted.inEmote}  [Emote field ${planted.inEmote}]`);
    expect(out).toContain(
      "user  [WebcastChatMessage field 2]: declared webcast.User, found wire type 0 (varint)",
    );
  });

  it("reports a file that is not a recording as bad usage", async () => {
    const bad = join(dir, "bad.ndjson");
    await writeFile(bad, "not json\n");
    const io = memoryIo();
    expect(await main(["audit", bad], io)).toBe(2);
    expect(io.text()).toContain("is not a valid recording");
  });
});
