/**
 * What the sink needs of a JetStream publish answer, read from its bytes
 * without decoding them to a string or parsing the JSON: one answer per event
 * makes `JSON.parse` (or a decode and two regular expressions) a cost of its
 * own. The server writes the answer by hand (`{"stream":"S", "seq":1,"duplicate": true}`,
 * `{"error":{"code":503,...}}`), so keys are plain ASCII and never escaped.
 *
 * - `stored`: a JSON object with a `"seq"` key and no `"error"` key; `duplicate`
 *   when its `"duplicate"` key is `true`;
 * - `refused`: an object with an `"error"` key (the text is decoded for the report);
 * - `malformed`: anything else (empty, not an object, no `"seq"`): the publish is
 *   not known to be stored, so the sink sends it again.
 */
export type PubAck =
  | { kind: "stored"; duplicate: boolean }
  | { kind: "refused"; text: string }
  | { kind: "malformed"; text: string };

const stored: PubAck = { kind: "stored", duplicate: false };
const storedDuplicate: PubAck = { kind: "stored", duplicate: true };

const toBytes = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const errorKey = toBytes('"error"');
const seqKey = toBytes('"seq"');
const duplicateKey = toBytes('"duplicate"');
const trueWord = toBytes("true");
const decoder = new TextDecoder();

const isSpace = (b: number | undefined): boolean => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;

/** Index of `word` in `bytes` from `from`, or -1. */
function find(bytes: Uint8Array, word: Uint8Array, from = 0): number {
  const first = word[0];
  const last = bytes.length - word.length;
  outer: for (let i = from; i <= last; i++) {
    if (bytes[i] !== first) continue;
    for (let j = 1; j < word.length; j++) if (bytes[i + j] !== word[j]) continue outer;
    return i;
  }
  return -1;
}

/** Position after a key's `:` (and the blanks around it), or -1 if the key is not followed by one. */
function afterColon(bytes: Uint8Array, at: number): number {
  while (isSpace(bytes[at])) at++;
  if (bytes[at] !== 0x3a) return -1;
  at++;
  while (isSpace(bytes[at])) at++;
  return at;
}

/** Where the value of key `word` starts: its first occurrence followed by `:` (not a string value such as `"seq"` in `"x":"seq"`), or -1. */
function valueAt(bytes: Uint8Array, word: Uint8Array): number {
  for (let at = find(bytes, word); at >= 0; at = find(bytes, word, at + 1)) {
    const value = afterColon(bytes, at + word.length);
    if (value >= 0) return value;
  }
  return -1;
}

export function parsePubAck(bytes: Uint8Array): PubAck {
  let start = 0;
  let end = bytes.length - 1;
  while (start <= end && isSpace(bytes[start])) start++;
  while (end >= start && isSpace(bytes[end])) end--;
  if (start > end || bytes[start] !== 0x7b || bytes[end] !== 0x7d)
    return { kind: "malformed", text: decoder.decode(bytes) };
  if (valueAt(bytes, errorKey) >= 0) return { kind: "refused", text: decoder.decode(bytes) };
  const seq = valueAt(bytes, seqKey);
  // A sequence is a number: a digit, not a string or null.
  if (seq < 0 || bytes[seq]! < 0x30 || bytes[seq]! > 0x39)
    return { kind: "malformed", text: decoder.decode(bytes) };
  const duplicate = valueAt(bytes, duplicateKey);
  if (duplicate >= 0 && find(bytes.subarray(duplicate, duplicate + trueWord.length), trueWord) === 0)
    return storedDuplicate;
  return stored;
}
