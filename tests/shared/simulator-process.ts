import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** What a simulator program prints as its first stdout line (JSON). */
export interface SimulatorProcess {
  baseUrls: { web: string; webcast: string; signServer: string };
  uniqueId: string;
  stop: () => void;
}

/**
 * Starts the simulator in a Node child process (`tiktok-live simulate`) and
 * resolves with its base URLs: Deno and Bun tests use it so the simulator is
 * the same Node program in every runtime's test.
 */
export function startSimulatorProcess(
  scenario: string | undefined,
  extraArgs: readonly string[] = [],
): Promise<SimulatorProcess> {
  const cli = fileURLToPath(new URL("../../packages/cli/dist/cli.js", import.meta.url));
  const args = [cli, "simulate", ...(scenario ? ["--scenario", scenario] : []), ...extraArgs];
  return startNodeProgram<SimulatorProcess>(args);
}

/**
 * Runs `node <args>` and resolves with the JSON of its first stdout line,
 * plus `stop()`; a program that exits or stays silent for 15 s rejects.
 */
export async function startNodeProgram<T extends { stop: () => void }>(args: string[]): Promise<T> {
  const child = spawn("node", args, { stdio: ["ignore", "pipe", "inherit"] });
  let buffered = "";
  const ready = await new Promise<Omit<T, "stop">>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("simulator did not start within 15 s")), 15_000);
    child.stdout!.on("data", (chunk: Uint8Array) => {
      buffered += new TextDecoder().decode(chunk);
      const line = buffered.split("\n")[0];
      if (buffered.includes("\n") && line) {
        clearTimeout(timer);
        resolve(JSON.parse(line));
      }
    });
    child.on("exit", (code) => reject(new Error(`simulator exited early (${code})`)));
  });
  const stop = () => {
    child.kill("SIGTERM");
  };
  // `ready` is the program's own JSON line; T only names its shape.
  return { ...ready, stop } as unknown as T;
}
