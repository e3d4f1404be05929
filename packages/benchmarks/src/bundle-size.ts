import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

/** Size of a minimal app (the seed example) bundled the way one would ship a bot: esbuild, minified, one file. */
export interface BundleFigures {
  entry: string;
  esbuild: string;
  bytes: number;
  gzipBytes: number;
  /** Bytes of the output by package (or "app" for the entry), largest first. */
  byPackage: Array<[string, number]>;
}

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

/** The package a bundled input belongs to: the last node_modules segment (scoped names kept), or the workspace folder. */
function packageOf(input: string, entry: string): string {
  if (input === entry) return "app";
  const parts = input.split(/[\\/]/);
  const nm = parts.lastIndexOf("node_modules");
  if (nm >= 0) {
    const name = parts[nm + 1] ?? "?";
    return name.startsWith("@") ? `${name}/${parts[nm + 2]}` : name;
  }
  const pkg = parts.indexOf("packages");
  if (pkg >= 0) return `@tiktok-live/${parts[pkg + 1]}`;
  return "app";
}

export async function bundleSize(entry = "examples/node/basic.ts"): Promise<BundleFigures> {
  const { version } = await import("esbuild");
  const result = await build({
    entryPoints: [join(repoRoot, entry)],
    absWorkingDir: repoRoot,
    bundle: true,
    minify: true,
    format: "esm",
    platform: "node",
    target: "node20",
    write: false,
    metafile: true,
    logLevel: "silent",
    // ws's optional native add-ons: loaded in a try/catch when installed, never required.
    external: ["bufferutil", "utf-8-validate"],
  });
  const out = result.outputFiles[0]!;
  const byPackage = new Map<string, number>();
  const meta = Object.values(result.metafile.outputs)[0]!;
  for (const [input, { bytesInOutput }] of Object.entries(meta.inputs)) {
    const name = packageOf(relative(repoRoot, join(repoRoot, input)).split(sep).join("/"), entry);
    byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
  }
  return {
    entry,
    esbuild: version,
    bytes: out.contents.byteLength,
    gzipBytes: gzipSync(out.contents, { level: 9 }).byteLength,
    byPackage: [...byPackage.entries()].sort((a, b) => b[1] - a[1]),
  };
}
