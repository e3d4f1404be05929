import { describe, expect, it } from "vitest";
import { denseClusters, denseSwitch } from "../src/dense-switch.js";

/** A decoder in ts-proto's shape: each case checks the wire type (breaking out on a mismatch) or continues. */
function decoderText(fields: number[]): string {
  const cases = fields
    .map(
      (f) =>
        `          case ${f}: {\n            if (tag !== ${f * 8}) {\n              break;\n            }\n\n` +
        `            out.push("field ${f}");\n            continue;\n          }\n`,
    )
    .join("");
  return (
    "function decode(tags) {\n  const out = [];\n  for (const tag of tags) {\n" +
    `        switch (tag >>> 3) {\n${cases}        }\n` +
    '        out.push("skipped " + tag);\n  }\n  return out;\n}\n'
  );
}

const compile = (text: string) => new Function(`${text}\nreturn decode;`)() as (tags: number[]) => string[];

// Like User's field numbers: 1 to 66 with gaps, then a run from 1001.
const low = [
  1, 3, 5, 9, 10, 11, 12, 15, 16, 17, 18, 19, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 38, 46, 64, 66,
];
const high = Array.from({ length: 30 }, (_, i) => 1001 + i).filter((f) => f % 7 !== 0);

describe("dense-switch", () => {
  it("groups field numbers into runs that V8 compiles as jump tables (fewer than 3 values per case)", () => {
    const clusters = denseClusters([...high, ...low]);
    expect(clusters).toEqual([low, high]);
    for (const c of clusters) expect(c.at(-1)! - c[0]! + 1).toBeLessThan(3 * c.length);
  });

  it("moves the high field numbers of a sparse switch into a nested switch under default", () => {
    const text = denseSwitch(decoderText([...low, ...high]));
    const [outer, nested] = text.split("          default:\n            switch (tag >>> 3) {\n");
    expect(nested).toBeDefined();
    for (const f of low) expect(outer).toContain(`case ${f}: {`);
    for (const f of high) expect(nested).toContain(`  case ${f}: {`);
  });

  it("decodes exactly as before: every field, a wrong wire type, an unknown field", () => {
    const fields = [...low, ...high];
    const before = compile(decoderText(fields));
    const after = compile(denseSwitch(decoderText(fields)));
    const tags = [...fields.flatMap((f) => [f * 8, f * 8 + 2]), 2 * 8, 999 * 8, 5000 * 8, 0];
    expect(after(tags)).toEqual(before(tags));
    expect(after([1028 * 8, 1028 * 8 + 1])).toEqual(["field 1028", `skipped ${1028 * 8 + 1}`]);
  });

  it("leaves a dense or short switch as it is", () => {
    const dense = decoderText(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(denseSwitch(dense)).toBe(dense);
    const short = decoderText([1, 2, 500, 1000]);
    expect(denseSwitch(short)).toBe(short);
  });

  it("fails on a switch that is not in ts-proto's shape rather than leaving it unknown", () => {
    const text = decoderText([...low, ...high]).replace(
      "        }\n        out.push",
      "          default:\n            break;\n        }\n        out.push",
    );
    expect(() => denseSwitch(text)).toThrow(/unrecognised decode switch/);
  });
});
