// TypeDoc plugin: names each entry point's module after its package ("@tiktok-live/core")
// instead of its path ("core/src"), without a @module tag in the sources.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { Converter, ReflectionKind } from "typedoc";

function packageName(file) {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) return JSON.parse(readFileSync(manifest, "utf8")).name;
  }
  return undefined;
}

/** @param {import("typedoc").Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context, reflection) => {
    if (!reflection.kindOf(ReflectionKind.Module)) return;
    const file = context.getSymbolFromReflection(reflection)?.declarations?.[0]?.getSourceFile().fileName;
    const name = file ? packageName(file) : undefined;
    if (name) reflection.name = name;
  });
}
