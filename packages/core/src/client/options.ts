import type { FetchLike, Gunzip, Logger, WebSocketFactory } from "../capabilities.js";
import { defaultReconnectPolicy, type ReconnectPolicy } from "../connection/reconnect-policy.js";
import { InvalidOptionError } from "../errors/errors.js";
import { type BaseUrls, tiktokBaseUrls } from "../http/base-urls.js";
import { defaultLocale, defaultUserAgent, type LocaleSettings } from "../http/web-defaults.js";
import { defaultFrameLimits, type FrameLimits } from "../ws/push-frame.js";

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
  /** Skip room id resolution when you already know it. */
  roomId?: string;
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
  reconnect?: Partial<ReconnectPolicy>;
  userAgent?: string;
  locale?: Partial<LocaleSettings>;
  limits?: Partial<FrameLimits>;
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
  fetchRoomInfoOnConnect: boolean;
  fetchGiftListOnConnect: boolean;
  checkLiveOnConnect: boolean;
  processInitialData: boolean;
  heartbeatIntervalMs: number;
  silenceTimeoutMs: number;
  requestTimeoutMs: number;
  reconnect: ReconnectPolicy;
  userAgent: string;
  locale: LocaleSettings;
  limits: FrameLimits;
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

function positive(
  name: string,
  value: number | undefined,
  fallback: number,
  unit: "milliseconds" | "bytes" | "events" | "ids" = "milliseconds",
): number {
  if (value === undefined) return fallback;
  const whole = unit === "events" || unit === "ids";
  if (
    typeof value !== "number" ||
    !Number.isFinite(value) ||
    value <= 0 ||
    (whole && !Number.isInteger(value))
  ) {
    throw new InvalidOptionError(
      `${name} must be a positive ${whole ? "whole " : ""}number of ${unit} (got ${String(value)})`,
    );
  }
  return value;
}

function checkUrl(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidOptionError(`baseUrls.${name} is not a valid URL: "${value}"`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new InvalidOptionError(`baseUrls.${name} must be an http(s) URL (got ${url.protocol})`);
  }
  return value.replace(/\/+$/, "");
}

export function resolveOptions(
  uniqueIdInput: string,
  options: TikTokLiveClientOptions = {},
): { resolved: ResolvedOptions; secrets: Secrets } {
  if (options === null || typeof options !== "object")
    throw new InvalidOptionError("options must be an object");
  const uniqueId = normalizeUniqueId(uniqueIdInput);
  const base = { ...tiktokBaseUrls, ...options.baseUrls };
  const baseUrls: BaseUrls = {
    web: checkUrl("web", base.web),
    webcast: checkUrl("webcast", base.webcast),
    signServer: checkUrl("signServer", base.signServer),
  };
  if (options.roomId !== undefined && !/^\d+$/.test(options.roomId)) {
    throw new InvalidOptionError(`roomId must be a string of digits (got "${options.roomId}")`);
  }
  if (
    options.sessionId !== undefined &&
    (typeof options.sessionId !== "string" || !/^[A-Za-z0-9_-]+$/.test(options.sessionId))
  ) {
    throw new InvalidOptionError(
      "sessionId must be the value of the `sessionid` cookie (letters, digits, - and _)",
    );
  }
  const heartbeatIntervalMs = positive("heartbeatIntervalMs", options.heartbeatIntervalMs, 10_000);
  const reconnect = { ...defaultReconnectPolicy, ...options.reconnect };
  if (!Number.isInteger(reconnect.maxAttempts) || reconnect.maxAttempts < 0) {
    throw new InvalidOptionError(
      `reconnect.maxAttempts must be a whole number ≥ 0 (got ${reconnect.maxAttempts})`,
    );
  }
  positive("reconnect.initialDelayMs", reconnect.initialDelayMs, 1);
  positive("reconnect.maxDelayMs", reconnect.maxDelayMs, 1);
  const limits = { ...defaultFrameLimits, ...options.limits };
  positive("limits.maxFrameBytes", limits.maxFrameBytes, 1, "bytes");
  positive("limits.maxDecompressedBytes", limits.maxDecompressedBytes, 1, "bytes");
  const resolved: ResolvedOptions = {
    uniqueId,
    ...(options.roomId ? { roomId: options.roomId } : {}),
    baseUrls,
    fetchRoomInfoOnConnect: options.fetchRoomInfoOnConnect ?? true,
    fetchGiftListOnConnect: options.fetchGiftListOnConnect ?? false,
    checkLiveOnConnect: options.checkLiveOnConnect ?? true,
    processInitialData: options.processInitialData ?? true,
    heartbeatIntervalMs,
    silenceTimeoutMs: positive("silenceTimeoutMs", options.silenceTimeoutMs, heartbeatIntervalMs * 3),
    requestTimeoutMs: positive("requestTimeoutMs", options.requestTimeoutMs, 10_000),
    reconnect,
    userAgent: options.userAgent ?? defaultUserAgent,
    locale: { ...defaultLocale, ...options.locale },
    limits,
    maxQueuedEvents: positive("maxQueuedEvents", options.maxQueuedEvents, 10_000, "events"),
    dedupeCapacity: positive("dedupeCapacity", options.dedupeCapacity, 4096, "ids"),
    ttTargetIdc: options.ttTargetIdc ?? "useast1a",
    sendSessionToSignServer: options.sendSessionToSignServer ?? false,
  };
  const secrets: Secrets = {
    ...(options.sessionId ? { sessionId: options.sessionId } : {}),
    ...(options.signApiKey ? { signApiKey: options.signApiKey } : {}),
    cookies: { ...options.cookies },
  };
  return { resolved, secrets };
}
