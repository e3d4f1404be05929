import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { InvalidResponseError } from "../../../src/errors/errors.js";
import { checkAliveBatchSize, fetchAliveRooms } from "../../../src/http/routes/check-alive.js";
import { makeHarness, useServer } from "./fixtures/harness.js";

const server = useServer();
const url = "https://webcast.tiktok.com/webcast/room/check_alive/";

describe("fetchAliveRooms", () => {
  it("asks for many rooms per request, in chunks, and maps each answer to its room", async () => {
    const asked: string[][] = [];
    server.use(
      http.get(url, ({ request }) => {
        const ids = (new URL(request.url).searchParams.get("room_ids") ?? "").split(",");
        asked.push(ids);
        // Odd ids are live; the last id of each chunk is left out of the answer.
        return HttpResponse.json({
          data: ids.slice(0, -1).map((id) => ({ room_id_str: id, alive: BigInt(id) % 2n === 1n })),
        });
      }),
    );
    const rooms = Array.from({ length: checkAliveBatchSize + 3 }, (_, i) =>
      String(7400000000000000000n + BigInt(i)),
    );
    const alive = await fetchAliveRooms(makeHarness().ctx, rooms);
    expect(asked.map((a) => a.length)).toEqual([checkAliveBatchSize, 3]);
    expect(alive.get(rooms[1]!)).toBe(true);
    expect(alive.get(rooms[2]!)).toBe(false);
    // Left out by TikTok: reported as not live rather than dropped.
    expect(alive.get(rooms[checkAliveBatchSize - 1]!)).toBe(false);
    expect(alive.size).toBe(rooms.length);
  });

  it("throws InvalidResponseError when the answer has no data array", async () => {
    server.use(http.get(url, () => HttpResponse.json({ status_code: 0 })));
    await expect(fetchAliveRooms(makeHarness().ctx, ["1"])).rejects.toBeInstanceOf(InvalidResponseError);
  });
});
