import { denseSwitch } from "./dense-switch.js";
import { generatedHeader } from "./header.js";
import { lazyNested } from "./lazy-nested.js";
import { tolerantDecode } from "./tolerant-decode.js";
import { userIdAlias } from "./user-id-alias.js";

/**
 * ts-proto opens each file with its own comment block (generator versions, source
 * file) and an eslint-disable; ours replaces both, so a generated file has exactly
 * one header naming generator and schema.
 */
function stripTsProtoHeader(text: string): string {
  const lines = text.split("\n");
  let i = 0;
  while (i < lines.length && (lines[i]!.startsWith("//") || lines[i]!.trim() === "")) i++;
  if (lines[i]?.trim() === "/* eslint-disable */") i++;
  return lines.slice(i).join("\n");
}

/**
 * Turns one ts-proto output file into the committed codec module of `source`
 * (a schema path): our header, and decoders that skip a mismatched field
 * instead of failing the message (tolerant-decode.ts), and a second decoder
 * that decodes nested messages on first read (lazy-nested.ts); the user
 * message gets `id` beside `userId` (user-id-alias.ts); a decoder whose field
 * numbers are sparse gets its switch split so V8 keeps it a jump table
 * (dense-switch.ts).
 */
export function postProcessCodecs(text: string, source: string): string {
  return (
    generatedHeader(source) + denseSwitch(userIdAlias(lazyNested(tolerantDecode(stripTsProtoHeader(text)))))
  );
}
