import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import type { SimulatorClientOptions } from "@tiktok-live/testkit";

/** A simulator in a child process, so its sockets and logs stay out of the measured heap. */
export interface RemoteSimulator {
  uniqueId: string;
  roomId: string;
  clientOptions: SimulatorClientOptions;
  close(): Promise<void>;
}

const childScript = fileURLToPath(new URL("./simulator-child.ts", import.meta.url));

export async function startRemoteSimulator(): Promise<RemoteSimulator> {
  const child = spawn(process.execPath, ["--import", "tsx", childScript], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  let buffered = "";
  child.stdout.setEncoding("utf8");
  const ready = new Promise<Omit<RemoteSimulator, "close">>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`The simulator process exited early (code ${code})`)));
    child.stdout.on("data", (chunk: string) => {
      buffered += chunk;
      const line = buffered.indexOf("\n");
      if (line >= 0) resolve(JSON.parse(buffered.slice(0, line)));
    });
  });
  const info = await ready;
  return {
    ...info,
    async close() {
      if (child.exitCode !== null) return;
      const exited = once(child, "exit");
      child.stdin.end();
      await exited;
    },
  };
}
