/**
 * Compares our schema with a reference. Push messages are paired by name; from
 * each pair the walk follows fields that both sides declare as messages, so a
 * nested type is compared with whatever the reference calls it (our `Image` is
 * v3's `ImageModel`). Each finding says where the walk first met the pair.
 */
import {
  declinedNote,
  describeShape,
  type FieldShape,
  messageOf,
  type WireField,
  type WireMessage,
  type WireSchema,
  wireTypeOf,
} from "./wire-model.js";

export type ConflictKind = "wire-type" | "shape" | "repeated" | "scalar";

export interface MissingMessage {
  kind: "missing-message";
  name: string;
  ref: string;
}

export interface MissingField {
  kind: "missing-field";
  /** Our message (fully-qualified) and the reference message it was paired with. */
  ours: string;
  ref: string;
  /** How the walk reached this pair, e.g. `WebcastGiftMessage.gift(15)`. */
  path: string;
  field: WireField;
  /** The `decided(not …)` note on our message that covers this number, if someone settled it. */
  decided?: string;
}

export interface Conflict {
  kind: "conflict";
  conflict: ConflictKind;
  ours: string;
  ref: string;
  path: string;
  number: number;
  field: string;
  oursType: string;
  refType: string;
  /** The `decided:` note on our field, if someone settled it. */
  decided?: string;
}

export type Finding = MissingMessage | MissingField | Conflict;

export interface Comparison {
  reference: string;
  /** Push messages both schemas know. */
  pushPairs: Array<{ ours: string; ref: string }>;
  /** Every (ours, reference) pair of messages the walk compared. */
  pairs: Array<{ ours: string; ref: string; path: string }>;
  findings: Finding[];
}

export const isPushName = (m: WireMessage): boolean => m.topLevel && /^Webcast/.test(m.name);

/** Field 1 of a push message is the common header, whatever a schema calls its type. */
function hasCommonHeader(m: WireMessage, schema: WireSchema): boolean {
  const first = m.fields.find((f) => f.number === 1);
  const target =
    first && !first.repeated && first.shape.kind === "message"
      ? schema.messages.get(first.shape.message)
      : undefined;
  return target !== undefined && /common|header|messageevent/i.test(target.name);
}

/**
 * Names older schemas give to things that are not push methods: v1's frame
 * (our WebcastPushFrame) and a second layout of the barrage message kept
 * under a name no method uses.
 */
export const notPushInReferences: ReadonlyMap<string, string> = new Map([
  ["WebcastWebsocketMessage", "the push frame of v1-era schemas (our WebcastPushFrame)"],
  ["WebcastBarrageMessage_Old", "an older layout of WebcastBarrageMessage, never a method name"],
  ["WebcastBarrageMessageOld", "an older layout of WebcastBarrageMessage, never a method name"],
]);

/**
 * The method name a reference message would arrive under, or undefined when it
 * is not a push message. Older schemas name helper structs `Webcast…` too, and
 * some nest push messages without the prefix, so the name alone does not decide.
 */
export function pushMethodOf(m: WireMessage, schema: WireSchema): string | undefined {
  const prefixed = /^Webcast/.test(m.name);
  const method = prefixed ? m.name : `Webcast${m.name}`;
  if (notPushInReferences.has(method)) return undefined;
  const header = hasCommonHeader(m, schema);
  if (prefixed && m.topLevel && (header || /Message$/.test(m.name))) return method;
  if (!prefixed && header && /Message$/.test(m.name)) return method;
  return undefined;
}

function typeText(f: WireField, schema: WireSchema): string {
  const text = describeShape(f.shape, (id) => schema.messages.get(id)?.name ?? id);
  return f.repeated ? `repeated ${text}` : text;
}

/** The kind of disagreement between two fields of the same number, or undefined when they agree on the wire. */
export function conflictBetween(a: WireField, b: WireField): ConflictKind | undefined {
  if (wireTypeOf(a.shape) !== wireTypeOf(b.shape)) return "wire-type";
  const kindOf = (s: FieldShape): string => (s.kind === "enum" ? "scalar" : s.kind);
  if (kindOf(a.shape) !== kindOf(b.shape)) return "shape";
  if (a.shape.kind === "map" && b.shape.kind === "map") {
    if (a.shape.key !== b.shape.key) return "scalar";
    return conflictBetween(
      { ...a, repeated: false, shape: a.shape.value },
      { ...b, repeated: false, shape: b.shape.value },
    );
  }
  if (a.repeated !== b.repeated) return "repeated";
  const scalar = (s: FieldShape): string | undefined =>
    s.kind === "enum" ? "int32" : s.kind === "scalar" ? s.scalar : undefined;
  if (scalar(a.shape) !== scalar(b.shape)) return "scalar";
  return undefined;
}

export function compareSchemas(ours: WireSchema, ref: WireSchema): Comparison {
  const findings: Finding[] = [];
  const oursByName = new Map<string, WireMessage>();
  for (const m of ours.messages.values()) if (isPushName(m)) oursByName.set(m.name.toLowerCase(), m);
  const queue: Array<{ ours: string; ref: string; path: string }> = [];
  const pushPairs: Comparison["pushPairs"] = [];
  const refPush = [...ref.messages.values()].flatMap((r) => {
    const method = pushMethodOf(r, ref);
    return method ? [{ r, method }] : [];
  });
  for (const { r, method } of refPush.sort((x, y) => x.method.localeCompare(y.method))) {
    const o = oursByName.get(method.toLowerCase());
    if (o) {
      pushPairs.push({ ours: o.id, ref: r.id });
      queue.push({ ours: o.id, ref: r.id, path: o.name });
    } else findings.push({ kind: "missing-message", name: method, ref: r.id });
  }
  const seen = new Set<string>();
  const pairs: Comparison["pairs"] = [];
  while (queue.length > 0) {
    const pair = queue.shift()!;
    const key = `${pair.ours}\u0000${pair.ref}`;
    if (seen.has(key)) continue;
    seen.add(key);
    pairs.push(pair);
    const o = ours.messages.get(pair.ours)!;
    const r = ref.messages.get(pair.ref);
    if (!r) continue;
    const oursFields = new Map(o.fields.map((f) => [f.number, f]));
    for (const rf of r.fields) {
      const of = oursFields.get(rf.number);
      if (!of) {
        const decided = declinedNote(o, rf.number);
        findings.push({
          kind: "missing-field",
          ours: o.id,
          ref: r.id,
          path: pair.path,
          field: rf,
          ...(decided ? { decided } : {}),
        });
        continue;
      }
      const conflict = conflictBetween(of, rf);
      if (conflict) {
        findings.push({
          kind: "conflict",
          conflict,
          ours: o.id,
          ref: r.id,
          path: pair.path,
          number: rf.number,
          field: of.name,
          oursType: typeText(of, ours),
          refType: typeText(rf, ref),
          ...(of.decided ? { decided: of.decided } : {}),
        });
        continue;
      }
      const om = messageOf(of.shape);
      const rm = messageOf(rf.shape);
      if (om && rm) queue.push({ ours: om, ref: rm, path: `${pair.path}.${of.name}(${rf.number})` });
    }
  }
  return { reference: ref.label, pushPairs, pairs, findings };
}

export const undecidedConflicts = (c: Comparison): Conflict[] =>
  c.findings.filter((f): f is Conflict => f.kind === "conflict" && f.decided === undefined);

/** Fields a reference has that we neither declare nor declined with a `decided(not …)` note. */
export const undecidedMissingFields = (c: Comparison): MissingField[] =>
  c.findings.filter((f): f is MissingField => f.kind === "missing-field" && f.decided === undefined);
