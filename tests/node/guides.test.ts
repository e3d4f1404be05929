/**
 * Every ```ts block in docs/guides/ must compile against the packages' published
 * type declarations (packages/<name>/dist/index.d.ts), so the guides cannot drift
 * from the real API. Blocks are type-checked, not run: the examples/ tests and the
 * pack test run the seed example on every runtime.
 */
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { assertBuilt, bin, publishedPackages, root, run } from "./publishing.js";

const guidesDir = join(root, "docs/guides");
const workDir = join(root, "node_modules/.cache/tiktok-live-guides");

interface Block {
  guide: string;
  line: number;
  code: string;
}

async function tsBlocks(): Promise<Block[]> {
  const blocks: Block[] = [];
  for (const guide of (await readdir(guidesDir)).filter((f) => f.endsWith(".md")).sort()) {
    const lines = (await readFile(join(guidesDir, guide), "utf8")).split("\n");
    for (let i = 0; i < lines.length; i++) {
      if (lines[i]!.trim() !== "```ts") continue;
      const start = i + 1;
      let end = start;
      while (end < lines.length && lines[end]!.trim() !== "```") end++;
      blocks.push({ guide, line: start + 1, code: lines.slice(start, end).join("\n") });
      i = end;
    }
  }
  return blocks;
}

// Globals of the other runtimes and the two proxy libraries the Node guide imports, declared
// with the shapes the guides use (they are not dependencies of this repository).
const ambient = `
declare const Deno: { args: string[]; env: { get(name: string): string | undefined } };
declare const Bun: { argv: string[]; env: Record<string, string | undefined> };
declare module "undici" {
  export class ProxyAgent { constructor(url: string); }
}
declare module "https-proxy-agent" {
  import { Agent } from "node:http";
  export class HttpsProxyAgent extends Agent { constructor(url: string); }
}
`;

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

it("every TypeScript block in docs/guides type-checks against the published types", async () => {
  await assertBuilt();
  const blocks = await tsBlocks();
  expect(blocks.length).toBeGreaterThan(10);
  await rm(workDir, { recursive: true, force: true });
  await mkdir(workDir, { recursive: true });
  const files: string[] = [];
  for (const block of blocks) {
    const file = `${block.guide.replace(/\.md$/, "")}.line-${block.line}.mts`;
    await writeFile(join(workDir, file), `${block.code}\nexport {};\n`);
    files.push(file);
  }
  await writeFile(join(workDir, "ambient.d.ts"), ambient);
  const paths = Object.fromEntries(
    publishedPackages.map((p) => [p.name, [join(root, p.dir, "dist/index.d.ts")]]),
  );
  await writeFile(
    join(workDir, "tsconfig.json"),
    JSON.stringify({
      extends: join(root, "tsconfig.base.json"),
      compilerOptions: {
        noEmit: true,
        declaration: false,
        sourceMap: false,
        noUnusedLocals: false,
        skipLibCheck: true,
        typeRoots: [join(root, "node_modules/@types")],
        types: ["node"],
        paths,
      },
      files: ["ambient.d.ts", ...files],
    }),
  );
  const result = await run(bin("tsc"), ["-p", "tsconfig.json", "--pretty", "false"], { cwd: workDir });
  // Errors name the guide and the line its block starts on, e.g. cli.line-87.mts(3,7).
  expect(`${result.stdout}${result.stderr}`.trim()).toBe("");
  expect(result.code).toBe(0);
}, 60_000);
