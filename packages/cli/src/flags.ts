import { parseArgs } from "node:util";

/** Every option the CLI knows, by name (without the dashes). */
export const optionSpecs = {
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
  json: { type: "boolean" },
  events: { type: "string" },
  record: { type: "string" },
  simulate: { type: "string" },
  speed: { type: "string" },
  "session-id": { type: "string" },
  "sign-api-key": { type: "string" },
  "no-color": { type: "boolean" },
  scenario: { type: "string" },
  port: { type: "string" },
  "api-key": { type: "string" },
  wait: { type: "boolean" },
  interval: { type: "string" },
  output: { type: "string", short: "o" },
  quality: { type: "string" },
  "live-after-polls": { type: "string" },
  fault: { type: "string", multiple: true },
  // fleet commands
  nats: { type: "string" },
  "base-url": { type: "string" },
  "lease-ttl": { type: "string" },
  "worker-id": { type: "string" },
  poll: { type: "string" },
  budget: { type: "string" },
} as const;

type OptionName = keyof typeof optionSpecs;

/** A mistake in the command line; the message is ours and names the flag. */
export class UsageError extends Error {}

/** `--port`: a TCP port (0 picks a free one), or undefined when the flag is absent. */
export function portFlag(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be a port number from 0 to 65535 (got "${value}")`);
  return port;
}

const shortNames = new Map<string, OptionName>(
  Object.entries(optionSpecs).flatMap(([name, spec]) =>
    "short" in spec ? [[spec.short, name as OptionName] as const] : [],
  ),
);

/** The known option closest to a mistyped one, when it is close enough to be a typo. */
function closest(name: string): OptionName | undefined {
  let best: { name: OptionName; distance: number } | undefined;
  for (const known of Object.keys(optionSpecs) as OptionName[]) {
    const d = editDistance(name, known);
    if (!best || d < best.distance) best = { name: known, distance: d };
  }
  return best && best.distance <= Math.max(name.length > 2 ? 2 : 1, Math.floor(name.length / 3))
    ? best.name
    : undefined;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * Checks every flag against the table first, so mistakes get our own
 * messages (an unknown flag with a suggestion, a missing or unexpected
 * value) rather than the parser's, then parses.
 */
export function parseFlags(argv: string[]) {
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      args.push(...argv.slice(i));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      args.push(arg);
      continue;
    }
    const long = arg.startsWith("--");
    const [rawName, inlineValue] = long ? splitOnce(arg.slice(2), "=") : [arg.slice(1), undefined];
    const name = long ? (rawName as OptionName) : shortNames.get(rawName);
    const spec = name ? optionSpecs[name] : undefined;
    if (!name || !spec) {
      const hint = long ? closest(rawName) : undefined;
      throw new UsageError(`Unknown option ${arg.split("=")[0]}${hint ? ` (did you mean --${hint}?)` : ""}`);
    }
    if (spec.type === "boolean") {
      if (inlineValue !== undefined) throw new UsageError(`--${name} is a switch and takes no value`);
      args.push(`--${name}`);
      continue;
    }
    if (inlineValue !== undefined) {
      args.push(`--${name}=${inlineValue}`);
      continue;
    }
    const next = argv[i + 1];
    // `--simulate` alone means the default scenario.
    if (name === "simulate" && (next === undefined || next.startsWith("-"))) {
      args.push("--simulate=");
      continue;
    }
    // A negative number is a value (for the message about it), another flag is not.
    if (next === undefined || (next.startsWith("-") && !/^-\d/.test(next)))
      throw new UsageError(`--${name} needs a value, e.g. --${name} ${exampleValue(name)}`);
    args.push(`--${name}=${next}`);
    i++;
  }
  return parseArgs({ args, allowPositionals: true, strict: true, options: optionSpecs });
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

function exampleValue(name: OptionName): string {
  const examples: Partial<Record<OptionName, string>> = {
    events: "comment,gift",
    record: "stream.ndjson",
    output: "live.flv",
    quality: "hd",
    speed: "0",
    interval: "30",
    port: "8080",
    scenario: "showcase",
    fault: "accept-and-drop",
    nats: "nats://127.0.0.1:4222",
    "base-url": "https://www.tiktok.com",
    "lease-ttl": "15000",
    "worker-id": "worker-1",
    poll: "60000",
    budget: "5",
  };
  return examples[name] ?? "<value>";
}
