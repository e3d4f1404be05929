/**
 * Makes ts-proto's decoders lose one field instead of the whole message when
 * the wire does not match the schema (see packages/proto/src/skipped-fields.ts):
 *
 * - a known field with another wire type: ts-proto already steps over it as
 *   over an unknown field; we add a call that records it;
 * - a nested message or map entry whose bytes do not decode (a JSON string
 *   where a map is declared, a number where a message is, a truncated
 *   message): the statements of that field run in a try block, and the catch
 *   moves the reader to the end of the field and records it;
 * - a nested message whose last field runs past the message's declared length
 *   is an error of that message (ts-proto would read on into the enclosing
 *   message's next field), so the field holding it is the one skipped.
 *
 * A try block costs nothing while nothing throws, so clean payloads decode as
 * fast as before. The rewrite works on ts-proto's formatting (pinned version);
 * anything it does not recognise fails the codegen run rather than being left
 * unguarded, and the golden test shows the result.
 */

const helpersModule = "../../skipped-fields.js";

/** One `case N: { … }` block of a generated decode switch (cases sit at 10 spaces): indent, field, body. */
export const caseBlock: RegExp = /^( {10})case (\d+): \{\n([\s\S]*?)^\1\}\n/gm;
/** The guard ts-proto puts first in a case for a field with one wire type. */
const singleGuard = /^( {12}if \(tag !== \d+\) \{\n)( {14}break;\n {12}\}\n)/;
/** A case for a repeated scalar field accepts two wire types and ends in a bare `break;`. */
const trailingBreak = /\n( {12})break;\n$/;
/** A whole single-wire-type case that decodes a nested message: guard, statements, `continue;`. */
const nestedCase =
  /^( {12}if \(tag !== \d+\) \{\n {14}.*\n {14}break;\n {12}\}\n\n)([\s\S]*?)( {12}continue;\n)$/;
const nestedDecode = ".decode(reader, reader.uint32())";

function rewriteCase(body: string, message: string, field: string): string {
  const note = `noteWrongWireType("${message}", tag);\n`;
  let out = body.replace(
    singleGuard,
    (_, open: string, rest: string) => `${open}${" ".repeat(14)}${note}${rest}`,
  );
  if (out === body)
    out = body.replace(trailingBreak, (_, indent: string) => `\n${indent}${note}${indent}break;\n`);
  if (out === body) throw new Error(`tolerant-decode: unrecognised case ${field} in ${message}.decode`);
  if (!out.includes(nestedDecode)) return out;
  const m = nestedCase.exec(out);
  if (!m)
    throw new Error(
      `tolerant-decode: nested decode of field ${field} in ${message} not in the expected shape`,
    );
  const statements = m[2]!.replace(/^(?=.)/gm, "  ");
  return (
    `${m[1]}            const at = reader.pos;\n            try {\n${statements}` +
    `            } catch (cause) {\n              skipBadField(reader, at, end, "${message}", ${field}, cause);\n            }\n${m[3]}`
  );
}

const decodeReturn = "\n      return message;\n    } finally {\n";

/** Rewrites the decode method of the codec object `message` (text from its `export const` to the next). */
function rewriteCodec(text: string, message: string): string {
  const start = text.indexOf("\n  decode(input: BinaryReader | Uint8Array, length?: number)");
  if (start < 0) return text;
  const stop = text.indexOf(decodeReturn, start);
  if (stop < 0) throw new Error(`tolerant-decode: end of ${message}.decode not found`);
  const body = text
    .slice(start, stop)
    .replace(caseBlock, (_, indent: string, field: string, inner: string) => {
      return `${indent}case ${field}: {\n${rewriteCase(inner, message, field)}${indent}}\n`;
    });
  const overrun =
    "\n      if (reader.pos > end) {\n" +
    '        throw new globalThis.RangeError("field runs past the end of its message");\n' +
    "      }";
  return text.slice(0, start) + body + overrun + text.slice(stop);
}

/** Applies the rewrite to one ts-proto output file. */
export function tolerantDecode(text: string): string {
  if (!text.includes("  decode(input: BinaryReader")) return text;
  const parts = text.split(/(?=^export const \w+: MessageFns<)/m);
  const rewritten = parts.map((part) => {
    const name = /^export const (\w+): MessageFns</.exec(part)?.[1];
    return name ? rewriteCodec(part, name) : part;
  });
  const wire = 'import { BinaryReader, BinaryWriter } from "@bufbuild/protobuf/wire";\n';
  if (!text.includes(wire)) throw new Error("tolerant-decode: ts-proto's wire import not found");
  const out = rewritten.join("");
  const used = ["noteWrongWireType", "skipBadField"].filter((h) => out.includes(`${h}(`));
  if (used.length === 0) return out;
  return out.replace(wire, `${wire}import { ${used.join(", ")} } from "${helpersModule}";\n`);
}
