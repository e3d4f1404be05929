import {
  type BaseEvent,
  ConnectEvent,
  DisconnectEvent,
  type DisconnectReason,
  type EventClass,
  type ProtoEventClass,
  protoEventClasses,
  UnknownEvent,
} from "@tiktok-live/core";
import { EnvelopeError } from "./errors.js";

/**
 * The payload of one event on the stream. Proto events (derived ones too:
 * FollowEvent is a SocialMessage) carry TikTok's original message bytes and
 * method, so the consumer rebuilds the same class and nothing is lost;
 * lifecycle events carry a few JSON fields.
 *
 *   u8 kind (1 proto, 2 lifecycle) · u8 len + event name · u8 len + method ·
 *   int64 msgId · u8 len + uniqueId · u8 len + roomId · rest: payload or JSON
 */
export interface EventEnvelope {
  event: BaseEvent;
  uniqueId: string;
  roomId: string;
}

const kindProto = 1;
const kindLifecycle = 2;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Event name → class, for every event the sink can write. */
export const eventClassesByName: ReadonlyMap<string, EventClass> = new Map<string, EventClass>([
  ...protoEventClasses.map((c) => [c.eventName, c] as const),
  [UnknownEvent.eventName, UnknownEvent],
  [ConnectEvent.eventName, ConnectEvent],
  [DisconnectEvent.eventName, DisconnectEvent],
]);

const protoClassByName = new Map<string, ProtoEventClass>(protoEventClasses.map((c) => [c.eventName, c]));

function lifecycleJson(event: BaseEvent): unknown {
  if (event instanceof DisconnectEvent)
    return { reason: event.reason, closeCode: event.closeCode, error: event.error?.message };
  if (event instanceof ConnectEvent) return { uniqueId: event.uniqueId, roomId: event.roomId };
  return {};
}

/** Whether the sink can carry this event (proto-backed, unknown, connect or disconnect). */
export function isCarried(event: BaseEvent): boolean {
  return event.method !== "" || eventClassesByName.has(event.eventName);
}

export function encodeEnvelope(event: BaseEvent, uniqueId: string, roomId: string): Uint8Array {
  const proto = event.method !== "";
  const body = proto ? event.payload : encoder.encode(JSON.stringify(lifecycleJson(event)));
  return encodeParts(proto, event.eventName, event.method, event.msgId, uniqueId, roomId, body, ownBuffer);
}

/**
 * The envelope of a proto message as received (see `onRawMessage`), the same
 * bytes `encodeEnvelope` writes for its event, without building the event.
 */
export function encodeMessageEnvelope(
  eventName: string,
  message: { method: string; msgId: bigint; payload: Uint8Array },
  uniqueId: string,
  roomId: string,
): Uint8Array {
  return encodeParts(
    true,
    eventName,
    message.method,
    message.msgId,
    uniqueId,
    roomId,
    message.payload,
    slabbed,
  );
}

/** Bytes of `size` with the view to write them: a buffer of their own. */
type Allocate = (size: number) => { bytes: Uint8Array; view: DataView };
const ownBuffer: Allocate = (size) => {
  const bytes = new Uint8Array(size);
  return { bytes, view: new DataView(bytes.buffer) };
};

/**
 * Envelopes the sink publishes are cut from shared slabs: one allocation (and
 * one buffer for the collector to track) per 256 KiB instead of one per event,
 * which the sink benchmark's profile showed among its larger costs. A slab
 * lives while any envelope cut from it is waiting for its ack, which the sink
 * bounds. Only for envelopes that stay inside the package: one handed to a
 * caller (`encodeEnvelope`) has a buffer of its own.
 */
const slabSize = 256 * 1024;
let slab = new Uint8Array(slabSize);
let slabView = new DataView(slab.buffer);
let slabUsed = 0;
const cut = { bytes: slab, view: slabView };
const slabbed: Allocate = (size) => {
  if (size > slabSize / 16) return ownBuffer(size);
  if (slabUsed + size > slabSize) {
    slab = new Uint8Array(slabSize);
    slabView = new DataView(slab.buffer);
    slabUsed = 0;
  }
  cut.bytes = slab.subarray(slabUsed, slabUsed + size);
  cut.view = slabView;
  slabUsed += size;
  return cut;
};

/**
 * Length-prefixed UTF-8 of each name, cached: a sink sees the same few dozen
 * event names and methods and the same rooms over and over. Bounded, as
 * unknown methods come from the wire.
 */
const prefixed = new Map<string, Uint8Array>();
function lengthPrefixed(text: string): Uint8Array {
  let bytes = prefixed.get(text);
  if (bytes) return bytes;
  const utf8 = encoder.encode(text);
  if (utf8.length > 255) throw new EnvelopeError("A name in the event envelope is over 255 bytes");
  bytes = new Uint8Array(1 + utf8.length);
  bytes[0] = utf8.length;
  bytes.set(utf8, 1);
  if (prefixed.size >= 10_000) prefixed.clear();
  prefixed.set(text, bytes);
  return bytes;
}

function encodeParts(
  proto: boolean,
  eventName: string,
  methodName: string,
  msgId: bigint,
  uniqueId: string,
  roomId: string,
  body: Uint8Array,
  allocate: Allocate,
): Uint8Array {
  const name = lengthPrefixed(eventName);
  const method = lengthPrefixed(methodName);
  const user = lengthPrefixed(uniqueId);
  const room = lengthPrefixed(roomId);
  const { bytes: out, view } = allocate(
    1 + name.length + method.length + 8 + user.length + room.length + body.length,
  );
  out[0] = proto ? kindProto : kindLifecycle;
  let at = 1;
  out.set(name, at);
  at += name.length;
  out.set(method, at);
  at += method.length;
  view.setBigInt64(out.byteOffset + at, BigInt.asIntN(64, msgId));
  at += 8;
  out.set(user, at);
  at += user.length;
  out.set(room, at);
  at += room.length;
  out.set(body, at);
  return out;
}

export function decodeEnvelope(bytes: Uint8Array): EventEnvelope {
  try {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let at = 0;
    const kind = bytes[at++];
    const text = (): string => {
      const len = bytes[at++]!;
      if (at + len > bytes.length) throw new RangeError("truncated");
      const s = decoder.decode(bytes.subarray(at, at + len));
      at += len;
      return s;
    };
    const eventName = text();
    const method = text();
    const msgId = view.getBigInt64(at);
    at += 8;
    const uniqueId = text();
    const roomId = text();
    const body = bytes.slice(at);
    if (kind === kindProto) {
      const cls = protoClassByName.get(eventName);
      const message = { method, msgId, payload: body };
      const event = cls && cls.method === method ? new cls(message) : new UnknownEvent(message);
      return { event, uniqueId, roomId };
    }
    if (kind === kindLifecycle) {
      const json = JSON.parse(decoder.decode(body)) as Record<string, unknown>;
      const event =
        eventName === DisconnectEvent.eventName
          ? new DisconnectEvent(json.reason as DisconnectReason, json.closeCode as number | undefined)
          : new ConnectEvent(uniqueId, roomId);
      return { event, uniqueId, roomId };
    }
    throw new RangeError(`unknown kind ${kind}`);
  } catch (cause) {
    if (cause instanceof EnvelopeError) throw cause;
    throw new EnvelopeError(`Not a tiktok-live event envelope (${bytes.length} bytes)`, { cause });
  }
}
