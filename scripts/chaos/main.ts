/**
 * `pnpm chaos`: soaks clients against simulators that misbehave at random
 * (seeded; the seed is printed so a run can be replayed with --seed), then
 * prints the figures and exits 1 if an event was lost or doubled, the sign
 * budget was passed, or the heap grew.
 *
 *   pnpm chaos [--seed N] [--lanes N] [--rounds N] [--messages N] [--fault-rate P]
 */
import { parseArgs } from "node:util";
import { formatFigures, violations } from "./figures.js";
import { defaultSoakOptions, runSoak } from "./soak.js";

const { values } = parseArgs({
  options: {
    seed: { type: "string" },
    lanes: { type: "string" },
    rounds: { type: "string" },
    messages: { type: "string" },
    "fault-rate": { type: "string" },
  },
});
const num = (v: string | undefined, fallback: number) => (v === undefined ? fallback : Number(v));
const seed = num(values.seed, Math.floor(Math.random() * 2 ** 31));
console.log(`chaos soak, seed ${seed} (replay with --seed ${seed})`);
const figures = await runSoak({
  seed,
  lanes: num(values.lanes, defaultSoakOptions.lanes),
  rounds: num(values.rounds, defaultSoakOptions.rounds),
  messagesPerRound: num(values.messages, defaultSoakOptions.messagesPerRound),
  faultRate: num(values["fault-rate"], defaultSoakOptions.faultRate),
  onRound: (lane, round) => {
    if (lane === 0 && round % 10 === 0) console.log(`  round ${round}…`);
  },
});
console.log(formatFigures(figures));
const broken = violations(figures);
if (broken.length > 0) {
  console.error(`FAILED: ${broken.join("; ")}`);
  process.exit(1);
}
console.log("every event arrived exactly once or the client said why; the sign budget held");
process.exit(0);
