import type { IncomingMessage } from "node:http";
import {
  HeartBeatMessage,
  ProtoMessageFetchResult,
  WebcastImEnterRoomMessage,
  WebcastPushFrame,
} from "@tiktok-live/proto";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import {
  chat,
  heartbeatTimeoutCode,
  like,
  type Simulator,
  type SimulatorOptions,
  sampleUsers,
  scenario,
  startSimulator,
} from "../src/index.js";

const sims: Simulator[] = [];
const sockets: WebSocket[] = [];

async function sim(options: SimulatorOptions = {}): Promise<Simulator> {
  const s = await startSimulator({ speed: 0, ...options });
  sims.push(s);
  return s;
}

afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

function pushUrl(s: Simulator, roomId = s.roomId): string {
  return `ws://127.0.0.1:${s.port}/webcast/im/push/v2/?room_id=${roomId}&compress=gzip&version_code=180800`;
}

function connect(url: string, headers: Record<string, string> = {}): WebSocket {
  const ws = new WebSocket(url, { headers });
  // Terminating a socket whose handshake was refused reports an error; the tests look at events instead.
  ws.on("error", () => {});
  sockets.push(ws);
  return ws;
}

function opened(ws: WebSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
    ws.once("unexpected-response", (_req, res: IncomingMessage) =>
      reject(new Error(`unexpected response ${res.statusCode}`)),
    );
  });
}

function closed(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) =>
    ws.once("close", (code, reason) => resolve({ code, reason: String(reason) })),
  );
}

const frame = (payloadType: string, payload: Uint8Array, logId = 1n) =>
  WebcastPushFrame.encode(
    WebcastPushFrame.fromPartial({ payloadType, payload, logId, payloadEncoding: "pb" }),
  ).finish();

const heartbeat = (roomId: string, seq: bigint) =>
  frame(
    "hb",
    HeartBeatMessage.encode(
      HeartBeatMessage.fromPartial({ roomId: BigInt(roomId), sendPacketSeqId: seq }),
    ).finish(),
  );

const enterRoom = (roomId: string) =>
  frame(
    "im_enter_room",
    WebcastImEnterRoomMessage.encode(
      WebcastImEnterRoomMessage.fromPartial({ roomId: BigInt(roomId), cursor: "" }),
    ).finish(),
  );

async function signFetch(s: Simulator, query: string, headers: Record<string, string> = {}) {
  return fetch(`${s.baseUrls.signServer}/webcast/fetch/?${query}`, { headers });
}

