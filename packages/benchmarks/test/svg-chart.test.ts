import { describe, expect, it } from "vitest";
import { barLength, escapeXml, renderBarChart } from "../src/svg-chart.js";

/** Width of every bar (`<rect … width="…" fill=…>`, not the background) in document order. */
const barWidths = (svg: string) =>
  [...svg.matchAll(/<rect x="\d+" y="[\d.]+" width="([\d.]+)"/g)].map((m) => Number(m[1]));

describe("renderBarChart", () => {
  it("draws bars proportional to their values, on one scale across groups", () => {
    const svg = renderBarChart({
      title: "throughput",
      unit: "frames/s",
      caption: "higher is better",
      groups: [
        {
          title: "light",
          bars: [
            { label: "a", value: 400 },
            { label: "b", value: 100 },
          ],
        },
        {
          title: "realistic",
          bars: [
            { label: "a", value: 200 },
            { label: "b", value: 0 },
          ],
        },
      ],
    });
    const [a1, b1, a2, b2] = barWidths(svg);
    expect(a1).toBeGreaterThan(0);
    expect(b1! / a1!).toBeCloseTo(0.25, 2);
    expect(a2! / a1!).toBeCloseTo(0.5, 2);
    expect(b2).toBe(0);
    expect(svg.startsWith("<svg ")).toBe(true);
    // Screen readers (and biome's a11y lint over docs/benchmarks/*.svg) need a title as the first child.
    expect(svg.split("\n")[1]).toBe('<title id="chart-title">throughput: higher is better</title>');
    expect(svg.split("\n")[0]).toContain('role="img" aria-labelledby="chart-title"');
    expect(svg.trim().endsWith("</svg>")).toBe(true);
  });

  it("escapes labels, titles and notes", () => {
    const svg = renderBarChart({
      title: "a < b & c",
      unit: "ms",
      caption: 'ms "p99"',
      groups: [{ title: "<group>", bars: [{ label: "x<y", value: 1, note: "1 > 0" }] }],
    });
    expect(svg).not.toMatch(/a < b|<group>|x<y|1 > 0|"p99"/);
    expect(svg).toContain("a &lt; b &amp; c");
    expect(svg).toContain("x&lt;y");
    expect(svg).toContain("1 &gt; 0");
    expect(svg).toContain("&quot;p99&quot;");
  });

  it("prints the note instead of the value when there is one", () => {
    const svg = renderBarChart({
      title: "t",
      unit: "u",
      caption: "c",
      groups: [
        {
          title: "g",
          bars: [
            { label: "l", value: 1234.5, note: "3.1× the connector" },
            { label: "m", value: 1234.5 },
          ],
        },
      ],
    });
    expect(svg).toContain(">3.1× the connector<");
    expect(svg).toContain(">1,235<");
  });
});

describe("barLength", () => {
  it("is zero for zero, negative or non-finite values and never longer than the largest", () => {
    expect(barLength(0, 10)).toBe(0);
    expect(barLength(-1, 10)).toBe(0);
    expect(barLength(Number.NaN, 10)).toBe(0);
    expect(barLength(5, 0)).toBe(0);
    expect(barLength(20, 10)).toBe(barLength(10, 10));
    expect(barLength(5, 10) * 2).toBeCloseTo(barLength(10, 10), 0);
  });
});

describe("escapeXml", () => {
  it("escapes the five XML special characters", () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;");
  });
});
