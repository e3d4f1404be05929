/**
 * A small SVG bar chart for docs/benchmarks.md: horizontal bars, one row per
 * value, rows in groups (a corpus, a scale mode), each bar's length
 * proportional to its value on one scale for the whole chart. Hand-written
 * so the benchmarks need no charting dependency; text is escaped, sizes are
 * fixed, so the output is the same for the same figures.
 */

export interface Bar {
  label: string;
  value: number;
  /** Shown at the bar's end instead of the bare value (e.g. "4.2× the connector"). */
  note?: string;
}

export interface BarGroup {
  title: string;
  bars: Bar[];
}

export interface BarChart {
  title: string;
  /** The values' unit, e.g. "frames/s" (in each bar's tooltip). */
  unit: string;
  /** The line under the title: how the values were measured, which way is better. */
  caption: string;
  groups: BarGroup[];
}

const width = 760;
const labelWidth = 300;
const noteWidth = 150;
const barArea = width - labelWidth - noteWidth - 20;
const rowHeight = 22;
const groupGap = 26;
const top = 48;
/** One hue per group, repeated past the fourth. */
const colours = ["#3b6fb6", "#d9822b", "#3a9d5d", "#8e5ab5"];

/** Text for an SVG text node or attribute value. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** A value as the chart prints it: thousands separated, at most two decimals below 100. */
export function formatValue(value: number): string {
  return value.toLocaleString("en-US", { maximumFractionDigits: Math.abs(value) < 100 ? 2 : 0 });
}

/** Length of a bar in pixels: proportional to `value` over the chart's largest value. */
export function barLength(value: number, max: number): number {
  if (!(max > 0) || !(value > 0)) return 0;
  return Math.round((Math.min(value, max) / max) * barArea * 10) / 10;
}

function text(x: number, y: number, content: string, attrs = ""): string {
  return `<text x="${x}" y="${y}"${attrs ? ` ${attrs}` : ""}>${escapeXml(content)}</text>`;
}

/** The chart as a standalone SVG document. */
export function renderBarChart(chart: BarChart): string {
  const values = chart.groups.flatMap((g) => g.bars.map((b) => b.value)).filter(Number.isFinite);
  const max = Math.max(0, ...values);
  const parts: string[] = [];
  let y = top;
  chart.groups.forEach((group, g) => {
    const colour = colours[g % colours.length]!;
    parts.push(text(10, y + 14, group.title, 'font-weight="bold"'));
    y += rowHeight;
    for (const bar of group.bars) {
      const length = barLength(bar.value, max);
      parts.push(text(labelWidth - 8, y + 15, bar.label, 'text-anchor="end"'));
      parts.push(
        `<rect x="${labelWidth}" y="${y + 3}" width="${length}" height="${rowHeight - 6}" fill="${colour}">` +
          `<title>${escapeXml(`${bar.label}: ${formatValue(bar.value)} ${chart.unit}`)}</title></rect>`,
      );
      parts.push(text(labelWidth + length + 6, y + 15, bar.note ?? formatValue(bar.value)));
      y += rowHeight;
    }
    y += groupGap - rowHeight / 2;
  });
  const height = y + 10;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
    // An accessible name for readers that cannot see the bars: the chart's title, first child as SVG wants.
    `font-family="sans-serif" font-size="12" role="img" aria-labelledby="chart-title">\n` +
    `<title id="chart-title">${escapeXml(`${chart.title}: ${chart.caption}`)}</title>\n` +
    `<rect width="${width}" height="${height}" fill="#ffffff"/>\n` +
    `${text(10, 20, chart.title, 'font-size="15" font-weight="bold"')}\n` +
    `${text(10, 38, chart.caption, 'fill="#555555"')}\n` +
    `${parts.join("\n")}\n</svg>\n`
  );
}
