import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Targets } from "../src/generate.js";

const here = dirname(fileURLToPath(import.meta.url));

/** The small schema every generator test runs on. */
export const fixtureSchema = join(here, "fixtures/schema");

/** A fresh temporary directory. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "codegen-test-"));
}

/** Targets laid out like packages/proto under `root`. */
export function targetsIn(root: string, schemaDir = fixtureSchema): Targets {
  return {
    schemaDir,
    genDir: join(root, "src/gen"),
    eventsGenDir: join(root, "src/gen/events"),
    registryFile: join(root, "src/gen/registry.ts"),
    messagesIndexFile: join(root, "src/gen/messages.ts"),
    codecDomainsFile: join(root, "src/gen/codec-domains.ts"),
    codecsIndexFile: join(root, "src/gen/codecs.ts"),
    schemaFieldsFile: join(root, "src/gen/schema-fields.ts"),
    snapshotFile: join(root, "schema.snapshot.json"),
    eventsDoc: join(root, "docs/events.md"),
    publicEventsFiles: [{ file: join(root, "src/gen/public-events.ts"), from: "@tiktok-live/proto" }],
  };
}

/** Copies the fixture schema into `root/schema`, for tests that edit it. */
export function copyFixture(root: string): string {
  const dir = join(root, "schema");
  cpSync(fixtureSchema, dir, { recursive: true });
  return dir;
}
