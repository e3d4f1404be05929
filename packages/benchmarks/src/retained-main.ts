import { type CorpusVariant, loadCorpus } from "./corpus.js";
import { retainedPerEvent } from "./retained.js";

/** `node --expose-gc --import tsx src/retained-main.ts realistic`: retained heap per kept event alone. */
const variant = (process.argv[2] ?? "realistic") as CorpusVariant;
console.log(variant, JSON.stringify(retainedPerEvent(loadCorpus(10_000, variant))));
