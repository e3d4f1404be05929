/**
 * Golden test: renders the fixture schema and compares with test/golden/.
 * After an intended renderer change, run `UPDATE_GOLDEN=1 npx vitest run tools/codegen`
 * and review the diff of test/golden/. Golden files carry a `.golden` suffix so
 * Biome and tsc leave them alone.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Generation, generate } from "../src/generate.js";
import { listFiles } from "../src/outputs.js";
import { targetsIn, tempDir } from "./targets.js";

const goldenDir = join(dirname(fileURLToPath(import.meta.url)), "golden");
const update = process.env.UPDATE_GOLDEN === "1";

/** Every file one run writes, relative to the target root. */
const allOutputs = [
  "docs/events.md",
  "schema.snapshot.json",
  "src/codec-domains.generated.ts",
  "src/codecs.generated.ts",
  "src/events/generated/battle.ts",
  "src/events/generated/chat.ts",
  "src/events/generated/gift.ts",
  "src/events/generated/index.ts",
  "src/events/generated/room.ts",
  "src/events/generated/social.ts",
  "src/gen/webcast/battle.ts",
  "src/gen/webcast/chat.ts",
  "src/gen/webcast/common.ts",
  "src/gen/webcast/envelope.ts",
  "src/gen/webcast/gift.ts",
  "src/gen/webcast/room.ts",
  "src/gen/webcast/social.ts",
  "src/messages.generated.ts",
  "src/registry.generated.ts",
];

/** Compared with golden files: everything but the ts-proto codecs, of which one stands for the rest. */
const compared = allOutputs.filter((f) => !f.startsWith("src/gen/") || f === "src/gen/webcast/battle.ts");

let root: string;
let gen: Generation;
const output = (rel: string) => gen.outputs.get(join(root, rel));

beforeAll(() => {
  root = tempDir();
  gen = generate(targetsIn(root));
  if (update) {
    rmSync(goldenDir, { recursive: true, force: true });
    for (const rel of compared) {
      const file = join(goldenDir, `${rel}.golden`);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, output(rel) ?? "");
    }
  }
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("generate() on the fixture schema", () => {
  it("produces exactly the expected files", () => {
    expect([...gen.outputs.keys()].map((p) => relative(root, p)).sort()).toEqual(allOutputs);
  });

  it("has a golden file for each compared output and no others", () => {
    const golden = listFiles(goldenDir).map((p) => relative(goldenDir, p).replace(/\.golden$/, ""));
    expect(golden.sort()).toEqual(compared);
  });

  it.each(compared)("renders %s as in the golden file", (rel) => {
    expect(output(rel)).toBe(readFileSync(join(goldenDir, `${rel}.golden`), "utf8"));
  });

  it("reports every message as added when there is no snapshot yet", () => {
    expect(gen.initial).toBe(true);
    expect(gen.changes.length).toBe(gen.schema.messages.length);
    expect(new Set(gen.changes.map((c) => c.kind))).toEqual(new Set(["message added"]));
  });
});
