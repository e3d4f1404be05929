// A small HTTP proxy for the proxy tests, run as a Node program so Deno's and
// Bun's tests use the same one: absolute-form requests are forwarded, CONNECT
// opens a tunnel, an absolute-form Upgrade is piped through. It counts what
// went through it; GET /__stats (origin-form, not proxied) returns the counts.
import { createServer, request as httpRequest } from "node:http";
import { connect } from "node:net";

const stats = { requests: [], tunnels: [], upgrades: [] };

const server = createServer((req, res) => {
  if (req.url === "/__stats") {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(stats));
    return;
  }
  if (!/^https?:\/\//.test(req.url ?? "")) {
    res.writeHead(400).end("not a proxy request");
    return;
  }
  const target = new URL(req.url);
  stats.requests.push(`${req.method} ${target.href}`);
  const upstream = httpRequest(
    {
      host: target.hostname,
      port: target.port || 80,
      method: req.method,
      path: target.pathname + target.search,
      headers: req.headers,
    },
    (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    },
  );
  upstream.on("error", () => res.writeHead(502).end());
  req.pipe(upstream);
});

server.on("connect", (req, socket, head) => {
  stats.tunnels.push(req.url);
  const [host, port] = req.url.split(":");
  const upstream = connect(Number(port), host, () => {
    socket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
    if (head.length) upstream.write(head);
    upstream.pipe(socket);
    socket.pipe(upstream);
  });
  upstream.on("error", () => socket.destroy());
  socket.on("error", () => upstream.destroy());
});

server.on("upgrade", (req, socket, head) => {
  const target = new URL(req.url, `http://${req.headers.host}`);
  stats.upgrades.push(target.href);
  const upstream = connect(Number(target.port || 80), target.hostname, () => {
    const lines = [`${req.method} ${target.pathname}${target.search} HTTP/1.1`];
    for (let i = 0; i < req.rawHeaders.length; i += 2)
      lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
    upstream.write(`${lines.join("\r\n")}\r\n\r\n`);
    if (head.length) upstream.write(head);
    upstream.pipe(socket);
    socket.pipe(upstream);
  });
  upstream.on("error", () => socket.destroy());
  socket.on("error", () => upstream.destroy());
});

server.listen(0, "127.0.0.1", () => {
  const { port } = server.address();
  process.stdout.write(`${JSON.stringify({ ready: true, url: `http://127.0.0.1:${port}` })}\n`);
});
process.on("SIGTERM", () => process.exit(0));
