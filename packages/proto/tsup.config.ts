import { defineConfig } from "tsup";
import { libraryBuild } from "../../tsup.base.js";

export default defineConfig({
  ...libraryBuild,
  // The codecs of each schema file become a chunk that the index imports on demand;
  // the codecs entry imports every chunk up front.
  entry: { index: "src/index.ts", codecs: "src/codecs.ts" },
  splitting: true,
  // Declarations come from scripts/emit-declarations.mjs, file by file without type-checking:
  // bundling them took minutes, and even tsc's own emit ~1 minute and 2.4 GB.
  dts: false,
  // The codecs are ~100k generated lines; V8 keeps every module's source text, so the
  // whitespace alone cost ~4 MiB of heap at import. Identifiers stay, and the source map
  // points back to src/, so stack traces remain readable.
  minifyWhitespace: true,
});
