/**
 * A private nats-server dies with the process that started it, even when that
 * process is killed with SIGKILL and runs no cleanup (a benchmark interrupted
 * by hand used to leave its server running).
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const child = fileURLToPath(new URL("./nats-server-child.ts", import.meta.url));

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("NatsServerProcess", () => {
  it("stops the server when its parent is killed with SIGKILL", async () => {
    const parent = spawn(process.execPath, ["--import", "tsx", child], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const serverPid = await new Promise<number>((resolve, reject) => {
      let out = "";
      parent.once("exit", (code) => reject(new Error(`the parent exited early (${code})`)));
      parent.stdout!.on("data", (c: Buffer) => {
        out += c.toString();
        if (out.includes("\n")) resolve(Number(out.trim()));
      });
    });
    expect(serverPid).toBeGreaterThan(0);
    expect(alive(serverPid)).toBe(true);
    parent.kill("SIGKILL");
    await expect.poll(() => alive(serverPid), { timeout: 10_000, interval: 100 }).toBe(false);
  }, 40_000);
});
