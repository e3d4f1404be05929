import type { BaseProtoMessage, ProtoEventClass } from "@tiktok-live/proto";
// Importing the codecs entry provides every codec domain, so `cls.codecs.codecs` is at hand.
import "@tiktok-live/proto/codecs";
import { common, nextMsgId, wrap } from "./messages.js";

type Scalar = bigint | number | string | boolean | Uint8Array | null | undefined;

/**
 * The fields of a message, every one optional at every depth: what a test sets,
 * the rest keeps the protobuf defaults. Unknown names and wrong types are
 * compile errors, as in the codecs' own `fromPartial`.
 */
export type MessageFields<T> = T extends Scalar
  ? T
  : T extends Map<infer K, infer V>
    ? Map<K, MessageFields<V>>
    : T extends ReadonlyArray<infer U>
      ? Array<MessageFields<U>>
      : T extends object
        ? { [K in keyof T]?: MessageFields<T[K]> }
        : T;

/** The decoded message type of an event class (`WebcastGiftMessage` for `GiftEvent`). */
export type MessageOf<C> = C extends abstract new (
  ...args: never[]
) => { readonly data: infer T }
  ? T
  : never;

/** The fields `message(EventClass, fields)` takes for that class. */
export type EventFields<C> = MessageFields<MessageOf<C>>;

interface Codec {
  fromPartial(fields: object): unknown;
  encode(message: unknown): { finish(): Uint8Array };
}

/**
 * What a derived event needs in its source message to be derived (the client
 * tells a follow from a share by the display key, a live end by the control
 * action). Merged under the caller's fields, so `message(FollowEvent, {})` is a follow.
 */
const derivedDefaults: Readonly<Record<string, Record<string, unknown>>> = {
  follow: { action: 1n, common: { displayText: { key: "pm_main_follow_message_viewer_2" } } },
  share: { action: 3n, common: { displayText: { key: "pm_mt_guidance_share" } } },
  liveEnd: { action: 3 },
  livePause: { action: 1 },
  liveUnpause: { action: 2 },
  superFan: { content: { key: "ttlive_superfan_commentNotif_superfanBadge" } },
  superFanJoin: { content: { key: "ttlive_superfan_commentNotif_superfanJoined" } },
  superFanBox: { envelopeInfo: { businessType: 19 } },
};

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" &&
  v !== null &&
  !Array.isArray(v) &&
  !(v instanceof Uint8Array) &&
  !(v instanceof Map);

/** `over` on top of `under`, plain objects merged key by key, anything else replaced. */
function merge(under: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...under };
  for (const [key, value] of Object.entries(over)) {
    const below = out[key];
    out[key] = isPlainObject(below) && isPlainObject(value) ? merge(below, value) : value;
  }
  return out;
}

/**
 * A push message for any event class, from the fields of its message: the
 * method and codec come from the class, the common header (method, message id,
 * room id, create time) is filled in unless `fields.common` sets it.
 *
 * @example
 * eventMessage(GameMomentEvent, { momentUniqueId: "m-1", eventTime: 1000n })
 */
export function eventMessage<C extends ProtoEventClass>(cls: C, fields: EventFields<C>): BaseProtoMessage {
  const method = cls.method;
  if (typeof method !== "string" || method === "" || !cls.codecs)
    throw new TypeError(`${cls.name} is not a generated event class (it has no TikTok method and codecs)`);
  const codec = (cls.codecs.codecs as unknown as Record<string, Codec | undefined>)[method];
  if (!codec) throw new Error(`${cls.name} has no codec named ${method} in its "${cls.codecs.name}" codecs`);
  const id = nextMsgId();
  const defaults = merge({ common: { ...common(method, id) } }, derivedDefaults[cls.eventName] ?? {});
  const merged = merge(defaults, fields as Record<string, unknown>);
  const message = codec.fromPartial(merged);
  // A test that sets common.msgId gets that id on the envelope too (the client dedupes on it).
  const msgId = (merged.common as { msgId?: unknown } | undefined)?.msgId;
  return wrap(method, typeof msgId === "bigint" ? msgId : id, codec.encode(message).finish());
}
