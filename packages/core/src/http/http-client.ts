import type { FetchLike } from "../capabilities.js";
import { InvalidResponseError, RateLimitError, TikTokLiveError, TimeoutError } from "../errors/errors.js";
import { clampDelay } from "../time/clamp-delay.js";
import {
  defaultResponseSizeLimits,
  discard,
  type ResponseSizeLimits,
  readCappedBytes,
  readErrorDetail,
} from "./body-reader.js";
import type { CookieJar } from "./cookie-jar.js";
import { networkError } from "./network-failure.js";
import { parseRetryAfter } from "./retry-after.js";

export { retryAfterMs } from "./retry-after.js";

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
  /** Which size cap applies to the body. Default "api". */
  kind?: keyof ResponseSizeLimits;
  /**
   * "same-origin" refuses a redirect to another origin (the sign server: its
   * API key and any session in the body stay with it). "follow" (default)
   * follows it without the cookies.
   */
  redirects?: "follow" | "same-origin";
}

export interface HttpClientOptions {
  fetch: FetchLike;
  cookies: CookieJar;
  headers: Record<string, string>;
  timeoutMs: number;
  responseLimits?: ResponseSizeLimits;
}

/** Enough for TikTok's own hops (www, regional pages); a loop ends here. */
const maxRedirects = 5;

/** The URL without its query string: query strings may carry ids and keys, errors must not. */
export function describeUrl(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

/**
 * `fetch` with the client's headers, cookies and timeout. Turns transport
 * failures, timeouts, 429 and other non-2xx statuses into typed errors, and
 * follows redirects itself so that nothing secret crosses an origin.
 */
export class HttpClient {
  readonly limits: ResponseSizeLimits;

  constructor(private readonly options: HttpClientOptions) {
    this.limits = options.responseLimits ?? defaultResponseSizeLimits;
  }

  async request(req: HttpRequest): Promise<Response> {
    let url = new URL(req.url);
    for (const [k, v] of Object.entries(req.params ?? {})) url.searchParams.set(k, v);
    const origin = url.origin;
    let headers: Record<string, string> = { ...this.options.headers, ...req.headers };
    if (req.withCookies && this.options.cookies.size > 0) headers.Cookie = this.options.cookies.header();
    let method = req.method ?? "GET";
    let body = req.body;

    const timeoutMs = req.timeoutMs ?? this.options.timeoutMs;
    const timeout = AbortSignal.timeout(clampDelay(timeoutMs));
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
    for (let hop = 0; ; hop++) {
      let response: Response;
      try {
        response = await this.options.fetch(url, {
          method,
          headers,
          ...(body !== undefined ? { body } : {}),
          signal,
          redirect: "manual",
        });
      } catch (cause) {
        if (req.signal?.aborted) throw req.signal.reason ?? cause;
        if (timeout.aborted)
          throw new TimeoutError(`${describeUrl(url)} did not answer within ${timeoutMs} ms`, { cause });
        throw networkError(url, describeUrl(url), cause);
      }
      const location = isRedirect(response.status) ? response.headers.get("location") : null;
      if (location === null) return this.checkRateLimit(response, url);
      discard(response);
      const next = safeUrl(location, url);
      if (!next || hop >= maxRedirects) {
        throw new InvalidResponseError(
          `${describeUrl(url)} answered HTTP ${response.status} with ${next ? "too many redirects" : "an unusable Location"}`,
          response.status,
        );
      }
      if (next.origin !== origin) {
        if (req.redirects === "same-origin") {
          throw new InvalidResponseError(
            `${describeUrl(url)} redirected to ${next.origin}; redirects to another origin are not followed here, so its API key stays with it (set the base URL to the new address if it moved)`,
            response.status,
          );
        }
        // Another origin gets neither the jar nor a caller's secret headers.
        headers = { ...this.options.headers };
      }
      if (
        response.status === 303 ||
        ((response.status === 301 || response.status === 302) && method === "POST")
      ) {
        method = "GET";
        body = undefined;
        delete headers["Content-Type"];
      }
      url = next;
    }
  }

  private async checkRateLimit(response: Response, url: URL): Promise<Response> {
    if (response.status !== 429) return response;
    const wait = parseRetryAfter(response.headers);
    const detail = await readErrorDetail(response, describeUrl(url));
    throw new RateLimitError(
      `Rate limited by ${url.host}${wait !== undefined ? `; retry after ${Math.ceil(wait / 1000)} s` : ""}`,
      wait,
      { cause: detail || undefined },
    );
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
    if (!response.ok) {
      const detail = await readErrorDetail(response, describeUrl(req.url));
      throw new InvalidResponseError(
        `${describeUrl(req.url)} answered HTTP ${response.status}`,
        response.status,
        { cause: detail.slice(0, 500) },
      );
    }
    const bytes = await this.bytes(response, req);
    return { status: response.status, text: new TextDecoder().decode(bytes) };
  }

  /** Reads a body within the request kind's cap; a body that stalls or breaks off becomes a typed error too. */
  async bytes(response: Response, req: HttpRequest): Promise<Uint8Array> {
    const url = req.url;
    try {
      return await readCappedBytes(response, this.limits[req.kind ?? "api"], describeUrl(url));
    } catch (cause) {
      if (cause instanceof TikTokLiveError) throw cause;
      const name = (cause as { name?: string })?.name;
      if (name === "TimeoutError")
        throw new TimeoutError(`${describeUrl(url)} stopped sending its response`, { cause });
      if (name === "AbortError") throw cause;
      throw networkError(url, describeUrl(url), cause, "Reading the response of");
    }
  }
}

function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

function safeUrl(location: string, base: URL): URL | undefined {
  try {
    const next = new URL(location, base);
    return next.protocol === "https:" || next.protocol === "http:" ? next : undefined;
  } catch {
    return undefined;
  }
}
