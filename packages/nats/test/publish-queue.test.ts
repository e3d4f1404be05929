/**
 * The publish queue with a scripted sender: whatever fails, each room's events
 * are stored in the order they were offered, once each.
 */
import { describe, expect, it } from "vitest";
import { type Outgoing, PublishQueue } from "../src/publish-queue.js";
import type { PublishSender, Settle } from "../src/publish-sender.js";

/** A stream that stores what it is sent, and a hand that decides each send's fate. */
class ScriptedSender implements PublishSender {
  readonly stored: Outgoing[] = [];
  readonly sent: Array<{ item: Outgoing; settle: Settle }> = [];
  #reconnect: Array<() => void> = [];
  maxInFlightPerRoom = 0;
  send(item: Outgoing, settle: Settle): void {
    this.sent.push({ item, settle });
    const perRoom = this.sent.filter((s) => s.item.room === item.room).length;
    this.maxInFlightPerRoom = Math.max(this.maxInFlightPerRoom, perRoom);
  }
  /** Settles the oldest send (or the one at `index`): stored (unless already there), or lost. */
  answer(lost = false, index = 0): Outgoing {
    const [{ item, settle }] = this.sent.splice(index, 1) as [{ item: Outgoing; settle: Settle }];
    if (lost) settle(false, new Error("lost"));
    else {
      const duplicate = this.stored.includes(item);
      if (!duplicate) this.stored.push(item);
      settle(duplicate);
    }
    return item;
  }
  onReconnect(listener: () => void): void {
    this.#reconnect.push(listener);
  }
  reconnect(): void {
    for (const l of this.#reconnect) l();
  }
  close(): void {}
}

const item = (room: string, n: number): Outgoing => ({
  subject: `t.${room}.comment`,
  data: new Uint8Array([n]),
  msgID: `${room}:${n}`,
  room,
  cursor: `${room}-c${n}`,
});

function setup(window = 16, roomWindow = 1) {
  const sender = new ScriptedSender();
  const committed: string[] = [];
  let retries = 0;
  let outOfOrder = 0;
  const queue = new PublishQueue(sender, {
    window,
    roomWindow,
    capacity: 100,
    onStored: () => {},
    onCommitted: (i) => committed.push(i.cursor!),
    onRetry: () => retries++,
    onOutOfOrder: (_room, count) => {
      outOfOrder += count;
    },
  });
  return { sender, queue, committed, retries: () => retries, outOfOrder: () => outOfOrder };
}

const order = (stored: Outgoing[], room: string) => stored.filter((i) => i.room === room).map((i) => i.msgID);

describe("PublishQueue", () => {
  it("gives a held room's payloads buffers of their own, so a stuck room does not keep shared ones alive", () => {
    const { sender, queue } = setup(16, 2);
    const shared = new Uint8Array(64);
    const view = (room: string, n: number): Outgoing => ({
      ...item(room, n),
      data: shared.subarray(n, n + 1),
    });
    for (let n = 0; n < 4; n++) queue.offer(view("a", n));
    for (let n = 0; n < 8; n++) queue.offer(view("b", n));
    const bufferOf = (msgID: string) =>
      [...sender.sent.map((s) => s.item), ...sender.stored].find((i) => i.msgID === msgID)?.data.buffer;
    // A room within four windows keeps its views; b's ninth event (over 4 x 2) is copied.
    expect(bufferOf("a:0")).toBe(shared.buffer);
    queue.offer(view("b", 8));
    sender.answer(); // a:0 stored
    sender.answer(true); // a:1 lost: room a recovers, its events waiting get their own bytes
    while (sender.sent.length) sender.answer();
    sender.reconnect(); // room a sends again now, not after its back-off
    while (sender.sent.length) sender.answer();
    const stored = (msgID: string) => sender.stored.filter((i) => i.msgID === msgID).at(-1)!;
    expect(stored("a:0").data.buffer).toBe(shared.buffer);
    for (const n of [1, 2, 3]) {
      expect(stored(`a:${n}`).data.buffer).not.toBe(shared.buffer);
      expect(stored(`a:${n}`).data).toEqual(new Uint8Array([0]));
    }
    expect(stored("b:0").data.buffer).toBe(shared.buffer);
    expect(stored("b:8").data.buffer).not.toBe(shared.buffer);
  });
  it("with a room window of 1 keeps one publish per room in flight, many rooms at once", () => {
    const { sender, queue } = setup();
    for (let n = 0; n < 5; n++) for (const room of ["a", "b", "c"]) queue.offer(item(room, n));
    expect(sender.sent.map((s) => s.item.msgID)).toEqual(["a:0", "b:0", "c:0"]);
    while (sender.sent.length) sender.answer();
    expect(sender.maxInFlightPerRoom).toBe(1);
    for (const room of ["a", "b", "c"])
      expect(order(sender.stored, room)).toEqual([0, 1, 2, 3, 4].map((n) => `${room}:${n}`));
    expect(queue.size).toBe(0);
  });

  it("a lost publish holds its room back until it is stored: no later event overtakes it", async () => {
    const { sender, queue, committed, retries } = setup();
    for (let n = 0; n < 4; n++) {
      queue.offer(item("a", n));
      queue.offer(item("b", n));
    }
    sender.answer(); // a:0 stored
    sender.answer(true); // b:0 lost (sent into a dropped connection)
    sender.answer(); // a:1 stored; room b has nothing in flight now
    expect(sender.sent.map((s) => s.item.msgID)).toEqual(["a:2"]);
    expect(retries()).toBe(1);
    sender.reconnect(); // back: b:0 goes again at once
    expect(sender.sent.map((s) => s.item.msgID)).toEqual(["a:2", "b:0"]);
    while (sender.sent.length) sender.answer();
    expect(order(sender.stored, "b")).toEqual(["b:0", "b:1", "b:2", "b:3"]);
    expect(order(sender.stored, "a")).toEqual(["a:0", "a:1", "a:2", "a:3"]);
    expect(committed.filter((c) => c.startsWith("b"))).toEqual(["b-c0", "b-c1", "b-c2", "b-c3"]);
    await queue.flushed();
  });

  it("retries a failed head after a back-off without a reconnect, and a late answer to the old send is ignored", async () => {
    const { sender, queue } = setup();
    queue.offer(item("a", 0));
    queue.offer(item("a", 1));
    const first = sender.sent[0]!;
    sender.answer(true);
    await new Promise((r) => setTimeout(r, 120));
    expect(sender.sent.map((s) => s.item.msgID)).toEqual(["a:0"]);
    first.settle(false); // the first send's answer comes late: must not advance the room
    expect(sender.sent.map((s) => s.item.msgID)).toEqual(["a:0"]);
    sender.answer();
    sender.answer();
    expect(order(sender.stored, "a")).toEqual(["a:0", "a:1"]);
    await queue.flushed();
  });

  it("bounds the publishes in flight over all rooms by the window", () => {
    const { sender, queue } = setup(2);
    for (const room of ["a", "b", "c", "d"]) queue.offer(item(room, 0));
    expect(sender.sent).toHaveLength(2);
    sender.answer();
    expect(sender.sent).toHaveLength(2);
    expect(queue.inflight).toBe(2);
  });

  it("pipelines up to the room window per room, round robin over rooms, committing in order", () => {
    const { sender, queue, committed } = setup(16, 3);
    for (let n = 0; n < 5; n++) for (const room of ["a", "b"]) queue.offer(item(room, n));
    expect(sender.sent.map((s) => s.item.msgID)).toEqual(["a:0", "b:0", "a:1", "b:1", "a:2", "b:2"]);
    // The server stored a:0 and a:1 in order, but a:1's ack comes first: its cursor waits for a:0's.
    sender.stored.push(sender.sent[0]!.item);
    sender.answer(false, 2); // a:1
    expect(committed).toEqual([]);
    sender.answer(); // a:0
    expect(committed).toEqual(["a-c0", "a-c1"]);
    while (sender.sent.length) sender.answer();
    expect(sender.maxInFlightPerRoom).toBe(3);
    for (const room of ["a", "b"])
      expect(order(sender.stored, room)).toEqual([0, 1, 2, 3, 4].map((n) => `${room}:${n}`));
    expect(committed.filter((c) => c.startsWith("a"))).toEqual(["a-c0", "a-c1", "a-c2", "a-c3", "a-c4"]);
  });

  it("a dropped connection loses a suffix of the window: the room waits for every send, then resends from the first lost", async () => {
    const { sender, queue, outOfOrder, retries } = setup(16, 4);
    for (let n = 0; n < 6; n++) queue.offer(item("a", n));
    expect(sender.sent.map((s) => s.item.msgID)).toEqual(["a:0", "a:1", "a:2", "a:3"]);
    sender.answer(); // a:0 stored: a:4 goes out
    sender.answer(true); // a:1 lost: nothing new goes out while a:2 to a:4 are pending
    expect(sender.sent.map((s) => s.item.msgID)).toEqual(["a:2", "a:3", "a:4"]);
    sender.answer(true);
    sender.answer(true);
    sender.answer(true);
    expect(sender.sent).toHaveLength(0);
    expect(retries()).toBe(1);
    sender.reconnect();
    expect(sender.sent.map((s) => s.item.msgID)).toEqual(["a:1", "a:2", "a:3", "a:4"]);
    while (sender.sent.length) sender.answer();
    expect(order(sender.stored, "a")).toEqual([0, 1, 2, 3, 4, 5].map((n) => `a:${n}`));
    expect(outOfOrder()).toBe(0);
    await queue.flushed();
  });

  it("an ack given up on that was stored after all comes back a duplicate: not counted out of order", async () => {
    const { sender, queue, outOfOrder } = setup(16, 4);
    for (let n = 0; n < 3; n++) queue.offer(item("a", n));
    const first = sender.sent[0]!;
    sender.stored.push(first.item); // the server stored a:0, its ack is late
    sender.answer(true); // a:0 given up (timeout)
    sender.answer(); // a:1 stored
    sender.answer(); // a:2 stored
    sender.reconnect();
    expect(sender.sent.map((s) => s.item.msgID)).toEqual(["a:0"]); // stored ones are not sent again
    sender.answer(); // duplicate
    expect(order(sender.stored, "a")).toEqual(["a:0", "a:1", "a:2"]);
    expect(outOfOrder()).toBe(0);
    await queue.flushed();
  });

  it("counts events stored ahead of an earlier one whose publish was refused", async () => {
    const { sender, queue, outOfOrder, committed } = setup(16, 4);
    for (let n = 0; n < 3; n++) queue.offer(item("a", n));
    sender.answer(true); // a:0 refused
    sender.answer(); // a:1 stored anyway (a leader change between the two)
    sender.answer(); // a:2 stored
    sender.reconnect();
    sender.answer(); // a:0 stored now, behind a:1 and a:2
    expect(outOfOrder()).toBe(2);
    expect(committed).toEqual(["a-c0", "a-c1", "a-c2"]);
    await queue.flushed();
  });
});
