import { allListeners, clientVariant, commentOnly } from "./client-dispatch.js";
import { connectorAllEvents, connectorVariant } from "./connector-dispatch.js";
import { type CorpusVariant, loadCorpus } from "./corpus.js";
import { interleave, summarize } from "./harness.js";
import { rawLimitVariants } from "./raw-limit.js";
import { startRemoteSimulator } from "./simulator-process.js";

/**
 * What to run under `node --cpu-prof`: a few passes of our client's full pass
 * (every listener), the comment-only pass, the raw limit and the connector
 * awaited per frame, on one corpus, without the rest of the suite (`--only=connector`
 * alone tells whether the connector's CPU per message depends on sharing a process). Prints each pass's median, so a change can be
 * checked side by side in one process:
 *
 *   node --expose-gc --cpu-prof --import tsx src/profile-pass.ts --corpus=realistic --passes=5 --only=full
 */
const args = process.argv.slice(2);
const flag = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const variant = (flag("corpus") ?? "realistic") as CorpusVariant;
const passes = Number(flag("passes") ?? 5);
/** `--only=full,comment only`: just these passes (a profile of one pass alone). */
const only = flag("only")?.split(",");

const corpus = loadCorpus(10_000, variant);
const sim = await startRemoteSimulator();
try {
  const [raw, gunzip, envelope] = rawLimitVariants(corpus);
  const variants = [
    { ...raw!, name: "raw limit" },
    { ...gunzip!, name: "gunzip" },
    { ...envelope!, name: "envelope" },
    await clientVariant("full", sim, corpus, allListeners, 1),
    await clientVariant("comment only", sim, corpus, commentOnly, 1),
    await connectorVariant("connector", corpus, connectorAllEvents, 1),
  ];
  const chosen = only ? variants.filter((v) => only.includes(v.name)) : variants;
  const samples = await interleave(chosen, { rounds: passes, warmup: 1 });
  for (const v of chosen) {
    const f = summarize(v.name, samples.get(v.name)!, corpus);
    console.log(
      `${v.name.padEnd(14)} wall ${f.wallMs.toFixed(0)} ms, cpu ${(f.cpuUs / 1000).toFixed(0)} ms (${f.cpuUsPerMessage.toFixed(2)} µs/message)`,
    );
  }
} finally {
  await sim.close();
}
