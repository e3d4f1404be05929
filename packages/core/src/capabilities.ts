/**
 * What the core needs from a runtime. Adapters (`@tiktok-live/node`,
 * `@tiktok-live/deno-bun`) provide these; tests inject their own.
 */

/**
 * Decompresses a gzip member. Must throw (or reject) when the output would
 * exceed `maxOutputBytes`, so a hostile frame cannot exhaust memory.
 */
export type Gunzip = (data: Uint8Array, maxOutputBytes: number) => Uint8Array | Promise<Uint8Array>;

/** The subset of the WHATWG WebSocket the client uses. */
export interface SocketLike {
  binaryType: string;
  readonly readyState: number;
  send(data: Uint8Array): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

/** What the client asks for when opening the push connection. */
export interface SocketRequest {
  url: string;
  /** Sent where the runtime allows request headers on a WebSocket (Node, Bun); browsers and Deno ignore them. */
  headers: Record<string, string>;
  protocols?: string[];
  /**
   * The largest message the client accepts (`limits.maxFrameBytes`). Adapters
   * whose WebSocket can cap messages set it as that cap, so a bigger frame
   * ends the connection the same way whatever its size.
   */
  maxMessageBytes?: number;
}

/**
 * Opens a WebSocket. May return a promise, so an adapter can import its
 * WebSocket implementation on the first connection instead of at start-up.
 */
export type WebSocketFactory = (request: SocketRequest) => SocketLike | Promise<SocketLike>;

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Minimal logger; `console` fits. Messages never contain secrets. */
export interface Logger {
  debug(message: string, ...args: unknown[]): void;
  info(message: string, ...args: unknown[]): void;
  warn(message: string, ...args: unknown[]): void;
  error(message: string, ...args: unknown[]): void;
}

export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};

/** What each runtime adapter supplies to the client. */
export interface ClientCapabilities {
  fetch: FetchLike;
  webSocketFactory: WebSocketFactory;
  gunzip: Gunzip;
}

/** Whether a capability answered with a promise (or any thenable) rather than a value. */
export function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}
