/** Child processes of the fleet benchmark: simulator rooms, and CPU and memory of a process from /proc. */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const here = (file: string) => new URL(file, import.meta.url).pathname;

export interface SimRoom {
  uniqueId: string;
  roomId: string;
  clientOptions: { baseUrls: { web: string; webcast: string; signServer: string } };
}

/** Simulator rooms in a child process (see fleet-sim-child.ts). */
export async function simulatorRooms(
  rooms: number,
  count: number,
  perBatch: number,
  intervalMs: number,
): Promise<{ rooms: SimRoom[]; child: ChildProcess; close(): Promise<void> }> {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      here("./fleet-sim-child.ts"),
      String(rooms),
      String(count),
      String(perBatch),
      String(intervalMs),
    ],
    { stdio: ["pipe", "pipe", "inherit"] },
  );
  const line = await new Promise<string>((resolve, reject) => {
    let buf = "";
    child.once("exit", (code) => reject(new Error(`fleet-sim-child exited (${code})`)));
    child.stdout!.on("data", (c: Buffer) => {
      buf += c.toString();
      if (buf.includes("\n")) resolve(buf.slice(0, buf.indexOf("\n")));
    });
  });
  return {
    rooms: JSON.parse(line) as SimRoom[],
    child,
    close: async () => {
      const exited = new Promise((r) => child.once("exit", r));
      child.stdin!.end();
      await Promise.race([exited, sleep(5_000)]);
      child.kill("SIGKILL");
    },
  };
}

/** CPU time (user + system) of a process in seconds, from /proc (Linux). */
export function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Resident memory of a process in KiB (Linux). */
export function processRssKiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

/**
 * The fleet suite in a fresh Node process (fleet-sink.ts), its log lines passed
 * on as they come: its CPU, GC pauses and event-loop delays must be the
 * fleet's own. Run inside `pnpm bench`'s process, after the corpus, memory and
 * dedupe benchmarks, the same sink measured 36–41k events per CPU-second
 * against 49–57k in a fresh process, and latency p99 58–119 ms against
 * 14–37 ms (same code, runs interleaved; findings.md, fifth round).
 */
export async function fleetInFreshProcess(smoke: boolean, log: (line: string) => void): Promise<string> {
  const child = spawn(process.execPath, ["--import", "tsx", here("./fleet-sink.ts")], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, FLEET_BENCH_SMOKE: smoke ? "1" : "" },
  });
  let buf = "";
  let last = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    buf += chunk.toString();
    for (let nl = buf.indexOf("\n"); nl >= 0; nl = buf.indexOf("\n")) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      if (line.startsWith("{")) last = line;
      else log(line);
    }
  });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0 || !last) throw new Error(`the fleet benchmark process exited with ${code}`);
  return last;
}
