// `pnpm fuzz`: 100,000 cases of the frame-path property, with a random seed printed for replay.
import fc from "fast-check";
import { framePathProperty } from "./frame-path.js";

const runs = Number(process.env.FUZZ_RUNS ?? 100_000);
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const started = Date.now();
let count = 0;
const counted = framePathProperty.afterEach(() => {
  count++;
  if (count % 10_000 === 0) console.log(`  ${count.toLocaleString("en")} cases…`);
});
await fc.assert(counted, { seed, numRuns: runs });
console.log(
  `fuzz: ${count.toLocaleString("en")} cases passed (seed ${seed}) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
