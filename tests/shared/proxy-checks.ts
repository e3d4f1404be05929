import { fileURLToPath } from "node:url";
import type {
  TikTokLiveClient as LiveClientClass,
  proxyTransport as proxyTransportFn,
  TikTokWebClient as WebClientClass,
} from "../../packages/deno-bun/dist/index.js";
import { startNodeProgram, startSimulatorProcess } from "./simulator-process.ts";

interface ProxyStats {
  requests: string[];
  tunnels: string[];
  upgrades: string[];
}

/** The HTTP proxy of tests/shared/http-proxy-server.mjs, as a Node process, with what went through it. */
async function startProxy(): Promise<{ url: string; stop: () => void; stats: () => Promise<ProxyStats> }> {
  const script = fileURLToPath(new URL("./http-proxy-server.mjs", import.meta.url));
  const proxy = await startNodeProgram<{ url: string; stop: () => void }>([script]);
  // Asked directly (origin-form), so this request is not counted as proxied.
  const stats = async () => (await (await fetch(`${proxy.url}/__stats`)).json()) as ProxyStats;
  return { ...proxy, stats };
}

/**
 * The `proxy` option on Deno and Bun, against a local HTTP proxy that counts
 * what it forwards: the same checks for both runtimes.
 */
export function proxyChecks(lib: {
  TikTokLiveClient: typeof LiveClientClass;
  TikTokWebClient: typeof WebClientClass;
  proxyTransport: typeof proxyTransportFn;
  InvalidOptionError: new (...args: never[]) => Error;
}): Array<{ name: string; run: () => Promise<void> }> {
  const fail = (message: string): never => {
    throw new Error(message);
  };
  return [
    {
      name: "proxy: every HTTP request and the WebSocket go through the proxy, and the stream plays",
      run: async () => {
        const proxy = await startProxy();
        const sim = await startSimulatorProcess("showcase", ["--speed", "0"]);
        try {
          const client = new lib.TikTokLiveClient(sim.uniqueId, { baseUrls: sim.baseUrls, proxy: proxy.url });
          let comments = 0;
          client.on("comment", () => {
            comments++;
          });
          await client.run();
          if (comments === 0) fail("no comments through the proxy");
          const seen = await proxy.stats();
          const simHost = new URL(sim.baseUrls.web).host;
          // The profile page, the sign server and the room API, each as a proxied request.
          for (const path of ["/@", "/sign", "/webcast/"]) {
            if (!seen.requests.some((r) => r.includes(`${simHost}${path}`)))
              fail(`no proxied request to ${path}: ${JSON.stringify(seen.requests)}`);
          }
          // The WebSocket: a CONNECT tunnel (Bun) or a proxied Upgrade (Deno) to the push server.
          const sockets = [...seen.tunnels, ...seen.upgrades].filter((t) => t.includes(simHost));
          if (sockets.length === 0) fail(`the WebSocket bypassed the proxy: ${JSON.stringify(seen)}`);
        } finally {
          sim.stop();
          proxy.stop();
        }
      },
    },
    {
      name: "proxy: a standalone TikTokWebClient goes through proxyTransport(url).fetch",
      run: async () => {
        const proxy = await startProxy();
        const sim = await startSimulatorProcess("e2e");
        try {
          const web = new lib.TikTokWebClient({
            baseUrls: sim.baseUrls,
            fetch: lib.proxyTransport(proxy.url).fetch,
          });
          if ((await web.fetchIsLive(sim.uniqueId)) !== true) fail("not live");
          const seen = await proxy.stats();
          if (seen.requests.length === 0) fail("the web client bypassed the proxy");
        } finally {
          sim.stop();
          proxy.stop();
        }
      },
    },
    {
      name: "proxy: a URL the runtime cannot use is refused before anything connects",
      run: async () => {
        const refused = (() => {
          try {
            new lib.TikTokLiveClient("someone", { proxy: "ftp://proxy.example:21" });
          } catch (e) {
            return e;
          }
          return undefined;
        })();
        if (!(refused instanceof lib.InvalidOptionError) || !/ftp:/.test(refused.message))
          fail(`ftp proxy: ${String(refused)}`);
      },
    },
  ];
}
