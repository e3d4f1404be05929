import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { type Scenario, type Simulator, startSimulator } from "@tiktok-live/testkit";

/** The repository root (examples run from there, as the README tells users to). */
export const root = fileURLToPath(new URL("../../", import.meta.url));
export const bin = (name: string) => `${root}node_modules/.bin/${name}`;

export interface ExampleRun {
  code: number | null;
  out: string;
}

export interface RunningExample {
  child: ChildProcess;
  /** Everything printed so far, stdout and stderr interleaved. */
  output: () => string;
  exited: Promise<number | null>;
  /** Whether the process has exited already. */
  hasExited: () => boolean;
}

/** Starts an example as a child process pointed at the simulator, collecting stdout and stderr together. */
export function spawnExample(
  sim: Simulator,
  command: string,
  args: string[],
  env: Record<string, string> = {},
): RunningExample {
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, TIKTOK_BASE_URL: sim.baseUrls.web, NO_COLOR: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (c: Buffer) => {
    out += c.toString();
  });
  child.stderr?.on("data", (c: Buffer) => {
    out += c.toString();
  });
  let done = false;
  const exited = new Promise<number | null>((resolve) =>
    child.on("exit", (code) => {
      done = true;
      resolve(code);
    }),
  );
  return { child, output: () => out, exited, hasExited: () => done };
}

/** Runs an example to completion against a fresh simulator (the showcase unless told) and returns what it printed. */
export async function runExample(
  command: string,
  args: string[],
  scenario: Scenario | string = "showcase",
): Promise<ExampleRun> {
  const sim = await startSimulator({ scenario, speed: 0 });
  try {
    const run = spawnExample(sim, command, args);
    const code = await run.exited;
    return { code, out: run.output() };
  } finally {
    await sim.close();
  }
}

/**
 * Resolves once `predicate` holds for the example's output; rejects, with what it
 * printed, if the example exits first or `timeoutMs` passes.
 */
export async function waitForOutput(
  run: RunningExample,
  predicate: (out: string) => boolean,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate(run.output())) {
    if (run.hasExited()) throw new Error(`The example exited early; it printed:\n${run.output()}`);
    if (Date.now() > deadline) throw new Error(`Timed out waiting for output; got:\n${run.output()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Sends `signal` (Ctrl-C by default) and returns the exit code; SIGKILLs it if it has not exited within `graceMs`. */
export async function stopExample(run: RunningExample, signal: NodeJS.Signals = "SIGINT", graceMs = 5_000) {
  if (!run.hasExited()) run.child.kill(signal);
  const timer = setTimeout(() => run.child.kill("SIGKILL"), graceMs);
  try {
    return await run.exited;
  } finally {
    clearTimeout(timer);
  }
}
