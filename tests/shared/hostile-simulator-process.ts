import { fileURLToPath } from "node:url";
import { startNodeProgram } from "./simulator-process.ts";

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
export function startHostileSimulator(
  mode: "oversized-frame" | "foreign-push",
  bytes = 0,
): Promise<HostileSimulator> {
  const script = fileURLToPath(new URL("./hostile-sign-server.mjs", import.meta.url));
  return startNodeProgram<HostileSimulator>([script, mode, String(bytes)]);
}

/** The frame cap the Deno and Bun checks give the client, and the two sizes they send. */
export const frameCap = 64 * 1024;
export const oversizedFrames = [
  { title: "just over limits.maxFrameBytes", bytes: frameCap + 1 },
  { title: "over 16 MiB", bytes: 17 * 1024 * 1024 },
];

/** The one message every oversized frame must end in. */
export const frameTooLargeMessage = `The push connection closed (code 1009): a frame was larger than limits.maxFrameBytes (${frameCap} bytes)`;
