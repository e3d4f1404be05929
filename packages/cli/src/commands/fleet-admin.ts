import { consumeEvents, deliveryOf, FleetStore, fleetStatus } from "@tiktok-live/nats";
import { ExitCode } from "../exit-codes.js";
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

/** `fleet tail [--json]`: every event of the fleet as it arrives, from a consumer of its own. */
export async function fleetTail(url: string, json: boolean, io: Io): Promise<number> {
  const { nc, js } = await connectFleet(url);
  const durable = `tail_${Date.now().toString(36)}`;
  const stop = new AbortController();
  const off = io.onInterrupt(() => stop.abort());
  try {
    const jsm = await js.jetstreamManager();
    const info = await jsm.streams.info("TIKTOK_LIVE");
    for await (const e of consumeEvents(js, { durable, signal: stop.signal })) {
      const d = deliveryOf(e);
      // Only what arrives from now on: the stream's history is for durable consumers.
      if (d && d.streamSequence <= info.state.last_seq) continue;
      if (json) io.out(JSON.stringify({ room: d?.uniqueId, ...e.toJSON() }));
      else io.out(`${d?.uniqueId ?? "?"}  ${e.eventName}  ${JSON.stringify(e.toJSON()).slice(0, 160)}`);
    }
  } finally {
    off();
    await (await js.jetstreamManager()).consumers.delete("TIKTOK_LIVE", durable).catch(() => {});
    await nc.drain();
  }
  return ExitCode.ok;
}
