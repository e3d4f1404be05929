import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { generate } from "../src/generate.js";
import { type Outputs, staleFiles, writeOutputs } from "../src/outputs.js";
import { bumpFor } from "../src/schema-diff.js";
import { copyFixture, targetsIn, tempDir } from "./targets.js";

const roots: string[] = [];
function root(): string {
  const dir = tempDir();
  roots.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of roots.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

describe("staleFiles and writeOutputs", () => {
  /** An owned dir `gen/` with a current, a changed and an orphaned file; a doc outside it. */
  function setUp() {
    const dir = root();
    const gen = join(dir, "gen");
    write(join(gen, "same.ts"), "same\n");
    write(join(gen, "changed.ts"), "old\n");
    write(join(gen, "sub/orphan.ts"), "orphan\n");
    write(join(dir, "notes.md"), "not generated, not owned\n");
    const outputs: Outputs = new Map([
      [join(gen, "same.ts"), "same\n"],
      [join(gen, "changed.ts"), "new\n"],
      [join(gen, "sub/missing.ts"), "missing\n"],
      [join(dir, "docs/events.md"), "doc\n"],
    ]);
    return { dir, gen, outputs };
  }

  it("lists changed, missing and no longer generated files relative to the root", () => {
    const { dir, gen, outputs } = setUp();
    expect(staleFiles(outputs, [gen], dir)).toEqual([
      "gen/changed.ts",
      "gen/sub/missing.ts",
      "docs/events.md",
      "gen/sub/orphan.ts (no longer generated)",
    ]);
  });

  it("ignores an owned dir that does not exist yet", () => {
    const dir = root();
    const outputs: Outputs = new Map([[join(dir, "a.ts"), "a\n"]]);
    write(join(dir, "a.ts"), "a\n");
    expect(staleFiles(outputs, [join(dir, "gen")], dir)).toEqual([]);
  });

  it("writes every output, removes orphans in owned dirs only, and leaves nothing stale", () => {
    const { dir, gen, outputs } = setUp();
    writeOutputs(outputs, [gen]);
    for (const [path, text] of outputs) expect(readFileSync(path, "utf8")).toBe(text);
    expect(existsSync(join(gen, "sub/orphan.ts"))).toBe(false);
    expect(readFileSync(join(dir, "notes.md"), "utf8")).toBe("not generated, not owned\n");
    expect(staleFiles(outputs, [gen], dir)).toEqual([]);
  });
});

describe("generate()", () => {
  it("is deterministic", () => {
    const dir = root();
    const first = generate(targetsIn(dir)).outputs;
    const second = generate(targetsIn(dir)).outputs;
    expect([...second.keys()]).toEqual([...first.keys()]);
    for (const [path, text] of first) expect(second.get(path), path).toBe(text);
  });

  it("reports no change against its own snapshot, and a renumbered field as a major change", () => {
    const dir = root();
    const schemaDir = copyFixture(dir);
    const targets = targetsIn(dir, schemaDir);
    write(targets.snapshotFile, generate(targets).outputs.get(targets.snapshotFile)!);

    const same = generate(targets);
    expect(same.initial).toBe(false);
    expect(same.changes).toEqual([]);

    const proto = join(schemaDir, "webcast/social.proto");
    const text = readFileSync(proto, "utf8");
    expect(text).toContain("int64 follow_count = 6;");
    writeFileSync(proto, text.replace("int64 follow_count = 6;", "int64 follow_count = 9;"));

    const moved = generate(targets);
    expect(moved.initial).toBe(false);
    expect(moved.changes).toEqual([
      { kind: "field renumbered", message: "WebcastSocialMessage", detail: "follow_count: 6 → 9" },
    ]);
    expect(bumpFor(moved.changes)).toBe("major");
    expect(moved.outputs.get(targets.snapshotFile)).toContain('"9": "follow_count int64"');
  });
});
