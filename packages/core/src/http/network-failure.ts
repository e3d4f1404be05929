import { NetworkError } from "../errors/errors.js";

interface Failure {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/**
 * The real reason behind a runtime's generic "fetch failed": undici nests it
 * one or two `cause`s deep (ECONNREFUSED, ENOTFOUND, a TLS code), sometimes in
 * an AggregateError when several addresses were tried. Returns the deepest
 * code and message found.
 */
export function underlyingReason(error: unknown): string {
  let code: string | undefined;
  let message: string | undefined;
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current && typeof current === "object"; depth++) {
    const f = current as Failure;
    if (typeof f.code === "string" && f.code !== "") code = f.code;
    if (typeof f.message === "string" && f.message !== "") message = f.message;
    const next = f.cause ?? (Array.isArray(f.errors) ? f.errors[0] : undefined);
    if (next === current) break;
    current = next;
  }
  if (typeof current === "string") message = current;
  const reason =
    code && message && !message.includes(code) ? `${code}: ${message}` : (message ?? code ?? String(error));
  return withoutQueries(reason);
}

/**
 * Some runtimes put the whole URL in the error (Deno: "error sending request
 * for url (https://…?session_id=…)"); its query may hold ids and keys.
 */
function withoutQueries(text: string): string {
  return text.replace(/\b((?:https?|wss?):\/\/[^\s?#)'"]*)[?#][^\s)'"]*/g, "$1");
}

/** A NetworkError naming the host (in `where`, the URL without its query) and the underlying cause. */
export function networkError(url: URL, where: string, cause: unknown, doing = "Request to"): NetworkError {
  const reason = underlyingReason(cause);
  return new NetworkError(`${doing} ${where} failed: ${reason}`, url.host, reason, { cause });
}
