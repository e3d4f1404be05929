import type { CodecDomain } from "./codec-domain.js";
import type { ProtoEventClass } from "./events/proto-event.js";
import { codecDomains } from "./gen/codec-domains.js";

/**
 * Loads the codecs the given event classes decode with, so their fields can be
 * read synchronously. Without arguments, loads every codec.
 *
 * @example
 * await loadCodecs(GiftEvent);
 * const gift = new GiftEvent({ method: GiftEvent.method, msgId: 1n, payload });
 * console.log(gift.gift.name);
 */
export async function loadCodecs(...classes: Array<Pick<ProtoEventClass, "codecs">>): Promise<void> {
  const domains: Iterable<CodecDomain> = classes.length
    ? classes.map((c) => c.codecs)
    : codecDomains.values();
  await Promise.all([...domains].map((d) => d.load()));
}
