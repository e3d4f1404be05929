import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/**
 * Starts the simulator in a Node child process (`tiktok-live simulate`) and
 * resolves with its base URLs: Deno and Bun tests use it so the simulator is
 * the same Node program in every runtime's test.
 */
export async function startSimulatorProcess(
  scenario: string,
  extraArgs: string[] = [],
): Promise<{
  baseUrls: { web: string; webcast: string; signServer: string };
  uniqueId: string;
  stop: () => void;
}> {
  const cli = fileURLToPath(new URL("../../packages/cli/dist/cli.js", import.meta.url));
  const child = spawn("node", [cli, "simulate", "--scenario", scenario, ...extraArgs], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let buffered = "";
  const ready = await new Promise<{
    baseUrls: { web: string; webcast: string; signServer: string };
    uniqueId: string;
  }>((resolve, reject) => {
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
  return { ...ready, stop: () => child.kill("SIGTERM") };
}
