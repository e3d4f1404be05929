import { CodecDomain } from "../codec-domain.js";
import { fieldsSet } from "../inspect.js";
import { fieldsOf, LazyRoot, materialize } from "../lazy-message.js";
import type { SkippedField } from "../skipped-fields.js";
import { BaseEvent, type EventClass } from "./base-event.js";
import { ownBytes } from "./payload-copy.js";

/** The slice of a BaseProtoMessage an event is built from. */
export interface PushMessage {
  method: string;
  msgId: bigint;
  payload: Uint8Array;
}

/** A generated event class: constructible from a push message, with its TikTok method. */
export interface ProtoEventClass<E extends ProtoEvent<unknown> = ProtoEvent<unknown>> extends EventClass<E> {
  new (message: PushMessage): E;
  readonly method: string;
  /** The codecs `data` decodes with; they must be loaded before it is read (see `loadCodecs`). */
  readonly codecs: CodecDomain;
}

const noCodecs = CodecDomain.loaded("none", {});
const noSkips: readonly SkippedField[] = Object.freeze([]);

/**
 * An event backed by one TikTok push message. The payload is decoded on first
 * access of `data` (or any field getter), so events nobody reads cost no decoding;
 * nested messages (user, images, badges, gift…) are decoded when first read
 * (lazy-message.ts). The event holds a copy of its payload, not the batch (payload-copy.ts).
 */
export abstract class ProtoEvent<T> extends BaseEvent {
  static readonly method: string = "";
  static readonly codecs: CodecDomain = noCodecs;
  private decoded: T | undefined;
  private root: LazyRoot | undefined;
  private walked = false;

  constructor(message: PushMessage) {
    super(message.method, message.msgId, ownBytes(message.payload));
  }

  /** Decodes the payload from `root` (generated: the codec's lazy decoder). */
  protected abstract decode(root: LazyRoot): T;

  /**
   * The decoded message. Throws if the payload is not a valid message of this type,
   * or CodecsNotLoadedError if the class's codecs are not loaded (see `loadCodecs`).
   */
  get data(): T {
    if (this.decoded === undefined) {
      const root = new LazyRoot(this.payload);
      this.root = root;
      this.decoded = this.decode(root);
    }
    return this.decoded;
  }

  /**
   * Fields of the payload that did not match the schema and were left out of
   * `data` (empty when everything matched). The rest of the message decodes;
   * a non-empty list means TikTok changed the message and the schema lags (see
   * the schema-updates guide). Reading it decodes the whole payload, nested
   * messages included (they are otherwise decoded when first read); the list
   * has the top-level fields first, then nested ones in the order they were decoded.
   */
  get skippedFields(): readonly SkippedField[] {
    if (!this.walked) {
      materialize(this.data);
      this.walked = true;
    }
    return this.root?.skipped ?? noSkips;
  }

  /**
   * Adds the number of fields skipped so far to `stats.skippedFields`, and the
   * ones found later, as nested messages are decoded on first read. Decodes the
   * top level (not the nested messages, unlike `skippedFields`).
   */
  countSkippedInto(stats: { skippedFields: number }): void {
    void this.data;
    const root = this.root!;
    root.stats = stats;
    stats.skippedFields += root.skipped?.length ?? 0;
  }

  /**
   * `data` as plain objects, every nested message decoded: for `structuredClone`,
   * `postMessage` or deep comparison, which see only own properties (a nested
   * message's fields are getters until then).
   */
  get plainData(): T {
    return materialize(this.data);
  }

  /** Whether `data` has been decoded yet. */
  get isDecoded(): boolean {
    return this.decoded !== undefined;
  }

  override get createTime(): bigint {
    return (this.data as { common?: { createTime?: bigint } }).common?.createTime ?? 0n;
  }

  /** The message's fields that are set, each nested message printing the same way; skips found so far. */
  protected override inspectFields(): Record<string, unknown> {
    const fields = fieldsSet(fieldsOf(this.data as object));
    const skipped = this.root?.skipped;
    return skipped?.length ? { ...fields, skippedFields: skipped } : fields;
  }

  protected override jsonFields(): Record<string, unknown> {
    const data = this.data;
    const skipped = this.skippedFields;
    return skipped.length ? { data, skippedFields: skipped } : { data };
  }
}
