import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import type { SimulatorClientOptions } from "@tiktok-live/testkit";

/** A simulator in a child process, so its sockets, logs and CPU stay out of what is measured. */
export interface RemoteSimulator {
  uniqueId: string;
  roomId: string;
  clientOptions: SimulatorClientOptions;
  /** Sends one JSON command line and resolves with the child's one-line JSON answer (scale child only). */
  request<T>(command: object): Promise<T>;
  close(): Promise<void>;
}

const defaultScript = new URL("./simulator-child.ts", import.meta.url);

/** Starts `script` (default: a plain simulator) under tsx; its first stdout line is its connection details. */
export async function startRemoteSimulator(script: URL = defaultScript): Promise<RemoteSimulator> {
  const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(script)], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  let buffered = "";
  const waiting: Array<(line: string) => void> = [];
  const exited = new Promise<never>((_, reject) => {
    child.once("exit", (code) => reject(new Error(`The simulator process exited (code ${code})`)));
  });
  exited.catch(() => {});
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk: string) => {
    buffered += chunk;
    for (let end = buffered.indexOf("\n"); end >= 0; end = buffered.indexOf("\n")) {
      const line = buffered.slice(0, end);
      buffered = buffered.slice(end + 1);
      waiting.shift()?.(line);
    }
  });
  const nextLine = () => Promise.race([new Promise<string>((resolve) => waiting.push(resolve)), exited]);
  const info = JSON.parse(await nextLine()) as Omit<RemoteSimulator, "close" | "request">;
  return {
    ...info,
    async request<T>(command: object): Promise<T> {
      const answer = nextLine();
      child.stdin.write(`${JSON.stringify(command)}\n`);
      return JSON.parse(await answer) as T;
    },
    async close() {
      if (child.exitCode !== null) return;
      const done = once(child, "exit");
      child.stdin.end();
      await done;
    },
  };
}
