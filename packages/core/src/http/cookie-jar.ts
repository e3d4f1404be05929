/**
 * Cookies that make up a TikTok login. Only the user sets them (through
 * `sessionId` or `cookies`); whatever another party sends under these names is
 * dropped, so nobody can swap the account the client acts as.
 */
export const sessionCookieNames: ReadonlySet<string> = new Set([
  "sessionid",
  "sessionid_ss",
  "sid_tt",
  "sid_guard",
  "uid_tt",
  "uid_tt_ss",
  "sid_ucp_v1",
  "ssid_ucp_v1",
  "tt-target-idc",
]);

/**
 * A minimal cookie store for TikTok's few cookies, in two scopes: the user's
 * own (session, `tt-target-idc`, the `cookies` option), sent to TikTok's
 * hosts, and the sign server's (`X-Set-TT-Cookie`), replaced on every
 * signature and sent only with the push handshake. A sign-server cookie never
 * replaces a user cookie. It never prints values: `toJSON()` and `toString()`
 * list names only, so a jar can be logged safely.
 */
export class CookieJar {
  private readonly cookies = new Map<string, string>();
  private signServer = new Map<string, string>();

  /** Sets a user cookie. */
  set(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  /** A user cookie, else a sign-server one. */
  get(name: string): string | undefined {
    return this.cookies.get(name) ?? this.signServer.get(name);
  }

  has(name: string): boolean {
    return this.cookies.has(name) || this.signServer.has(name);
  }

  /** Reads `name=value; Path=/; …` lines (one cookie per entry or comma-joined) as user cookies. */
  setFromHeader(header: string): void {
    for (const [name, value] of parseSetCookie(header)) this.set(name, value);
  }

  /**
   * Replaces the sign server's cookies with those of its latest `X-Set-TT-Cookie`.
   * Session cookie names, names the user set, and unsafe names or values are dropped.
   */
  setSignServerCookies(header: string): void {
    const scope = new Map<string, string>();
    for (const [name, value] of parseSetCookie(header)) {
      if (sessionCookieNames.has(name) || this.cookies.has(name)) continue;
      if (!isCookieName(name) || !isCookieValue(value)) continue;
      scope.set(name, value);
    }
    this.signServer = scope;
  }

  /** Names of the sign server's cookies. */
  signServerCookieNames(): string[] {
    return [...this.signServer.keys()];
  }

  /** The `Cookie` header for TikTok's HTTP routes: the user's cookies only. */
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  /** The `Cookie` header for the push handshake: the user's cookies, then the sign server's. */
  handshakeHeader(): string {
    return [...this.cookies, ...this.signServer].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  get size(): number {
    return this.cookies.size;
  }

  toJSON(): { cookies: string[] } {
    return { cookies: [...new Set([...this.cookies.keys(), ...this.signServer.keys()])] };
  }

  toString(): string {
    return `CookieJar(${this.toJSON().cookies.join(", ")})`;
  }
}

/** RFC 6265 token: what may stand left of `=` without breaking the header. */
export function isCookieName(name: string): boolean {
  return /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name);
}

/** No `;` (it would start another cookie), no control characters (CR/LF split headers), ASCII only. */
export function isCookieValue(value: string): boolean {
  return /^[\x21-\x3a\x3c-\x7e]*$/.test(value);
}

function parseSetCookie(header: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const part of splitSetCookie(header)) {
    const first = part.split(";", 1)[0] ?? "";
    const eq = first.indexOf("=");
    if (eq <= 0) continue;
    out.push([first.slice(0, eq).trim(), first.slice(eq + 1).trim()]);
  }
  return out;
}

/** Splits a comma-joined Set-Cookie list without breaking on the comma inside `Expires=Wed, 21 Oct …`. */
export function splitSetCookie(header: string): string[] {
  return header
    .split(/,(?=\s*[A-Za-z0-9_\-.]+=)/)
    .map((s) => s.trim())
    .filter(Boolean);
}
