// Connect/disconnect cycles in a fresh process (its heap holds nothing else), against a simulator in a
// child process of its own. Prints one JSON line (CycleHeap). Run by main.ts through runFresh.
import { connectCycles } from "./memory.js";
import { startRemoteSimulator } from "./simulator-process.js";

const { cycles, warmup, samples } = JSON.parse(process.argv[2] ?? "{}") as {
  cycles: number;
  warmup: number;
  samples: number;
};
const sim = await startRemoteSimulator();
try {
  const figures = await connectCycles(sim, cycles, warmup, samples);
  process.stdout.write(`${JSON.stringify(figures)}\n`);
} finally {
  await sim.close();
}
