/**
 * Gives the `User` message a read-only `id`, the same value as `userId`: the
 * Python TikTokLive client, whose docs many bots are ported from, writes
 * `user.id`, and our schema names field 1 `user_id` as TikTok does.
 *
 * `id` is a getter on the prototype of every user the codecs build (the lazy
 * class of `decodeLazy`, and a class for `decode`, `create` and `fromPartial`
 * instead of ts-proto's object literal), never an own property: JSON, spread,
 * `Object.keys`, `structuredClone`, `materialize` and deep equality see the
 * message's fields only, as before. A plain copy therefore has no `id`; the
 * interface's doc says so (docs/decisions/011-user-id-alias.md).
 *
 * Runs after lazy-nested.ts, on its output; a file without a `User` message,
 * or whose `User` has an `id` field of its own, is left as it is. Like the
 * other rewrites it fails the run on a shape it does not recognise.
 */

const interfaceDoc = `  /**
   * The same value as \`userId\` (Python TikTokLive's \`user.id\`). Read-only, and a
   * getter on the users the codecs decode or create rather than a field: JSON,
   * spread, \`structuredClone\` and \`plainData\` carry \`userId\` only, and
   * \`encode\`, \`create\` and \`fromPartial\` read \`userId\`.
   */
  readonly id: bigint;
`;

const getter = `  /** The same value as \`userId\` (Python TikTokLive's \`user.id\`). */
  get id(): bigint {
    return this.userId;
  }
`;

/** The entries of `createBaseUser()`'s object literal, as [field, default] pairs in order. */
function defaults(literal: string): Array<[string, string]> {
  // ts-proto writes a short literal on one line, a long one a field per line; no default holds a comma.
  return literal
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry): [string, string] => {
      const at = entry.indexOf(": ");
      if (at < 0) throw new Error(`user-id-alias: unrecognised default "${entry}" in createBaseUser`);
      return [entry.slice(0, at), entry.slice(at + 2)];
    });
}

/** `createBaseUser` building an instance of a class with `id` on its prototype, and that class. */
function eagerUser(fields: Array<[string, string]>): string {
  const declarations = fields.map(([f]) => `  ${f}: User["${f}"];\n`).join("");
  const assigns = fields.map(([f, v]) => `    this.${f} = ${v};\n`).join("");
  return (
    "/** `User` from `decode`, `create` and `fromPartial`: ts-proto's fields, and `id` on the prototype. */\n" +
    `class User$Eager implements User {\n${declarations}\n  constructor() {\n${assigns}  }\n\n${getter}}\n` +
    "// Deep-equality helpers that compare constructors (vitest's toStrictEqual) keep seeing a plain object.\n" +
    'Object.defineProperty(User$Eager.prototype, "constructor", { value: Object });\n\n' +
    "function createBaseUser(): User {\n  return new User$Eager();\n}\n"
  );
}

/** Applies the rewrite to one codec module (after lazy-nested.ts). */
export function userIdAlias(text: string): string {
  const start = text.indexOf("\nexport interface User {\n");
  if (start < 0) return text;
  const end = text.indexOf("\n}\n", start);
  const body = text.slice(start, end + 1);
  // A schema whose user already has an `id` field needs no alias.
  if (/\n {2}id: /.test(body)) return text;
  const userId = body.indexOf("\n  userId: bigint;\n");
  if (userId < 0) throw new Error("user-id-alias: User has neither `id` nor `userId: bigint`");
  const afterUserId = start + userId + "\n  userId: bigint;\n".length;
  let out = text.slice(0, afterUserId) + interfaceDoc + text.slice(afterUserId);

  const base = /\nfunction createBaseUser\(\): User \{\n {2}return \{([\s\S]*?)\};\n\}\n/.exec(out);
  if (!base) throw new Error("user-id-alias: createBaseUser() not found");
  out = out.replace(base[0], () => `\n${eagerUser(defaults(base[1]!))}`);

  // Without message fields User has no lazy class: decodeLazy is decode, whose users are User$Eager.
  const lazy = "\nclass User$Lazy implements User {\n";
  if (!out.includes(lazy)) return out;
  out = out.replace(lazy, () => `${lazy}${getter}\n`);
  // The plain form has own properties only, so no `id`.
  const plain = "\n  [plainMessage](): User {\n";
  const at = out.indexOf(plain, out.indexOf(lazy));
  if (at < 0) throw new Error("user-id-alias: User$Lazy's [plainMessage]() not found");
  return `${out.slice(0, at)}\n  [plainMessage](): Omit<User, "id"> {\n${out.slice(at + plain.length)}`;
}