describe("sign server", () => {
  it("answers 401 to a wrong or missing X-Api-Key when an API key is set", async () => {
    const s = await sim({ apiKey: "right-key" });
    const wrong = await signFetch(s, `room_id=${s.roomId}`, { "X-Api-Key": "wrong-key" });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ message: "Invalid API key" });
    const missing = await signFetch(s, `room_id=${s.roomId}`);
    expect(missing.status).toBe(401);
    await missing.arrayBuffer();
    const right = await signFetch(s, `room_id=${s.roomId}`, { "X-Api-Key": "right-key" });
    expect(right.status).toBe(200);
    await right.arrayBuffer();
    expect(s.state.signRequests.map((r) => r.headers["x-api-key"])).toEqual([
      "wrong-key",
      undefined,
      "right-key",
    ]);
    expect(s.clientOptions().signApiKey).toBe("right-key");
  });

  it("needs no key when none is set", async () => {
    const s = await sim();
    const res = await signFetch(s, `room_id=${s.roomId}`, { "X-Api-Key": "anything" });
    expect(res.status).toBe(200);
    const result = ProtoMessageFetchResult.decode(new Uint8Array(await res.arrayBuffer()));
    expect(result.pushServer).toBe(`ws://127.0.0.1:${s.port}/webcast/im/push/v2/`);
    expect(result.isFirst).toBe(true);
    expect(res.headers.get("x-set-tt-cookie")).toContain(`ttwid=${s.state.ttwid}`);
    expect(s.clientOptions().signApiKey).toBeUndefined();
  });

  it("answers 404 for another room or an offline one", async () => {
    const s = await sim();
    const other = await signFetch(s, "room_id=123");
    expect(other.status).toBe(404);
    await other.arrayBuffer();
    const off = await sim({ offline: true });
    const res = await signFetch(off, `room_id=${off.roomId}`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ message: "room is not live" });
  });

  it("on resume, returns the messages after the cursor with an overlap of 2", async () => {
    const s = await sim();
    const sent = Array.from({ length: 5 }, (_, i) => chat(sampleUsers[i]!, `message ${i}`));
    for (const m of sent) s.send(m);
    expect(s.log).toHaveLength(5);

    const res = await signFetch(s, `room_id=${s.roomId}&cursor=sim-3`);
    expect(res.status).toBe(200);
    const result = ProtoMessageFetchResult.decode(new Uint8Array(await res.arrayBuffer()));
    expect(result.messages.map((m) => m.msgId)).toEqual(sent.slice(1).map((m) => m.msgId));
    expect(result.messages.map((m) => m.method)).toEqual(Array(4).fill("WebcastChatMessage"));
    expect(result.cursor).toBe("sim-5");
    expect(result.isFirst).toBe(false);
  });

  it("resume honours resumeOverlap and the start of the log", async () => {
    const s = await sim({ resumeOverlap: 0 });
    const sent = [like(sampleUsers[0]!, 1, 1), like(sampleUsers[1]!, 2, 3), like(sampleUsers[2]!, 3, 6)];
    s.send(...sent);
    const decode = async (cursor: string) =>
      ProtoMessageFetchResult.decode(
        new Uint8Array(await (await signFetch(s, `room_id=${s.roomId}&cursor=${cursor}`)).arrayBuffer()),
      ).messages.map((m) => m.msgId);
    expect(await decode("sim-2")).toEqual([sent[2]!.msgId]);
    expect(await decode("sim-3")).toEqual([]);
    const withOverlap = await sim();
    withOverlap.send(...sent);
    const res = await signFetch(withOverlap, `room_id=${withOverlap.roomId}&cursor=sim-1`);
    const result = ProtoMessageFetchResult.decode(new Uint8Array(await res.arrayBuffer()));
    expect(result.messages.map((m) => m.msgId)).toEqual(sent.map((m) => m.msgId));
  });

  it("puts the scenario's history in the first fetch", async () => {
    const history = chat(sampleUsers[3]!, "welcome");
    const s = await sim({ scenario: scenario("h").history(history).build() });
    const res = await signFetch(s, `room_id=${s.roomId}`);
    const result = ProtoMessageFetchResult.decode(new Uint8Array(await res.arrayBuffer()));
    expect(result.messages.map((m) => m.msgId)).toEqual([history.msgId]);
  });
});

describe("room routes", () => {
  it("check_alive reflects the room status", async () => {
    const s = await sim();
    const alive = async (ids: string) => {
      const res = await fetch(`${s.baseUrls.webcast}/room/check_alive/?room_ids=${ids}`);
      return ((await res.json()) as { data: Array<{ room_id_str: string; alive: boolean }> }).data;
    };
    expect(await alive(`${s.roomId},42`)).toEqual([
      { room_id_str: s.roomId, alive: true },
      { room_id_str: "42", alive: false },
    ]);
    s.endLive();
    expect(await alive(s.roomId)).toEqual([{ room_id_str: s.roomId, alive: false }]);

    const off = await sim({ offline: true });
    const res = await fetch(`${off.baseUrls.webcast}/room/check_alive/?room_ids=${off.roomId}`);
    expect(((await res.json()) as { data: Array<{ alive: boolean }> }).data[0]!.alive).toBe(false);
  });

  it("the user API finds the host and nobody else", async () => {
    const s = await sim();
    const found = (await (
      await fetch(`${s.baseUrls.web}/api-live/user/room/?uniqueId=${s.uniqueId}`)
    ).json()) as {
      statusCode: number;
      data: { user: { roomId: string } };
    };
    expect(found.statusCode).toBe(0);
    expect(found.data.user.roomId).toBe(s.roomId);
    const missing = (await (
      await fetch(`${s.baseUrls.web}/api-live/user/room/?uniqueId=someone_else`)
    ).json()) as {
      statusCode: number;
    };
    expect(missing.statusCode).not.toBe(0);
  });
});

