/**
 * A minimal cookie store for TikTok's few cookies. It never prints values:
 * `toJSON()` and `toString()` list names only, so a jar can be logged safely.
 */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  set(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  has(name: string): boolean {
    return this.cookies.has(name);
  }

  /** Reads `name=value; Path=/; …` lines (one cookie per entry or comma-joined as in X-Set-TT-Cookie). */
  setFromHeader(header: string): void {
    for (const part of splitSetCookie(header)) {
      const first = part.split(";", 1)[0] ?? "";
      const eq = first.indexOf("=");
      if (eq <= 0) continue;
      this.set(first.slice(0, eq).trim(), first.slice(eq + 1).trim());
    }
  }

  /** The `Cookie` request header value. */
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  get size(): number {
    return this.cookies.size;
  }

  toJSON(): { cookies: string[] } {
    return { cookies: [...this.cookies.keys()] };
  }

  toString(): string {
    return `CookieJar(${[...this.cookies.keys()].join(", ")})`;
  }
}

/** Splits a comma-joined Set-Cookie list without breaking on the comma inside `Expires=Wed, 21 Oct …`. */
export function splitSetCookie(header: string): string[] {
  return header
    .split(/,(?=\s*[A-Za-z0-9_\-.]+=)/)
    .map((s) => s.trim())
    .filter(Boolean);
}
