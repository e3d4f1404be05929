import type { FetchLike, Gunzip, Logger, WebSocketFactory } from "../capabilities.js";
import { defaultReconnectPolicy, type ReconnectPolicy } from "../connection/reconnect-policy.js";
import { InvalidOptionError } from "../errors/errors.js";
import { type BaseUrls, tiktokBaseUrls } from "../http/base-urls.js";
import { defaultResponseSizeLimits, type ResponseSizeLimits } from "../http/body-reader.js";
import { defaultLocale, defaultUserAgent, type LocaleSettings } from "../http/web-defaults.js";
import { defaultFrameLimits, type FrameLimits } from "../ws/push-frame.js";
import { baseUrlHost, type PushHostPolicy, tiktokPushDomains } from "../ws/push-host.js";
import * as check from "./option-checks.js";

export interface TikTokLiveClientOptions {
  /** `sessionid` cookie of a logged-in account: needed for 18+ rooms and for sending chat. */
  sessionId?: string;
  /** Data centre of that account (cookie `tt-target-idc`), e.g. `useast1a` or `eu-ttp2`. */
  ttTargetIdc?: string;
  /** Extra cookies sent to TikTok hosts. */
  cookies?: Record<string, string>;
  /** API key of the sign server (`X-Api-Key`). */
  signApiKey?: string;
  /** Let the sign server see the session id (needed by some sign server features). Off by default. */
  sendSessionToSignServer?: boolean;
  /** Replace any of TikTok's hosts, e.g. with the simulator's or a proxy's. */
  baseUrls?: Partial<BaseUrls>;
  /**
   * Skip room id resolution when you already know it: a string (or bigint) of
   * digits. Numbers are refused: room ids pass 2^53, so a number may be rounded.
   */
  roomId?: string | bigint;
  /**
   * Extra hosts the push connection (which carries the session cookies) may
   * use besides TikTok's push domains and the hosts of `baseUrls.web` and
   * `baseUrls.webcast`: `"push.example.com"`, `"push.example.com:8443"`,
   * `"*.example.com"` (over `wss:`), or `"ws://127.0.0.1:8080"` to allow plain `ws:`.
   */
  trustedPushHosts?: string[];
  fetch?: FetchLike;
  webSocketFactory?: WebSocketFactory;
  gunzip?: Gunzip;
  /** Fetch room info on connect (also detects 18+ rooms). Default true. */
  fetchRoomInfoOnConnect?: boolean;
  /** Fetch the gift list on connect into `availableGifts`. Default false. */
  fetchGiftListOnConnect?: boolean;
  /** Ask `check_alive` before signing, so an offline user fails fast. Default true. */
  checkLiveOnConnect?: boolean;
  /** Emit the events of the batch that comes with the signature (recent comments etc.). Default true. */
  processInitialData?: boolean;
  heartbeatIntervalMs?: number;
  /** A socket with no frame for this long is treated as dead. Default 3 heartbeats. */
  silenceTimeoutMs?: number;
  requestTimeoutMs?: number;
  /**
   * The longest `Retry-After` (or rate-limit reset) the client waits for.
   * Asked to wait longer, it gives up with a RateLimitError whose `retryAt`
   * says when to try again. Default 5 minutes.
   */
  maxRetryAfterMs?: number;
  reconnect?: Partial<ReconnectPolicy>;
  userAgent?: string;
  locale?: Partial<LocaleSettings>;
  limits?: Partial<FrameLimits>;
  /**
   * Size caps of HTTP response bodies, in bytes: reading stops (and the rest
   * is never downloaded) past them, with a ResponseTooLargeError. Defaults:
   * 8 MiB for pages, APIs and the sign server, 16 MiB for images.
   */
  maxResponseBytes?: Partial<ResponseSizeLimits>;
  /** Events allowed to wait for slow async handlers before the oldest is dropped. Default 10,000. */
  maxQueuedEvents?: number;
  /** Message ids remembered to drop repeats across reconnects. Default 4,096. */
  dedupeCapacity?: number;
  logger?: Logger;
  /** Sees every binary WebSocket message as received, before decoding (for recording). */
  onRawFrame?: (bytes: Uint8Array) => void;
}

