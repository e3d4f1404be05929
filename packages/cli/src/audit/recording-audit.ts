import { gunzipSync } from "node:zlib";
import { MessageBatch, WebcastPushFrame } from "@tiktok-live/proto";
import type { Recording } from "@tiktok-live/testkit";
import { type FieldTable, sample, type WireFinding, walkMessage } from "./wire-walk.js";

/** One kind of disagreement at one field path, over the whole recording. */
export interface AuditFinding {
  kind: WireFinding["kind"];
  path: string;
  /** Message type that holds the field, and its number. */
  message: string;
  field: number;
  wireType: number;
  declared?: string;
  /** How many times it was seen. */
  count: number;
  /** The first value seen. */
  example: string;
}

export interface MethodAudit {
  method: string;
  /** Messages of this method in the recording. */
  messages: number;
  /** False when the schema has no message of this name: nothing of it can be decoded. */
  hasCodec: boolean;
  /** For a method without codec: the first payload, sampled. */
  example?: string;
  findings: AuditFinding[];
}

export interface AuditReport {
  frames: number;
  messages: number;
  /** Frames (or batches) that could not be read at all, with the first error. */
  unreadableFrames: number;
  firstFrameError?: string;
  /** Methods with findings or without codec first, then by name. */
  methods: MethodAudit[];
}

/** The push messages of one recorded frame (empty for non-`msg` frames). */
function messagesOf(bytes: Uint8Array): Array<{ method: string; payload: Uint8Array }> {
  const frame = WebcastPushFrame.decode(bytes);
  if (frame.payloadType !== "msg") return [];
  const gzipped = frame.payload[0] === 0x1f && frame.payload[1] === 0x8b;
  const body = gzipped ? new Uint8Array(gunzipSync(frame.payload)) : frame.payload;
  const batch = MessageBatch.decode(body);
  const out: Array<{ method: string; payload: Uint8Array }> = [];
  for (let i = 0; i < batch.length; i++) {
    const m = batch.message(i);
    out.push({ method: m.method, payload: m.payload });
  }
  return out;
}

/** Compares every push message of a recording with the schema's field table. */
export function auditRecording(recording: Recording, table: FieldTable): AuditReport {
  const methods = new Map<string, MethodAudit & { byPath: Map<string, AuditFinding> }>();
  const report: AuditReport = {
    frames: recording.frames.length,
    messages: 0,
    unreadableFrames: 0,
    methods: [],
  };
  for (const { frame } of recording.frames) {
    let messages: Array<{ method: string; payload: Uint8Array }>;
    try {
      messages = messagesOf(frame);
    } catch (error) {
      report.unreadableFrames++;
      report.firstFrameError ??= (error as Error).message;
      continue;
    }
    for (const { method, payload } of messages) {
      report.messages++;
      let entry = methods.get(method);
      if (!entry) {
        const hasCodec = table[method] !== undefined;
        entry = { method, messages: 0, hasCodec, findings: [], byPath: new Map() };
        if (!hasCodec) entry.example = sample(2, payload);
        methods.set(method, entry);
      }
      entry.messages++;
      if (!entry.hasCodec) continue;
      const byPath = entry.byPath;
      const add = (f: WireFinding) => {
        const key = `${f.kind} ${f.path} ${f.wireType}`;
        const seen = byPath.get(key);
        if (seen) seen.count++;
        else byPath.set(key, { ...f, count: 1 });
      };
      if (!walkMessage(table, method, payload, "", add))
        add({
          kind: "wire-type-conflict",
          path: "(whole message)",
          message: method,
          field: 0,
          wireType: 2,
          declared: method,
          example: sample(2, payload),
        });
    }
  }
  report.methods = [...methods.values()]
    .map(({ byPath, ...m }) => ({ ...m, findings: [...byPath.values()] }))
    .sort((a, b) => rank(a) - rank(b) || a.method.localeCompare(b.method));
  return report;
}

/** Methods without codec first, then those with findings, then the clean ones. */
function rank(m: MethodAudit): number {
  if (!m.hasCodec) return 0;
  return m.findings.length ? 1 : 2;
}
