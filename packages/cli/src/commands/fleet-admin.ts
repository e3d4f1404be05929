import { consumeEvents, defaultStreamName, deliveryOf, FleetStore, fleetStatus } from "@tiktok-live/nats";
import { colorsWanted, createColors } from "../colors.js";
import { ExitCode } from "../exit-codes.js";
import { formatEvent } from "../format-event.js";
import type { Io } from "../io.js";
import { connectFleet } from "./fleet-connect.js";

/** `fleet add @user [--base-url …]`: the room joins the bucket; a worker takes it on its next heartbeat. */
export async function fleetAdd(
  url: string,
  users: string[],
  baseUrl: string | undefined,
  io: Io,
): Promise<number> {
  const { nc, js } = await connectFleet(url);
  try {
    const store = await FleetStore.open(js);
    for (const u of users) {
      const room = await store.addRoom(u, baseUrl ? { baseUrl } : {});
      io.out(`added ${room.uniqueId}`);
    }
  } finally {
    await nc.drain();
  }
  return ExitCode.ok;
}

/** `fleet remove @user`: its worker stops watching it on its next heartbeat. */
export async function fleetRemove(url: string, users: string[], io: Io): Promise<number> {
  const { nc, js } = await connectFleet(url);
  try {
    const store = await FleetStore.open(js);
    for (const u of users) {
      await store.removeRoom(u);
      io.out(`removed ${u.replace(/^@/, "")}`);
    }
  } finally {
    await nc.drain();
  }
  return ExitCode.ok;
}

/** `fleet ls`: room, worker, state, events/s. */
export async function fleetList(url: string, json: boolean, io: Io): Promise<number> {
  const { nc, js } = await connectFleet(url);
  try {
    const rows = await fleetStatus(await FleetStore.open(js));
    if (json) {
      for (const r of rows) io.out(JSON.stringify(r));
      return ExitCode.ok;
    }
    const table = [
      ["ROOM", "WORKER", "STATE", "EVENTS/S"],
      ...rows.map((r) => [r.uniqueId, r.worker ?? "-", r.state, String(r.eventsPerSecond)]),
    ];
    const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
    for (const row of table)
      io.out(
        row
          .map((cell, i) => cell.padEnd(widths[i]!))
          .join("  ")
          .trimEnd(),
      );
  } finally {
    await nc.drain();
  }
  return ExitCode.ok;
}

/**
 * `fleet tail [--json]`: every event of the fleet published from now on, as
 * it arrives: one JSON object per line (with `room`), or one readable line
 * per event (the `watch` view, with the room in front).
 */
export async function fleetTail(url: string, json: boolean, io: Io): Promise<number> {
  const { nc, js } = await connectFleet(url);
  const durable = `tail_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
  const stop = new AbortController();
  const off = io.onInterrupt(() => stop.abort());
  const colors = createColors(colorsWanted({ isTTY: io.isTTY }, io.env, undefined));
  try {
    // A consumer of its own that starts at the end of the stream and goes away if this process dies.
    for await (const e of consumeEvents(js, {
      durable,
      deliver: "new",
      inactiveSeconds: 60,
      signal: stop.signal,
      onReady: () => io.err(colors.dim(`tailing the fleet on ${url} (Ctrl-C to stop)`)),
    })) {
      const room = deliveryOf(e)?.uniqueId ?? "?";
      if (json) {
        io.out(JSON.stringify({ room, ...e.toJSON() }));
        continue;
      }
      const line = formatEvent(e, colors);
      if (line !== undefined) io.out(`${colors.dim(`@${room}`)}  ${line}`);
    }
  } finally {
    off();
    await (await js.jetstreamManager()).consumers.delete(defaultStreamName, durable).catch(() => {});
    await nc.drain();
  }
  return ExitCode.ok;
}
