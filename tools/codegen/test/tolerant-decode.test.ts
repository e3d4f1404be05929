import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { generate } from "../src/generate.js";
import { tolerantDecode } from "../src/tolerant-decode.js";
import { targetsIn, tempDir } from "./targets.js";

describe("tolerantDecode on the fixture schema's codecs", () => {
  const root = tempDir();
  const codecs = [...generate(targetsIn(root)).outputs]
    .filter(([path]) => path.includes("/src/gen/webcast/"))
    .map(([, text]) => text);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("guards every nested decode with a try whose catch skips that field", () => {
    let nested = 0;
    for (const text of codecs) {
      for (const m of text.matchAll(/\.decode\(reader, reader\.uint32\(\)\)/g)) {
        nested++;
        const before = text.slice(0, m.index);
        const after = text.slice(m.index);
        expect(before.slice(before.lastIndexOf("case ")).includes("const at = reader.pos;\n")).toBe(true);
        expect(after.slice(0, after.indexOf("continue;"))).toMatch(
          /catch \(cause\) \{\n\s+skipBadField\(reader, at, end, "\w+", \d+, cause\);/,
        );
      }
    }
    expect(nested).toBeGreaterThan(20);
  });

  it("records a wire-type mismatch in every case of every decode switch", () => {
    for (const text of codecs) {
      const cases = text.match(/^ {10}case \d+: \{$/gm)?.length ?? 0;
      const notes = text.match(/noteWrongWireType\("\w+", tag\);/g)?.length ?? 0;
      expect(notes).toBe(cases);
    }
  });

  it("ends every decode with the overrun check", () => {
    for (const text of codecs) {
      // Codec objects' decode methods, not the `MessageFns` interface's declaration.
      // The lazy classes' static decode (lazy-nested.ts) is a copy of it and ends with the check too.
      const decodes = text.match(/\n {2}(static )?decode\(input: BinaryReader.*\{$/gm)?.length ?? 0;
      expect(text.match(/if \(reader\.pos > end\) \{/g)?.length ?? 0).toBe(decodes);
    }
  });

  it("fails the run on a case it does not recognise instead of leaving it unguarded", () => {
    const odd = [
      'import { BinaryReader, BinaryWriter } from "@bufbuild/protobuf/wire";',
      "export const Odd: MessageFns<Odd> = {",
      "  decode(input: BinaryReader | Uint8Array, length?: number): Odd {",
      "        switch (tag >>> 3) {",
      "          case 1: {",
      "            message.x = reader.string();",
      "            continue;",
      "          }",
      "        }",
      "      return message;",
      "    } finally {",
      "",
    ].join("\n");
    expect(() => tolerantDecode(odd)).toThrow(/unrecognised case 1 in Odd/);
  });
});
