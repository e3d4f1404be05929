import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { FleetStore, fleetStatus } from "@tiktok-live/nats";
import { ExitCode } from "../exit-codes.js";
import type { Io } from "../io.js";
import { connectFleet } from "./fleet-connect.js";

/** The page: a table of rooms that reloads /status.json twice a second (no framework, no build step). */
const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>tiktok-live fleet</title>
<style>
body{font:14px system-ui,sans-serif;margin:2rem;background:#111;color:#eee}
table{border-collapse:collapse;min-width:36rem}th,td{padding:.3rem .8rem;text-align:left;border-bottom:1px solid #333}
td.rate{text-align:right;font-variant-numeric:tabular-nums}.live{color:#4ade80}.waiting{color:#facc15}.unassigned{color:#f87171}
</style></head><body>
<h1>Fleet <small id="summary"></small></h1>
<table><thead><tr><th>Room</th><th>Worker</th><th>State</th><th>Events/s</th><th>Events</th></tr></thead><tbody id="rooms"></tbody></table>
<script type="module">
const tbody = document.getElementById("rooms");
async function refresh() {
  try {
    const rows = await (await fetch("status.json", { cache: "no-store" })).json();
    tbody.replaceChildren(...rows.map((r) => {
      const tr = document.createElement("tr");
      tr.dataset.room = r.uniqueId;
      for (const [cls, text] of [["room", r.uniqueId], ["worker", r.worker ?? "-"], ["state " + r.state, r.state], ["rate", String(r.eventsPerSecond)], ["rate events", String(r.events)]]) {
        const td = document.createElement("td");
        td.className = cls;
        td.textContent = text;
        tr.append(td);
      }
      return tr;
    }));
    const workers = new Set(rows.map((r) => r.worker).filter(Boolean));
    document.getElementById("summary").textContent = rows.length + " rooms, " + workers.size + " workers";
  } catch {}
  setTimeout(refresh, 500);
}
refresh();
</script></body></html>`;

/** `tiktok-live fleet dashboard`: serves the page until Ctrl-C. */
export async function fleetDashboard(url: string, port: number, io: Io): Promise<number> {
  const { nc, js } = await connectFleet(url);
  const store = await FleetStore.open(js);
  const server = createServer((req, res) => {
    if (req.url === "/status.json") {
      fleetStatus(store).then(
        (rows) => {
          res.writeHead(200, { "Content-Type": "application/json", "Cache-Control": "no-store" });
          res.end(JSON.stringify(rows));
        },
        (error: unknown) => {
          res.writeHead(503, { "Content-Type": "text/plain" });
          res.end(String((error as Error).message));
        },
      );
      return;
    }
    if (req.url === "/" || req.url === "/index.html") {
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      res.end(page);
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  io.out(`fleet dashboard on http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  await new Promise<void>((resolve) => {
    const off = io.onInterrupt(() => {
      off();
      resolve();
    });
  });
  server.close();
  await nc.drain();
  return ExitCode.ok;
}
