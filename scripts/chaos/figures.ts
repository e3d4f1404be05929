/** What one soak measured; printed by `pnpm chaos` and asserted by the smoke test. */
export interface SoakFigures {
  seed: number;
  lanes: number;
  /** Rounds run over all lanes: each a connected client and a burst of messages under faults. */
  sessions: number;
  faultsInjected: number;
  faultsByName: Record<string, number>;
  messagesSent: number;
  /** Messages never delivered in a round that ended without a typed error: must be 0. */
  eventsLost: number;
  /** Messages delivered more than once: must be 0. */
  eventsDoubled: number;
  /** Messages missed in rounds where the client reported a typed error saying why. */
  eventsMissedWithTypedError: number;
  /** Typed errors the client ended rounds with, by code. */
  typedErrors: Record<string, number>;
  /** Worst sign requests of one client in any sliding minute / hour, and the budget. */
  signPerMinuteWorst: number;
  signPerHourWorst: number;
  budget: { perMinute: number; perHour: number };
  durationMs: number;
  peakRssBytes: number;
  heapStartBytes: number;
  heapEndBytes: number;
}

/** The most timestamps of `times` (sorted) inside any window of `windowMs`. */
export function worstWindow(times: readonly number[], windowMs: number): number {
  let worst = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= windowMs) start++;
    worst = Math.max(worst, end - start + 1);
  }
  return worst;
}

/** Violations of the soak's promises; empty when everything held. */
export function violations(f: SoakFigures, maxHeapGrowthBytes = 64 * 1024 * 1024): string[] {
  const out: string[] = [];
  if (f.eventsLost > 0) out.push(`${f.eventsLost} events lost without a typed error`);
  if (f.eventsDoubled > 0) out.push(`${f.eventsDoubled} events delivered twice`);
  if (f.signPerMinuteWorst > f.budget.perMinute)
    out.push(`${f.signPerMinuteWorst} sign requests in a minute (budget ${f.budget.perMinute})`);
  if (f.signPerHourWorst > f.budget.perHour)
    out.push(`${f.signPerHourWorst} sign requests in an hour (budget ${f.budget.perHour})`);
  if (f.heapEndBytes - f.heapStartBytes > maxHeapGrowthBytes)
    out.push(`heap grew ${mib(f.heapEndBytes - f.heapStartBytes)} MiB`);
  return out;
}

export function mib(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

export function formatFigures(f: SoakFigures): string {
  const faults = Object.entries(f.faultsByName)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
  const errors = Object.entries(f.typedErrors)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
  return [
    `seed                     ${f.seed}`,
    `sessions                 ${f.sessions} (${f.lanes} clients, ${(f.durationMs / 1000).toFixed(1)} s)`,
    `faults injected          ${f.faultsInjected} (${faults})`,
    `messages sent            ${f.messagesSent}`,
    `events lost              ${f.eventsLost}`,
    `events doubled           ${f.eventsDoubled}`,
    `missed, typed error      ${f.eventsMissedWithTypedError} (${errors || "no typed error"})`,
    `sign requests, worst     ${f.signPerMinuteWorst}/min, ${f.signPerHourWorst}/hour per client (budget ${f.budget.perMinute}/min, ${f.budget.perHour}/hour)`,
    `peak RSS                 ${mib(f.peakRssBytes)} MiB`,
    `heap (after GC)          ${mib(f.heapStartBytes)} → ${mib(f.heapEndBytes)} MiB`,
  ].join("\n");
}
