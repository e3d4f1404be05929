/**
 * The longest delay `setTimeout` can hold: 2^31 − 1 ms (about 24.8 days).
 * Every runtime stores the delay in a signed 32-bit integer and turns a longer
 * one into 1 ms, so an unchecked `Retry-After: 99999999` would fire at once.
 */
export const maxTimerDelayMs = 2 ** 31 - 1;

/** A delay `setTimeout` keeps as given: NaN and negatives become 0, anything longer the maximum. */
export function clampDelay(ms: number): number {
  if (!(ms > 0)) return 0;
  return Math.min(ms, maxTimerDelayMs);
}
