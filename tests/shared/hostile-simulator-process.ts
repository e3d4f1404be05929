import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

interface HostileSimulator {
  baseUrls: { web: string; webcast: string; signServer: string };
  uniqueId: string;
  /** With "foreign-push": the host the sign server names as the push server. */
  foreignHost?: string;
  stop: () => void;
}

/**
 * Issue 14 rows 1 and 10 on Deno and Bun: the simulator in a Node child
 * process (as in simulator-process.ts), misbehaving one way: sending one
 * frame of `bytes` bytes to the first client, or naming a push server on
 * another port. Resolves with its base URLs.
 */
export async function startHostileSimulator(
  mode: "oversized-frame" | "foreign-push",
  bytes = 0,
): Promise<HostileSimulator> {
  const script = fileURLToPath(new URL("./hostile-sign-server.mjs", import.meta.url));
  const child = spawn("node", [script, mode, String(bytes)], { stdio: ["ignore", "pipe", "inherit"] });
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

/** The frame cap the Deno and Bun checks give the client, and the two sizes they send. */
export const frameCap = 64 * 1024;
export const oversizedFrames = [
  { title: "just over limits.maxFrameBytes", bytes: frameCap + 1 },
  { title: "over 16 MiB", bytes: 17 * 1024 * 1024 },
];

/** The one message every oversized frame must end in. */
export const frameTooLargeMessage = `The push connection closed (code 1009): a frame was larger than limits.maxFrameBytes (${frameCap} bytes)`;
