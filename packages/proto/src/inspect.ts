/**
 * What `console.log` shows for events and lazily decoded messages. Node's
 * `util.inspect` and the consoles of Deno and Bun all look up this registered
 * symbol, so nothing is imported from `node:`. Without it a lazy message shows
 * its scalars but none of its nested messages (they are getters until read),
 * and an event shows its payload bytes and decoder state instead of what it says.
 *
 * The view leaves out fields at their default value (empty strings and lists,
 * zeros, false, absent messages), as proto3's JSON mapping does: a `User` has
 * about 150 fields and a comment's user sets a dozen of them.
 */
export const inspectCustom: unique symbol = Symbol.for("nodejs.util.inspect.custom") as never;

/** Whether a decoded field holds its proto3 default (what an absent field decodes to). */
export function isDefaultValue(value: unknown): boolean {
  switch (typeof value) {
    case "string":
      return value === "";
    case "number":
      return value === 0;
    case "bigint":
      return value === 0n;
    case "boolean":
      return !value;
    case "undefined":
      return true;
    case "object":
      if (value === null) return true;
      if (Array.isArray(value) || value instanceof Uint8Array) return value.length === 0;
      if (value instanceof Map) return value.size === 0;
      // A map field decodes to a plain object; an empty one is its default.
      return Object.getPrototypeOf(value) === Object.prototype && Object.keys(value).length === 0;
    default:
      return false;
  }
}

/** The fields of a decoded message that are not at their default value, in the same order. */
export function fieldsSet(message: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(message)) if (!isDefaultValue(value)) out[key] = value;
  return out;
}

/** One class per name, so that an inspected view is labelled like the event it shows. */
const labels = new Map<string, new () => object>();

/** `fields` as an object that `console.log` prints as `name { … }`. */
export function labelled(name: string, fields: Record<string, unknown>): object {
  let Label = labels.get(name);
  if (Label === undefined) {
    // A class defined under a computed key takes the key as its name.
    Label = { [name]: class {} }[name]!;
    labels.set(name, Label);
  }
  return Object.assign(new Label(), fields);
}
