import type { ScaleModeFigures } from "./scale.js";

/** Number formats shared by the text report, the markdown report and the targets. */
export const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;
export const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
export const fixed = (n: number, digits = 0): string =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits });
export const x = (n: number): string => `${n.toFixed(2)}×`;
export const pct = (n: number): string => `${(100 * n).toFixed(0)} %`;

export const modeLabel: Record<ScaleModeFigures["mode"], string> = {
  staggered: "independent streams (frames spread over time)",
  broadcast: "one room broadcast (every client gets each frame at once)",
};
