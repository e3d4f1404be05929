import { InvalidOptionError } from "../errors/errors.js";
import { isCookieName, isCookieValue } from "../http/cookie-jar.js";
import { maxTimerDelayMs } from "../time/clamp-delay.js";

/**
 * The checks behind `resolveOptions`. Each names the option and says why,
 * because a wrong option otherwise shows up far away: a timer that fires at
 * once, a header that breaks every request, a cookie injected into another.
 */

export type Unit = "milliseconds" | "bytes" | "events" | "ids";

/** A positive number; durations at most what `setTimeout` holds, counts whole. */
export function positive(
  name: string,
  value: unknown,
  fallback: number,
  unit: Unit = "milliseconds",
): number {
  if (value === undefined) return fallback;
  const whole = unit !== "milliseconds";
  if (
    typeof value !== "number" ||
    !Number.isFinite(value) ||
    value <= 0 ||
    (whole && !Number.isInteger(value))
  ) {
    throw new InvalidOptionError(
      `${name} must be a positive ${whole ? "whole " : ""}number of ${unit} (got ${describe(value)})`,
    );
  }
  if (unit === "milliseconds" && value > maxTimerDelayMs) {
    throw new InvalidOptionError(
      `${name} must be at most ${maxTimerDelayMs} ms (about 24.8 days), the longest a timer can wait (got ${value})`,
    );
  }
  return value;
}

export function boolean(name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== "boolean")
    throw new InvalidOptionError(`${name} must be true or false (got ${describe(value)})`);
  return value;
}

/** A header value: printable ASCII, no CR/LF that would start another header. */
export function headerSafe(name: string, value: unknown, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== "string" || value.trim() === "")
    throw new InvalidOptionError(`${name} must be a non-empty string (got ${describe(value)})`);
  if (!/^[\x20-\x7e]+$/.test(value)) {
    throw new InvalidOptionError(
      `${name} must be printable ASCII: line breaks or control characters would break or forge HTTP headers`,
    );
  }
  return value;
}

/** A string that ends up in a query parameter: any text without control characters. */
export function plainString(name: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || hasControlCharacter(value) || value === "")
    throw new InvalidOptionError(`${name} must be a non-empty string without control characters`);
  return value;
}

/** Values that become cookies: `;` or `=` in the wrong place would add a cookie of the caller's choosing. */
export function cookieValue(name: string, value: unknown, pattern: RegExp, what: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !pattern.test(value))
    throw new InvalidOptionError(
      `${name} must be ${what}; it is sent as a cookie, where ";" or "=" would inject another`,
    );
  return value;
}

export function cookieMap(value: unknown): Record<string, string> {
  if (value === undefined) return {};
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new InvalidOptionError("cookies must be an object of cookie names to values");
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (!isCookieName(k))
      throw new InvalidOptionError(
        `cookies: "${k.slice(0, 40)}" is not a valid cookie name (letters, digits and !#$%&'*+-.^_\`|~; no ";", "=", spaces)`,
      );
    if (typeof v !== "string" || !isCookieValue(v))
      throw new InvalidOptionError(
        `cookies.${k} must be a string of printable ASCII without ";", spaces or line breaks, which would inject another cookie`,
      );
    out[k] = v;
  }
  return out;
}

/** Groups of options (`reconnect`, `limits`, …) must be plain objects: a string would spread into nonsense. */
export function optionalObject(name: string, value: unknown): void {
  if (value !== undefined && (value === null || typeof value !== "object" || Array.isArray(value)))
    throw new InvalidOptionError(`${name} must be an object (got ${describe(value)})`);
}

export function optionalFunction(name: string, value: unknown): void {
  if (value !== undefined && typeof value !== "function")
    throw new InvalidOptionError(`${name} must be a function (got ${describe(value)})`);
}

/** Room ids pass 2^53: a JS number has usually rounded one already, so only strings and bigints are taken. */
export function roomId(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "bigint") {
    if (value <= 0n || value >= 2n ** 64n)
      throw new InvalidOptionError(`roomId must be a positive 64-bit id (got ${value})`);
    return value.toString();
  }
  if (typeof value === "number") {
    throw new InvalidOptionError(
      `roomId must be a string (or bigint) of digits, not a number: room ids are larger than Number.MAX_SAFE_INTEGER, so ${value} may already be rounded`,
    );
  }
  if (typeof value !== "string" || !/^\d{1,20}$/.test(value))
    throw new InvalidOptionError(`roomId must be a string of digits (got ${describe(value)})`);
  return value;
}

export function baseUrl(name: string, value: unknown): string {
  if (typeof value !== "string") throw new InvalidOptionError(`baseUrls.${name} must be a URL string`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidOptionError(`baseUrls.${name} is not a valid URL: "${value}"`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new InvalidOptionError(`baseUrls.${name} must be an http(s) URL (got ${url.protocol})`);
  if (url.username || url.password) {
    throw new InvalidOptionError(
      `baseUrls.${name} must not contain a user name or password: it would be sent in clear and printed with the options (pass API keys as signApiKey)`,
    );
  }
  if (url.search || url.hash)
    throw new InvalidOptionError(
      `baseUrls.${name} must not have a query string or fragment: request paths replace them`,
    );
  return value.replace(/\/+$/, "");
}

/** `host`, `host:port`, `*.domain`, or `ws://host:port` / `wss://host:port` for a push host. */
export function pushHosts(value: unknown): { secure: string[]; plain: string[] } {
  const out = { secure: [] as string[], plain: [] as string[] };
  if (value === undefined) return out;
  if (!Array.isArray(value)) throw new InvalidOptionError("trustedPushHosts must be an array of host names");
  for (const entry of value) {
    const m =
      typeof entry === "string"
        ? /^(?:(wss?):\/\/)?((?:\*\.)?[A-Za-z0-9.-]+|\[[0-9a-fA-F:.]+\])(?::(\d{1,5}))?\/?$/.exec(entry)
        : null;
    if (!m) {
      throw new InvalidOptionError(
        `trustedPushHosts: ${describe(entry)} is not a host: use "push.example.com", "push.example.com:8443", "*.example.com" or "ws://127.0.0.1:8080"`,
      );
    }
    const [, scheme, host, port] = m;
    const h = host!.toLowerCase();
    if (scheme === "ws") out.plain.push(`${h}:${port ?? "80"}`);
    else out.secure.push(port ? `${h}:${port}` : scheme === "wss" ? `${h}:443` : h);
  }
  return out;
}

function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.slice(0, 60));
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "object" && value !== null) return Array.isArray(value) ? "an array" : "an object";
  return String(value);
}
