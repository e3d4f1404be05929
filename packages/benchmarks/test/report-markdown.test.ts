import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { findingsForDocs } from "../src/report-markdown.js";

const srcDir = join(dirname(fileURLToPath(import.meta.url)), "..", "src");
const docsDir = resolve(srcDir, "..", "..", "..", "docs");
const links = (markdown: string) => [...markdown.matchAll(/\]\((\.[^)#]*)/g)].map((m) => m[1]!);

describe("findings in docs/benchmarks.md", () => {
  it("rewrites links written from packages/benchmarks/src so they resolve from docs/", () => {
    expect(
      findingsForDocs(
        "see [010](../../../docs/decisions/010-x.md) and [core](../../../packages/core/README.md)",
      ),
    ).toBe("see [010](decisions/010-x.md) and [core](../packages/core/README.md)");
  });

  it("every relative link of findings.md points at a file, from src and from docs alike", () => {
    const findings = readFileSync(join(srcDir, "findings.md"), "utf8");
    for (const link of links(findings)) expect(existsSync(resolve(srcDir, link)), link).toBe(true);
    for (const link of links(findingsForDocs(findings)))
      expect(existsSync(resolve(docsDir, link)), link).toBe(true);
  });
});
