import { concatChunks } from "../bytes/concat-chunks.js";
import { ResponseTooLargeError } from "../errors/errors.js";

/** Size caps per kind of response, in bytes. */
export interface ResponseSizeLimits {
  /** The profile's live page (HTML with the embedded app state). */
  page: number;
  /** TikTok's JSON APIs: room info, check_alive, the gift list, api-live. */
  api: number;
  /** The sign server's answer: the first batch of messages as protobuf, or a chat reply. */
  signServer: number;
  /** `fetchImage` downloads. */
  image: number;
}

const MiB = 1024 * 1024;

/** Several times what TikTok serves today, so real responses never hit them. */
export const defaultResponseSizeLimits: ResponseSizeLimits = {
  page: 8 * MiB,
  api: 8 * MiB,
  signServer: 8 * MiB,
  image: 16 * MiB,
};

/** How much of an error response is kept for the error's `cause`. */
export const errorDetailBytes = 16 * 1024;

/**
 * Reads a body up to `maxBytes`. Past the cap it cancels the stream, so the
 * rest is never downloaded, and throws ResponseTooLargeError, or with
 * `truncate` returns what it has (for error details, where the start is enough).
 */
export async function readCappedBytes(
  response: Response,
  maxBytes: number,
  what: string,
  options: { truncate?: boolean } = {},
): Promise<Uint8Array> {
  const declared = Number(response.headers.get("content-length"));
  if (!options.truncate && Number.isFinite(declared) && declared > maxBytes) {
    discard(response);
    throw tooLarge(what, maxBytes, `it announced ${declared} bytes`);
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    if (total + value.byteLength > maxBytes) {
      void reader.cancel().catch(() => {});
      if (options.truncate) {
        chunks.push(value.subarray(0, maxBytes - total));
        total = maxBytes;
        break;
      }
      throw tooLarge(what, maxBytes, "it sent more");
    }
    chunks.push(value);
    total += value.byteLength;
  }
  return concatChunks(chunks);
}

export async function readCappedText(
  response: Response,
  maxBytes: number,
  what: string,
  options: { truncate?: boolean } = {},
): Promise<string> {
  return new TextDecoder().decode(await readCappedBytes(response, maxBytes, what, options));
}

/** The start of an error response's body, never more than `errorDetailBytes`; "" when unreadable. */
export function readErrorDetail(response: Response, what: string): Promise<string> {
  return readCappedText(response, errorDetailBytes, what, { truncate: true }).catch(() => "");
}

function tooLarge(what: string, maxBytes: number, why: string): ResponseTooLargeError {
  return new ResponseTooLargeError(
    `The response of ${what} is over its ${maxBytes}-byte cap (${why}); reading stopped. Raise maxResponseBytes if this is expected`,
    maxBytes,
  );
}

/**
 * Drops a body unread: the stream is cancelled so the connection stops
 * downloading it. Not awaited, since some fetch implementations settle the
 * cancel only once the server ends the body.
 */
export function discard(response: Response): void {
  if (response.body && !response.bodyUsed) void response.body.cancel().catch(() => {});
}
