import type {
  TikTokLiveClient as LiveClientClass,
  TikTokWebClient as WebClientClass,
} from "../../packages/deno-bun/dist/index.js";
import { startSimulatorProcess } from "./simulator-process.ts";

/**
 * TikTokWebClient and waitUntilLive on the runtime's own fetch, against the
 * simulator running as a Node process: the same checks for Deno and Bun.
 */
export function webClientChecks(lib: {
  TikTokWebClient: typeof WebClientClass;
  TikTokLiveClient: typeof LiveClientClass;
  UserNotFoundError: new (...args: never[]) => Error;
}): Array<{ name: string; run: () => Promise<void> }> {
  const fail = (message: string): never => {
    throw new Error(message);
  };
  return [
    {
      name: "TikTokWebClient resolves, checks (single and batch), lists gifts and reads a profile",
      run: async () => {
        const sim = await startSimulatorProcess("e2e");
        try {
          const web = new lib.TikTokWebClient({ baseUrls: sim.baseUrls });
          const roomId = await web.fetchRoomId(`@${sim.uniqueId}`);
          if (!/^\d+$/.test(roomId)) fail(`room id ${roomId}`);
          const info = await web.fetchRoomInfo({ roomId });
          if (info.id_str !== roomId) fail(`room info for ${info.id_str}`);
          if ((await web.fetchIsLive(sim.uniqueId)) !== true) fail("not live");
          const many = await web.fetchIsLive([sim.uniqueId]);
          if (many[sim.uniqueId] !== true) fail(`batch said ${JSON.stringify(many)}`);
          const gifts = await web.fetchGiftList();
          if (gifts.length === 0 || typeof gifts[0]!.diamond_count !== "number") fail("no gifts");
          const user = await web.fetchUser(sim.uniqueId);
          if (user.stats.followerCount !== 4321 || user.roomId !== roomId)
            fail(`profile ${JSON.stringify(user)}`);
          const missing = await web.fetchUser("nobody_here").catch((e: unknown) => e);
          if (!(missing instanceof lib.UserNotFoundError)) fail(`fetchUser of nobody: ${String(missing)}`);
        } finally {
          sim.stop();
        }
      },
    },
    {
      name: "waitUntilLive resolves once the simulator goes live after 3 polls",
      run: async () => {
        const sim = await startSimulatorProcess("e2e", ["--live-after-polls", "3"]);
        try {
          const client = new lib.TikTokLiveClient(sim.uniqueId, { baseUrls: sim.baseUrls });
          if ((await client.isLive()) !== false) fail("live before the polls");
          await client.waitUntilLive({ intervalMs: 10 });
          if ((await client.isLive()) !== true) fail("not live after waitUntilLive");
        } finally {
          sim.stop();
        }
      },
    },
    {
      name: "recordVideo writes the simulator's FLV stream into a WritableStream",
      run: async () => {
        const sim = await startSimulatorProcess("e2e");
        try {
          const client = new lib.TikTokLiveClient(sim.uniqueId, { baseUrls: sim.baseUrls });
          const chunks: Uint8Array[] = [];
          const result = await client.recordVideo(
            new WritableStream<Uint8Array>({ write: (c) => void chunks.push(c.slice()) }),
            { quality: "sd" },
          );
          const total = chunks.reduce((n, c) => n + c.length, 0);
          if (result.bytes !== total || total < 100) fail(`recorded ${result.bytes}, received ${total}`);
          if (result.quality !== "sd" || result.stoppedBy !== "live-end") fail(JSON.stringify(result));
          const head = new TextDecoder().decode(chunks[0]!.subarray(0, 3));
          if (head !== "FLV") fail(`starts with ${head}`);
        } finally {
          sim.stop();
        }
      },
    },
  ];
}
