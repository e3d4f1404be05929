import type { FetchLike, Logger } from "../capabilities.js";
import { SignBudget } from "../connection/sign-budget.js";
import { CookieJar } from "../http/cookie-jar.js";
import { HttpClient } from "../http/http-client.js";
import type { RouteContext } from "../http/routes/room-id.js";
import { fetchSignedConnection, type SignedConnection } from "../http/routes/sign-server.js";
import { webHeaders, webQueryParams } from "../http/web-defaults.js";
import type { ResolvedOptions, Secrets } from "./options.js";
import { withRetries } from "./retry.js";

/**
 * One client's side of TikTok's HTTP: the cookie jar with the session, the
 * HTTP client with the browser's headers, route contexts for every web call,
 * and signing the push connection under the sign budget.
 */
export class TikTokSession {
  readonly #options: ResolvedOptions;
  readonly #secrets: Secrets;
  readonly #logger: Logger;
  readonly #jar = new CookieJar();
  readonly #signBudget: SignBudget;
  readonly http: HttpClient;

  constructor(options: ResolvedOptions, secrets: Secrets, fetch: FetchLike, logger: Logger) {
    this.#options = options;
    this.#secrets = secrets;
    this.#logger = logger;
    this.#signBudget = new SignBudget(
      options.reconnect.maxSignRequestsPerMinute,
      options.reconnect.maxSignRequestsPerHour,
    );
    this.#jar.set("tt-target-idc", options.ttTargetIdc);
    for (const [k, v] of Object.entries(secrets.cookies)) this.#jar.set(k, v);
    if (secrets.sessionId) {
      for (const name of ["sessionid", "sessionid_ss", "sid_tt"]) this.#jar.set(name, secrets.sessionId);
    }
    this.http = new HttpClient({
      fetch,
      cookies: this.#jar,
      headers: webHeaders(options.userAgent),
      timeoutMs: options.requestTimeoutMs,
      responseLimits: options.maxResponseBytes,
    });
  }

  /** Whether a session id was given (the user is logged in). */
  get authenticated(): boolean {
    return this.#secrets.sessionId !== undefined;
  }

  /** The sign server's API key, when one was given. */
  get signApiKey(): string | undefined {
    return this.#secrets.signApiKey;
  }

  /** The session id, when one was given (only for routes that need it, such as sending a comment). */
  get sessionId(): string | undefined {
    return this.#secrets.sessionId;
  }

  /** What every web route needs: the HTTP client, base URLs and the browser's query parameters. */
  routes(signal?: AbortSignal): RouteContext {
    return {
      http: this.http,
      baseUrls: this.#options.baseUrls,
      params: webQueryParams(this.#options.userAgent, this.#options.locale, this.authenticated),
      ...(signal ? { signal } : {}),
    };
  }

  /** The Cookie header of the WebSocket handshake. */
  handshakeCookies(): string {
    return this.#jar.handshakeHeader();
  }

  /** Signs, retrying transient failures; `retry: false` when an outer reconnect loop already retries. */
  sign(roomId: string, cursor: string, signal: AbortSignal, retry = true): Promise<SignedConnection> {
    const options = this.#options;
    const session =
      options.sendSessionToSignServer && this.#secrets.sessionId
        ? { sessionId: this.#secrets.sessionId, ttTargetIdc: options.ttTargetIdc }
        : undefined;
    const sign = () => {
      // Every request counts, retries included: the ceiling no server behaviour can get around.
      this.#signBudget.take();
      return fetchSignedConnection(this.routes(signal), this.#jar, {
        roomId,
        userAgent: options.userAgent,
        ...(this.#secrets.signApiKey ? { apiKey: this.#secrets.signApiKey } : {}),
        ...(cursor ? { cursor } : {}),
        ...(session ? { session } : {}),
        pushHosts: options.pushHosts,
      });
    };
    const policy = options.reconnect;
    return withRetries(sign, {
      policy: retry && policy.enabled ? policy : { ...policy, maxAttempts: 0 },
      maxRetryAfterMs: options.maxRetryAfterMs,
      logger: this.#logger,
      signal,
    });
  }
}
