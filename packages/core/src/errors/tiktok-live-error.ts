/**
 * Root of every error the library throws or reports. `code` is stable and
 * meant for `switch`; the message is for people. The original failure, when
 * there is one, is kept as `cause`.
 */
export class TikTokLiveError extends Error {
  override readonly name: string = "TikTokLiveError";
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
