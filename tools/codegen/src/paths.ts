import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

/** Every location the generator reads or writes, relative to the repository root. */
export const repoRoot = resolve(here, "../../..");
export const protoPackage = join(repoRoot, "packages/proto");
export const schemaDir = join(protoPackage, "schema");
export const genDir = join(protoPackage, "src/gen");
export const eventsGenDir = join(protoPackage, "src/events/generated");
export const registryFile = join(protoPackage, "src/registry.generated.ts");
export const messagesIndexFile = join(protoPackage, "src/messages.generated.ts");
export const codecDomainsFile = join(protoPackage, "src/codec-domains.generated.ts");
export const codecsIndexFile = join(protoPackage, "src/codecs.generated.ts");
export const snapshotFile = join(protoPackage, "schema.snapshot.json");
export const eventsDoc = join(repoRoot, "docs/events.md");
export const changesetDir = join(repoRoot, ".changeset");
export const codegenBin = join(repoRoot, "tools/codegen/node_modules/.bin");