/** Options after defaults and validation; secrets are split off so this object is safe to print. */
export interface ResolvedOptions {
  uniqueId: string;
  roomId?: string;
  baseUrls: BaseUrls;
  /** Where the push handshake may go (see `trustedPushHosts`). */
  pushHosts: PushHostPolicy;
  fetchRoomInfoOnConnect: boolean;
  fetchGiftListOnConnect: boolean;
  checkLiveOnConnect: boolean;
  processInitialData: boolean;
  heartbeatIntervalMs: number;
  silenceTimeoutMs: number;
  requestTimeoutMs: number;
  maxRetryAfterMs: number;
  reconnect: ReconnectPolicy;
  userAgent: string;
  locale: LocaleSettings;
  limits: FrameLimits;
  maxResponseBytes: ResponseSizeLimits;
  maxQueuedEvents: number;
  dedupeCapacity: number;
  ttTargetIdc: string;
  sendSessionToSignServer: boolean;
}

export interface Secrets {
  sessionId?: string;
  signApiKey?: string;
  cookies: Record<string, string>;
}

const uniqueIdPattern = /^[A-Za-z0-9_.]{1,24}$/;

/** Accepts `user`, `@user` or a profile/live URL and returns `user`, or says what is wrong. */
export function normalizeUniqueId(input: string): string {
  if (typeof input !== "string" || input.trim() === "") {
    throw new InvalidOptionError('uniqueId is required: pass the TikTok username, e.g. "@tv_asahi_news"');
  }
  let id = input.trim();
  const fromUrl = /tiktok\.com\/@([^/?#]+)/.exec(id);
  if (fromUrl) id = fromUrl[1]!;
  id = id.replace(/^@/, "");
  if (!uniqueIdPattern.test(id)) {
    throw new InvalidOptionError(
      `"${input}" is not a TikTok username: use 1–24 letters, digits, "_" or "." (with or without a leading @)`,
    );
  }
  return id;
}

export function resolveOptions(
  uniqueIdInput: string,
  options: TikTokLiveClientOptions = {},
): { resolved: ResolvedOptions; secrets: Secrets } {
  if (options === null || typeof options !== "object")
    throw new InvalidOptionError("options must be an object");
  const uniqueId = normalizeUniqueId(uniqueIdInput);
  if ("proxy" in options && options.proxy !== undefined) {
    // The Node adapter takes `proxy` before the core sees the options; anywhere else it would be ignored.
    throw new InvalidOptionError(
      "proxy is not supported by this runtime's client: pass your own fetch and webSocketFactory that go through the proxy",
    );
  }
  for (const group of ["baseUrls", "reconnect", "limits", "maxResponseBytes", "locale"] as const)
    check.optionalObject(group, options[group]);
  const baseUrls = resolveBaseUrls(options.baseUrls);
  const roomId = check.roomId(options.roomId);
  const credentials = checkCredentials(options);
  checkCallables(options);
  const heartbeatIntervalMs = check.positive("heartbeatIntervalMs", options.heartbeatIntervalMs, 10_000);
  const reconnect = resolveReconnect(options.reconnect);
  const limits = { ...defaultFrameLimits, ...options.limits };
  check.positive("limits.maxFrameBytes", limits.maxFrameBytes, 1, "bytes");
  check.positive("limits.maxDecompressedBytes", limits.maxDecompressedBytes, 1, "bytes");
  const maxResponseBytes = { ...defaultResponseSizeLimits, ...options.maxResponseBytes };
  for (const [k, v] of Object.entries(maxResponseBytes))
    check.positive(`maxResponseBytes.${k}`, v, 1, "bytes");
  const locale = { ...defaultLocale, ...options.locale };
  for (const [k, v] of Object.entries(locale)) check.plainString(`locale.${k}`, v);
  const resolved: ResolvedOptions = {
    uniqueId,
    ...(roomId ? { roomId } : {}),
    baseUrls,
    pushHosts: resolvePushHosts(options.trustedPushHosts, baseUrls),
    fetchRoomInfoOnConnect: check.boolean("fetchRoomInfoOnConnect", options.fetchRoomInfoOnConnect, true),
    fetchGiftListOnConnect: check.boolean("fetchGiftListOnConnect", options.fetchGiftListOnConnect, false),
    checkLiveOnConnect: check.boolean("checkLiveOnConnect", options.checkLiveOnConnect, true),
    processInitialData: check.boolean("processInitialData", options.processInitialData, true),
    heartbeatIntervalMs,
    silenceTimeoutMs: check.positive("silenceTimeoutMs", options.silenceTimeoutMs, heartbeatIntervalMs * 3),
    requestTimeoutMs: check.positive("requestTimeoutMs", options.requestTimeoutMs, 10_000),
    maxRetryAfterMs: check.positive("maxRetryAfterMs", options.maxRetryAfterMs, 5 * 60_000),
    reconnect,
    userAgent: check.headerSafe("userAgent", options.userAgent, defaultUserAgent),
    locale,
    limits,
    maxResponseBytes,
    maxQueuedEvents: check.positive("maxQueuedEvents", options.maxQueuedEvents, 10_000, "events"),
    dedupeCapacity: check.positive("dedupeCapacity", options.dedupeCapacity, 4096, "ids"),
    ttTargetIdc: credentials.ttTargetIdc ?? "useast1a",
    sendSessionToSignServer: check.boolean("sendSessionToSignServer", options.sendSessionToSignServer, false),
  };
  const { sessionId, signApiKey } = credentials;
  const secrets: Secrets = {
    ...(sessionId ? { sessionId } : {}),
    ...(signApiKey ? { signApiKey } : {}),
    cookies: check.cookieMap(options.cookies),
  };
  return { resolved, secrets };
}

function resolveBaseUrls(given: Partial<BaseUrls> | undefined): BaseUrls {
  const base = { ...tiktokBaseUrls, ...given };
  return {
    web: check.baseUrl("web", base.web),
    webcast: check.baseUrl("webcast", base.webcast),
    signServer: check.baseUrl("signServer", base.signServer),
  };
}

/** The session cookie, the data centre and the sign-server key: values that end up in headers. */
function checkCredentials(options: TikTokLiveClientOptions): {
  sessionId: string | undefined;
  ttTargetIdc: string | undefined;
  signApiKey: string | undefined;
} {
  const sessionId = check.cookieValue(
    "sessionId",
    options.sessionId,
    /^[A-Za-z0-9_-]+$/,
    "the value of the `sessionid` cookie (letters, digits, - and _)",
  );
  const ttTargetIdc = check.cookieValue(
    "ttTargetIdc",
    options.ttTargetIdc,
    /^[A-Za-z0-9_-]{1,64}$/,
    'a data centre name such as "useast1a" or "eu-ttp2" (letters, digits, - and _)',
  );
  const signApiKey =
    options.signApiKey === undefined ? undefined : check.headerSafe("signApiKey", options.signApiKey, "");
  return { sessionId, ttTargetIdc, signApiKey };
}

/** Injected functions and the logger: checked now, so a wrong one fails at construction, not mid-stream. */
function checkCallables(options: TikTokLiveClientOptions): void {
  for (const name of ["fetch", "webSocketFactory", "gunzip", "onRawFrame"] as const)
    check.optionalFunction(name, options[name]);
  if (options.logger !== undefined) {
    const logger = options.logger as unknown as Record<string, unknown> | null;
    if (!logger || ["debug", "info", "warn", "error"].some((m) => typeof logger[m] !== "function"))
      throw new InvalidOptionError("logger must have debug, info, warn and error methods (console fits)");
  }
}

function resolveReconnect(given: Partial<ReconnectPolicy> | undefined): ReconnectPolicy {
  const reconnect = { ...defaultReconnectPolicy, ...given };
  reconnect.enabled = check.boolean("reconnect.enabled", reconnect.enabled, true);
  if (!Number.isInteger(reconnect.maxAttempts) || reconnect.maxAttempts < 0) {
    throw new InvalidOptionError(
      `reconnect.maxAttempts must be a whole number ≥ 0 (got ${reconnect.maxAttempts})`,
    );
  }
  check.positive("reconnect.initialDelayMs", reconnect.initialDelayMs, 1);
  check.positive("reconnect.maxDelayMs", reconnect.maxDelayMs, 1);
  check.optionalFunction("reconnect.random", reconnect.random);
  return reconnect;
}

/** TikTok's push domains, the hosts the user trusts, and the hosts they chose for TikTok's own routes. */
function resolvePushHosts(trustedPushHosts: unknown, baseUrls: BaseUrls): PushHostPolicy {
  const trusted = check.pushHosts(trustedPushHosts);
  // The user chose these hosts for TikTok's own routes; the sign server is not among them.
  const configured = [baseUrlHost(baseUrls.web), baseUrlHost(baseUrls.webcast)];
  return {
    domains: tiktokPushDomains,
    secureHosts: [...trusted.secure, ...configured.filter((c) => !c.plain).map((c) => c.host)],
    plainHosts: [...trusted.plain, ...configured.filter((c) => c.plain).map((c) => c.host)],
  };
}