describe("push server", () => {
  it("refuses a handshake without the ttwid cookie with HTTP 200 and a Handshake-Msg header", async () => {
    const s = await sim();
    const ws = connect(pushUrl(s));
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      ws.once("open", () => reject(new Error("the handshake was accepted")));
      ws.once("unexpected-response", (_req, response: IncomingMessage) => resolve(response));
      ws.once("error", reject);
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers["handshake-msg"]).toBe("missing cookie");
    res.resume();
    expect(s.push.handshakes).toHaveLength(1);
    expect(s.push.handshakes[0]!.accepted).toBe(false);
    expect(s.push.sessions.size).toBe(0);
  });

  it("refuses a handshake for another room, even with the cookie", async () => {
    const s = await sim();
    const ws = connect(pushUrl(s, "999"), { Cookie: `ttwid=${s.state.ttwid}` });
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      ws.once("open", () => reject(new Error("the handshake was accepted")));
      ws.once("unexpected-response", (_req, response: IncomingMessage) => resolve(response));
    });
    expect(res.headers["handshake-msg"]).toBe("room_id mismatch");
    res.resume();
  });

  it("accepts a handshake with the cookie", async () => {
    const s = await sim();
    const ws = connect(pushUrl(s), { Cookie: `ttwid=${s.state.ttwid}; other=1` });
    await opened(ws);
    expect(s.push.handshakes.map((h) => h.accepted)).toEqual([true]);
  });

  it("closes a client that never sends a heartbeat with code 4001", async () => {
    const s = await sim({ heartbeatTimeoutMs: 80 });
    const ws = connect(pushUrl(s), { Cookie: `ttwid=${s.state.ttwid}` });
    const done = closed(ws);
    await opened(ws);
    const started = Date.now();
    const { code, reason } = await done;
    expect(code).toBe(heartbeatTimeoutCode);
    expect(code).toBe(4001);
    expect(reason).toBe("heartbeat timeout");
    expect(Date.now() - started).toBeGreaterThanOrEqual(50);
  });

  it("keeps a client that heartbeats, and echoes each heartbeat", async () => {
    const s = await sim({ heartbeatTimeoutMs: 150 });
    const ws = connect(pushUrl(s), { Cookie: `ttwid=${s.state.ttwid}` });
    const received: string[] = [];
    ws.on("message", (data: Buffer) =>
      received.push(WebcastPushFrame.decode(new Uint8Array(data)).payloadType),
    );
    let isClosed = false;
    ws.on("close", () => {
      isClosed = true;
    });
    await opened(ws);
    for (let seq = 1n; seq <= 8n; seq++) {
      ws.send(heartbeat(s.roomId, seq));
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(isClosed).toBe(false);
    const [session] = [...s.push.sessions];
    expect(session!.heartbeats).toBe(8);
    expect(session!.lastHeartbeatSeq).toBe(8n);
    expect(session!.heartbeatRoomId).toBe(BigInt(s.roomId));
    expect(received.filter((t) => t === "hb")).toHaveLength(8);
  });

  it("runs a load scenario once a client enters: n messages arrive in the log", async () => {
    const s = await sim({ scenario: scenario("load").load(200, { perBatch: 20, intervalMs: 1 }).build() });
    const ws = connect(pushUrl(s), { Cookie: `ttwid=${s.state.ttwid}` });
    let batches = 0;
    ws.on("message", (data: Buffer) => {
      if (WebcastPushFrame.decode(new Uint8Array(data)).payloadType === "msg") batches++;
    });
    await opened(ws);
    const entered = s.waitForClient(2000);
    ws.send(enterRoom(s.roomId));
    expect((await entered).entered).toBe(true);
    await s.done;
    expect(s.log).toHaveLength(200);
    await new Promise((r) => setTimeout(r, 50));
    expect(batches).toBe(10);
  });
});
