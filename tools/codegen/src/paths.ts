import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

/** Every location the generator reads or writes, relative to the repository root. */
export const repoRoot = resolve(here, "../../..");
export const protoPackage = join(repoRoot, "packages/proto");
export const schemaDir = join(protoPackage, "schema");
/** Everything generated in the package lives here, and nothing else does. */
export const genDir = join(protoPackage, "src/gen");
export const eventsGenDir = join(genDir, "events");
export const registryFile = join(genDir, "registry.ts");
export const messagesIndexFile = join(genDir, "messages.ts");
export const codecDomainsFile = join(genDir, "codec-domains.ts");
export const codecsIndexFile = join(genDir, "codecs.ts");
export const schemaFieldsFile = join(genDir, "schema-fields.ts");
/** Hash of the inputs the generated files were made from (see inputs-hash.ts). */
export const inputsHashFile = join(genDir, "inputs.sha256");
export const snapshotFile = join(protoPackage, "schema.snapshot.json");
export const eventsDoc = join(repoRoot, "docs/events.md");
export const changesetDir = join(repoRoot, ".changeset");
/**
 * Core lists the event classes by name in a generated file of its own; its user-api entry
 * re-exports that list, and the adapters re-export the user-api entry, so one list serves all.
 */
export const publicEventsFiles = [
  { file: join(repoRoot, "packages/core/src/gen/public-events.ts"), from: "@tiktok-live/proto" },
];
export const codegenDir = join(repoRoot, "tools/codegen");
export const codegenBin = join(codegenDir, "node_modules/.bin");
