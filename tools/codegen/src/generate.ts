import { rmSync } from "node:fs";
import { join, relative } from "node:path";
import { buildDescriptorSet, readText, runTsProto } from "./buf.js";
import { groupBy } from "./group-by.js";
import { listFiles, type Outputs } from "./outputs.js";
import { postProcessCodecs } from "./post-process-codecs.js";
import { listPushEvents, type PushEvent } from "./push-messages.js";
import { renderCodecDomains, renderCodecsIndex, renderMessagesIndex } from "./render-codecs.js";
import { renderEventsDoc } from "./render-docs.js";
import { renderEventFile } from "./render-events.js";
import { type PublicEventsTarget, renderPublicEvents } from "./render-public-events.js";
import { renderEventsIndex, renderRegistry } from "./render-registry.js";
import { diffSnapshots, type SchemaChange } from "./schema-diff.js";
import { loadSchemaModel, type SchemaModel } from "./schema-model.js";
import { parseSnapshot, renderSchemaFields, renderSnapshot, snapshotOf } from "./snapshot.js";

/** Where one run writes. The real layout is in paths.ts; tests point it at a temporary directory. */
export interface Targets {
  schemaDir: string;
  genDir: string;
  eventsGenDir: string;
  registryFile: string;
  messagesIndexFile: string;
  codecDomainsFile: string;
  codecsIndexFile: string;
  /** The schema as a field table, for tools that walk raw payloads (the schema audit). */
  schemaFieldsFile: string;
  snapshotFile: string;
  eventsDoc: string;
  /** Packages that re-export every event class by name (core, the adapters). */
  publicEventsFiles: readonly PublicEventsTarget[];
}

export interface Generation {
  schema: SchemaModel;
  events: PushEvent[];
  outputs: Outputs;
  /** Changes against the snapshot currently on disk. */
  changes: SchemaChange[];
  /** True when there was no snapshot yet. */
  initial: boolean;
}

/** Runs every generator in memory. Nothing is written; see outputs.ts for that. */
export function generate(t: Targets): Generation {
  const schema = loadSchemaModel(buildDescriptorSet(t.schemaDir));
  const outputs: Outputs = new Map();

  // Codecs from ts-proto, with our header instead of theirs.
  const tsProtoDir = runTsProto(t.schemaDir);
  try {
    for (const file of listFiles(tsProtoDir)) {
      const rel = relative(tsProtoDir, file);
      const source = `packages/proto/schema/${rel.replace(/\.ts$/, ".proto")}`;
      outputs.set(join(t.genDir, rel), postProcessCodecs(readText(file) ?? "", source));
    }
  } finally {
    rmSync(tsProtoDir, { recursive: true, force: true });
  }

  // Event classes, one module per schema file.
  const events = listPushEvents(schema);
  const fileOfType = new Map<string, string>();
  for (const m of schema.messages) fileOfType.set(m.tsName, m.file);
  for (const e of schema.enums) fileOfType.set(e.tsName, e.file);
  const fileOf = (tsName: string) => {
    const file = fileOfType.get(tsName);
    if (!file) throw new Error(`type ${tsName} is not defined in the schema`);
    return file;
  };
  for (const [file, list] of groupBy(events, (e) => e.message.file)) {
    const name = file.replace(/^webcast\//, "").replace(/\.proto$/, ".ts");
    outputs.set(join(t.eventsGenDir, name), renderEventFile(file, list, fileOf));
  }
  outputs.set(join(t.eventsGenDir, "index.ts"), renderEventsIndex(events));
  for (const { file, from } of t.publicEventsFiles) outputs.set(file, renderPublicEvents(events, from));

  // Registry, public type index, docs and the snapshot the next diff compares against.
  outputs.set(t.registryFile, renderRegistry(events));
  const topLevel = [...schema.messages.filter((m) => m.topLevel), ...schema.enums.filter((e) => e.topLevel)];
  outputs.set(t.messagesIndexFile, renderMessagesIndex(topLevel));
  // Codecs load per schema file on first use; the codecs entry loads them all.
  outputs.set(t.codecDomainsFile, renderCodecDomains(schema.files));
  outputs.set(t.codecsIndexFile, renderCodecsIndex(topLevel, schema.files));
  outputs.set(t.eventsDoc, renderEventsDoc(events));
  const before = parseSnapshot(readText(t.snapshotFile));
  const after = snapshotOf(schema);
  outputs.set(t.snapshotFile, renderSnapshot(after));
  outputs.set(t.schemaFieldsFile, renderSchemaFields(after));

  return {
    schema,
    events,
    outputs,
    changes: diffSnapshots(before, after),
    initial: Object.keys(before).length === 0,
  };
}
