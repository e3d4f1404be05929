import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";

/** One request or WebSocket handshake the foreign host received. */
export interface ForeignRequest {
  kind: "http" | "websocket";
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

/**
 * A second origin that should never see the user's secrets: faults point the
 * client at it (a push server elsewhere, a redirect) and it records what it
 * receives, cookies and API keys included, then answers 404 / closes.
 */
export class ForeignHost {
  readonly received: ForeignRequest[] = [];
  private readonly wss = new WebSocketServer({ noServer: true });

  private constructor(private readonly server: Server) {
    server.on("request", (req, res) => {
      this.received.push({
        kind: "http",
        method: req.method ?? "GET",
        url: req.url ?? "/",
        headers: req.headers,
      });
      res.writeHead(404, { "Content-Type": "text/plain", "Content-Length": "9" });
      res.end("not here\n");
    });
    server.on("upgrade", (req, socket, head) => {
      this.received.push({ kind: "websocket", method: "GET", url: req.url ?? "/", headers: req.headers });
      socket.on("error", () => {});
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        ws.on("error", () => {});
        ws.close(1000, "foreign host");
      });
    });
  }

  static async start(host: string): Promise<ForeignHost> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, host, () => resolve());
    });
    return new ForeignHost(server);
  }

  /** `http://host:port`, another origin than the simulator's (another port). */
  get origin(): string {
    const { address, port } = this.server.address() as AddressInfo;
    return `http://${address}:${port}`;
  }

  async close(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
