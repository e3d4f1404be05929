import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { buildDescriptorSet } from "../buf.js";
import { codegenBin } from "../paths.js";
import { readDescriptorSet } from "./read-descriptors.js";
import { readTsProtoBundle } from "./read-ts-proto.js";
import type { WireSchema } from "./wire-model.js";

/**
 * A reference is a directory of `.proto` files (compiled with buf), a ts-proto
 * bundle (`.js`), or a package subpath such as `tiktok-live-proto/v3`, resolved
 * from tools/codegen's dependencies to its Node build.
 */
export function loadReference(reference: string): WireSchema {
  let stat: ReturnType<typeof statSync> | undefined;
  try {
    stat = statSync(reference);
  } catch {
    stat = undefined;
  }
  if (stat?.isDirectory()) return readDescriptorSet(buildDescriptorSet(reference), reference);
  const file = stat?.isFile() ? reference : resolvePackageFile(reference);
  return readTsProtoBundle(readFileSync(file, "utf8"), reference);
}

/** Our schema, compiled the same way codegen compiles it. */
export function loadOurs(schemaDir: string): WireSchema {
  return readDescriptorSet(buildDescriptorSet(schemaDir), "ours");
}

type ExportTarget = string | { [condition: string]: ExportTarget };

/** `pkg/sub` to the file its `exports` map gives Node's `import` (vitest has no `import.meta.resolve`). */
export function resolvePackageFile(specifier: string): string {
  const parts = specifier.split("/");
  const nameLength = specifier.startsWith("@") ? 2 : 1;
  const dir = join(codegenBin, "../..", "node_modules", ...parts.slice(0, nameLength));
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
    exports?: Record<string, ExportTarget>;
  };
  const subpath = [".", ...parts.slice(nameLength)].join("/");
  let target = manifest.exports?.[subpath];
  while (target !== undefined && typeof target !== "string")
    target = target.import ?? target.node ?? target.default;
  if (target === undefined)
    throw new Error(`${specifier}: not a file, a directory or an exported package subpath`);
  return join(dir, target);
}
