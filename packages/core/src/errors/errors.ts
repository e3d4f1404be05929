import { TikTokLiveError } from "./tiktok-live-error.js";

export { TikTokLiveError };

/** The profile or API says this user does not exist (or has never been live). */
export class UserNotFoundError extends TikTokLiveError {
  override readonly name = "UserNotFoundError";
  constructor(
    readonly uniqueId: string,
    options?: { cause?: unknown },
  ) {
    super("USER_NOT_FOUND", `TikTok user @${uniqueId} was not found or has never been live`, options);
  }
}

/** The user exists but is not live right now. */
export class UserOfflineError extends TikTokLiveError {
  override readonly name = "UserOfflineError";
  constructor(
    readonly uniqueId: string,
    options?: { cause?: unknown },
  ) {
    super("USER_OFFLINE", `@${uniqueId} is not live right now`, options);
  }
}

/** The room is 18+ or otherwise needs a logged-in session (pass `sessionId`). */
export class AgeRestrictedError extends TikTokLiveError {
  override readonly name = "AgeRestrictedError";
  constructor(
    message = "This LIVE is age-restricted: pass a sessionId of a logged-in account",
    options?: { cause?: unknown },
  ) {
    super("AGE_RESTRICTED", message, options);
  }
}

/** The sign server refused or failed. `status` is its HTTP status when there was one. */
export class SignServerError extends TikTokLiveError {
  override readonly name = "SignServerError";
  constructor(
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super("SIGN_SERVER", message, options);
  }
}

/**
 * HTTP 429. `retryAfter` is in milliseconds when the response said how long to
 * wait, and `retryAt` is that moment as a Date.
 */
export class RateLimitError extends TikTokLiveError {
  override readonly name = "RateLimitError";
  readonly retryAt: Date | undefined;
  constructor(
    message: string,
    readonly retryAfter?: number,
    options?: { cause?: unknown; retryAt?: Date },
  ) {
    super("RATE_LIMITED", message, options);
    const at = options?.retryAt ?? (retryAfter !== undefined ? new Date(Date.now() + retryAfter) : undefined);
    // A wait beyond the Date range (a hostile Retry-After) has no moment to name.
    this.retryAt = at && !Number.isNaN(at.getTime()) ? at : undefined;
  }
}

/**
 * A request failed before any response: refused, unknown host, TLS, reset.
 * `host` is the host asked; `reason` the underlying cause's code or message
 * (e.g. `ECONNREFUSED`), found however deep the runtime nested it.
 */
export class NetworkError extends TikTokLiveError {
  override readonly name = "NetworkError";
  constructor(
    message: string,
    readonly host: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super("NETWORK", message, options);
  }
}

/** A response body passed its size cap; reading stopped there and the rest was not downloaded. */
export class ResponseTooLargeError extends TikTokLiveError {
  override readonly name = "ResponseTooLargeError";
  constructor(
    message: string,
    readonly limit: number,
    options?: { cause?: unknown },
  ) {
    super("RESPONSE_TOO_LARGE", message, options);
  }
}

/**
 * A host the client refused to send the session to: the sign server named a
 * push server that is neither `wss:` on a TikTok push domain nor a host the
 * user configured.
 */
export class UntrustedHostError extends TikTokLiveError {
  override readonly name = "UntrustedHostError";
  constructor(
    message: string,
    readonly host: string,
    readonly reason: string,
  ) {
    super("UNTRUSTED_HOST", message);
  }
}

/** TikTok answered with a captcha or a page without the expected data: the client is being blocked. */
export class BlockedError extends TikTokLiveError {
  override readonly name = "BlockedError";
  constructor(message: string, options?: { cause?: unknown }) {
    super("BLOCKED", message, options);
  }
}

/** A response that could not be understood (bad JSON, missing fields, unexpected status). */
export class InvalidResponseError extends TikTokLiveError {
  override readonly name = "InvalidResponseError";
  constructor(
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super("INVALID_RESPONSE", message, options);
  }
}

/** A request did not finish within its timeout. */
export class TimeoutError extends TikTokLiveError {
  override readonly name = "TimeoutError";
  constructor(message: string, options?: { cause?: unknown }) {
    super("TIMEOUT", message, options);
  }
}

/** The WebSocket was rejected or closed unexpectedly. */
export class WebSocketClosedError extends TikTokLiveError {
  override readonly name = "WebSocketClosedError";
  constructor(
    message: string,
    readonly closeCode?: number,
    readonly reason?: string,
    options?: { cause?: unknown },
  ) {
    super("WEBSOCKET_CLOSED", message, options);
  }
}

/** A push frame or message could not be decoded. The connection goes on. */
export class DecodeError extends TikTokLiveError {
  override readonly name = "DecodeError";
  constructor(
    message: string,
    readonly method: string,
    readonly byteLength: number,
    options?: { cause?: unknown },
  ) {
    super("DECODE", message, options);
  }
}

/** A handler threw or rejected. `event` is the event it was handling. */
export class HandlerError extends TikTokLiveError {
  override readonly name = "HandlerError";
  constructor(
    readonly event: unknown,
    options?: { cause?: unknown },
  ) {
    super("HANDLER", `An event handler failed: ${describe(options?.cause)}`, options);
  }
}

/** An option or argument is invalid; the message says what to change. */
export class InvalidOptionError extends TikTokLiveError {
  override readonly name = "InvalidOptionError";
  constructor(message: string) {
    super("INVALID_OPTION", message);
  }
}

/** The operation needs a logged-in session (`sessionId`). */
export class NotAuthenticatedError extends TikTokLiveError {
  override readonly name = "NotAuthenticatedError";
  constructor(message: string) {
    super("NOT_AUTHENTICATED", message);
  }
}

/** A method was called in a state that does not allow it. */
export class InvalidStateError extends TikTokLiveError {
  override readonly name = "InvalidStateError";
  constructor(message: string) {
    super("INVALID_STATE", message);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Which limit of the reconnect budget ran out. */
export type ReconnectBudgetLimit = "attempts" | "sign-per-minute" | "sign-per-hour";

/**
 * The client stopped reconnecting because its budget ran out: too many
 * attempts without a healthy session, or too many sign requests in a minute
 * or an hour. `retryAt` says when the sign budget has room again (for the
 * sign limits). The last failure, when there was one, is the `cause`.
 */
export class ReconnectBudgetError extends TikTokLiveError {
  override readonly name = "ReconnectBudgetError";
  constructor(
    message: string,
    readonly limit: ReconnectBudgetLimit,
    readonly retryAt?: Date,
    options?: { cause?: unknown },
  ) {
    super("RECONNECT_BUDGET", message, options);
  }
}
