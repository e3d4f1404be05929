import type { FetchLike } from "../capabilities.js";
import { InvalidResponseError, RateLimitError, TikTokLiveError, TimeoutError } from "../errors/errors.js";
import type { CookieJar } from "./cookie-jar.js";

export interface HttpRequest {
  url: URL;
  method?: "GET" | "POST";
  params?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
  /** Send the jar's cookies. Off for hosts that must not see the session (the sign server by default). */
  withCookies: boolean;
  signal?: AbortSignal;
  /** Overrides the client's request timeout. */
  timeoutMs?: number;
}

export interface HttpClientOptions {
  fetch: FetchLike;
  cookies: CookieJar;
  headers: Record<string, string>;
  timeoutMs: number;
}

/**
 * Parses `Retry-After` (seconds or an HTTP date) or Euler's `RateLimit-Reset`
 * (unix seconds) into milliseconds to wait.
 */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const retryAfter = headers.get("retry-after");
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const reset = Number(headers.get("ratelimit-reset"));
  if (Number.isFinite(reset) && reset > 0) return Math.max(0, reset * 1000 - now);
  return undefined;
}

/** The URL without its query string: query strings may carry ids and keys, errors must not. */
export function describeUrl(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

/**
 * `fetch` with the client's headers, cookies and timeout. Turns transport
 * failures, timeouts, 429 and other non-2xx statuses into typed errors.
 */
export class HttpClient {
  constructor(private readonly options: HttpClientOptions) {}

  async request(req: HttpRequest): Promise<Response> {
    const url = new URL(req.url);
    for (const [k, v] of Object.entries(req.params ?? {})) url.searchParams.set(k, v);
    const headers: Record<string, string> = { ...this.options.headers, ...req.headers };
    if (req.withCookies && this.options.cookies.size > 0) headers.Cookie = this.options.cookies.header();

    const timeoutMs = req.timeoutMs ?? this.options.timeoutMs;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await this.options.fetch(url, {
        method: req.method ?? "GET",
        headers,
        ...(req.body !== undefined ? { body: req.body } : {}),
        signal,
        redirect: "follow",
      });
    } catch (cause) {
      if (req.signal?.aborted) throw req.signal.reason ?? cause;
      if (timeout.aborted)
        throw new TimeoutError(`${describeUrl(url)} did not answer within ${timeoutMs} ms`, { cause });
      throw new TikTokLiveError(
        "NETWORK",
        `Request to ${describeUrl(url)} failed: ${(cause as Error)?.message ?? cause}`,
        { cause },
      );
    }
    if (response.status === 429) {
      const wait = retryAfterMs(response.headers);
      const detail = await response.text().catch(() => "");
      throw new RateLimitError(
        `Rate limited by ${url.host}${wait !== undefined ? `; retry after ${Math.ceil(wait / 1000)} s` : ""}`,
        wait,
        { cause: detail || undefined },
      );
    }
    return response;
  }

  /** GET/POST expecting JSON; non-2xx and unparsable bodies become InvalidResponseError. */
  async json<T = unknown>(req: HttpRequest): Promise<T> {
    const { status, text } = await this.text(req);
    try {
      return JSON.parse(text) as T;
    } catch (cause) {
      throw new InvalidResponseError(`${describeUrl(req.url)} returned invalid JSON`, status, { cause });
    }
  }

  /** The body of a 2xx response as text; other statuses become InvalidResponseError with the start of the body. */
  async text(req: HttpRequest): Promise<{ status: number; text: string }> {
    const response = await this.request(req);
    const text = await readBody(response, req.url);
    if (!response.ok) {
      throw new InvalidResponseError(
        `${describeUrl(req.url)} answered HTTP ${response.status}`,
        response.status,
        {
          cause: text.slice(0, 500),
        },
      );
    }
    return { status: response.status, text };
  }
}

/** Reads a body; a body that stalls past the timeout (or breaks off) becomes a typed error too. */
async function readBody(response: Response, url: URL): Promise<string> {
  try {
    return await response.text();
  } catch (cause) {
    const name = (cause as { name?: string })?.name;
    if (name === "TimeoutError")
      throw new TimeoutError(`${describeUrl(url)} stopped sending its response`, { cause });
    if (name === "AbortError") throw cause;
    throw new TikTokLiveError("NETWORK", `Reading the response of ${describeUrl(url)} failed`, { cause });
  }
}
