/**
 * Keeps every decoder's field `switch` a jump table. V8 compiles a `switch`
 * over small integers into one only when its cases are dense: at least 6 of
 * them, spanning fewer than 3 values per case. Otherwise it compares the field
 * number with case after case. TikTok numbers most fields from 1 but adds
 * some in the 1000s: `User` has 117 cases up to field 1092, so finding field
 * 1028 took 21 ns against about 1 ns in a table (benchmark findings, seventh
 * round).
 *
 * A sparse switch is split into dense clusters of field numbers: the first
 * cluster (the lowest numbers, the most frequent fields) stays in the switch,
 * the next ones go into nested switches under `default:`. A `break` in a
 * nested case leaves the nested switch and, being in the last clause, the
 * outer one with it, so control reaches the same statement after the switch
 * as before; `continue` still continues the field loop.
 *
 * Works on ts-proto's formatting (the switch at 8 spaces, its cases at 10),
 * after tolerant-decode.ts and lazy-nested.ts, which keep that shape.
 */

import { caseBlock } from "./tolerant-decode.js";

/** V8's conditions for a jump table (bytecode generator flags `switch_table_min_cases` and `…_spread_threshold`). */
const minCases = 6;
const maxSpreadPerCase = 3;

const switchBlock = /^( {8})switch \(tag >>> 3\) \{\n([\s\S]*?)^\1\}\n/gm;

interface Case {
  field: number;
  text: string;
}

/** Whether `count` cases spread over `span` consecutive values are few enough per value for a table. */
const tableSpread = (span: number, count: number): boolean => span < maxSpreadPerCase * count;

const isDense = (fields: number[]): boolean =>
  fields.length >= minCases && tableSpread(Math.max(...fields) - Math.min(...fields) + 1, fields.length);

/**
 * Groups field numbers, ascending, into runs that each pass V8's density test
 * (a run too small to pass is kept as it is: a short linear switch is cheap).
 */
export function denseClusters(fields: number[]): number[][] {
  const sorted = [...fields].sort((a, b) => a - b);
  const clusters: number[][] = [];
  let current: number[] = [];
  for (const field of sorted) {
    const start = current[0];
    if (start !== undefined && !tableSpread(field - start + 1, current.length + 1)) {
      clusters.push(current);
      current = [];
    }
    current.push(field);
  }
  if (current.length > 0) clusters.push(current);
  return clusters;
}

const indent = (text: string, by: number): string => text.replace(/^(?=.)/gm, " ".repeat(by));

/** The cases of `clusters[at…]`, the first cluster's cases here and the others nested under `default:`. */
function render(clusters: Case[][], at: number): string {
  const here = clusters[at]!.map((c) => c.text).join("");
  if (at + 1 === clusters.length) return here;
  const nested = indent(render(clusters, at + 1), 4);
  return `${here}          default:\n            switch (tag >>> 3) {\n${nested}            }\n`;
}

/** Rewrites one switch body (its cases) when it is sparse. */
function densify(body: string): string {
  const cases: Case[] = [...body.matchAll(caseBlock)].map((m) => ({ field: Number(m[2]), text: m[0] }));
  // Anything besides case blocks (a default clause, a comment) means the shape is not ts-proto's.
  if (cases.map((c) => c.text).join("") !== body) throw new Error("dense-switch: unrecognised decode switch");
  const fields = cases.map((c) => c.field);
  if (fields.length < 2 * minCases || isDense(fields)) return body;
  const clusters = denseClusters(fields);
  if (clusters.length < 2) return body;
  const clusterOf = new Map<number, number>();
  clusters.forEach((cluster, i) => {
    for (const field of cluster) clusterOf.set(field, i);
  });
  // Cases keep their order within a cluster (ts-proto's schema order).
  const grouped: Case[][] = clusters.map(() => []);
  for (const c of cases) grouped[clusterOf.get(c.field)!]!.push(c);
  return render(grouped, 0);
}

/** Applies the rewrite to every decode switch of one generated codec file. */
export function denseSwitch(text: string): string {
  return text.replace(
    switchBlock,
    (_, open: string, body: string) => `${open}switch (tag >>> 3) {\n${densify(body)}${open}}\n`,
  );
}
