import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import {
  InvalidOptionError,
  InvalidResponseError,
  NotAuthenticatedError,
} from "../../../src/errors/errors.js";
import { sendChat } from "../../../src/http/routes/send-chat.js";
import {
  bigRoomId,
  caught,
  countRequests,
  makeHarness,
  secretApiKey,
  secretSessionId,
  useServer,
} from "./fixtures/harness.js";

const server = useServer();
const requests = countRequests(server);

const chatUrl = "https://sign.example.test/webcast/chat/";

interface SeenChat {
  method: string;
  contentType: string | null;
  apiKey: string | null;
  cookie: string | null;
  body: unknown;
}

function serveChat(respond: () => Response): SeenChat[] {
  const seen: SeenChat[] = [];
  server.use(
    http.post(chatUrl, async ({ request }) => {
      seen.push({
        method: request.method,
        contentType: request.headers.get("content-type"),
        apiKey: request.headers.get("x-api-key"),
        cookie: request.headers.get("cookie"),
        body: await request.json(),
      });
      return respond();
    }),
  );
  return seen;
}

describe("sendChat", () => {
  it("throws NotAuthenticatedError without a session, before any request", async () => {
    const { ctx } = makeHarness();
    const before = requests.count;
    const seen = serveChat(() => HttpResponse.json({ code: 200 }));

    const error = await caught(() =>
      sendChat(ctx, { roomId: bigRoomId, content: "hello", ttTargetIdc: "useast1a", apiKey: secretApiKey }),
    );

    expect(error).toBeInstanceOf(NotAuthenticatedError);
    expect((error as NotAuthenticatedError).code).toBe("NOT_AUTHENTICATED");
    expect((error as NotAuthenticatedError).message).toContain("sessionId");
    expect(seen).toHaveLength(0);
    expect(requests.count).toBe(before);
  });

  it("posts roomId, content, session and data centre as JSON to the sign server", async () => {
    const { ctx } = makeHarness({ sessionId: secretSessionId });
    const seen = serveChat(() => HttpResponse.json({ code: 200, message: "ok", data: { msg_id: "74412" } }));

    await expect(
      sendChat(ctx, {
        roomId: bigRoomId,
        content: "hello from the tests 👋",
        sessionId: secretSessionId,
        ttTargetIdc: "eu-ttp2",
        apiKey: secretApiKey,
      }),
    ).resolves.toBeUndefined();

    expect(seen).toEqual([
      {
        method: "POST",
        contentType: "application/json",
        apiKey: secretApiKey,
        // The session goes in the body the signer needs, never as cookies.
        cookie: null,
        body: {
          roomId: bigRoomId,
          content: "hello from the tests 👋",
          sessionId: secretSessionId,
          ttTargetIdc: "eu-ttp2",
        },
      },
    ]);
  });

  it("accepts code 0 and omits X-Api-Key without a key", async () => {
    const { ctx } = makeHarness({ sessionId: secretSessionId });
    const seen = serveChat(() => HttpResponse.json({ code: 0, message: "success" }));

    await sendChat(ctx, {
      roomId: bigRoomId,
      content: "hi",
      sessionId: secretSessionId,
      ttTargetIdc: "useast1a",
    });

    expect(seen).toHaveLength(1);
    expect(seen[0]!.apiKey).toBeNull();
  });

  it("throws InvalidResponseError with the server's message on an error code", async () => {
    const { ctx } = makeHarness({ sessionId: secretSessionId });
    serveChat(() => HttpResponse.json({ code: 403, message: "Session expired or invalid", data: null }));

    const error = await caught(() =>
      sendChat(ctx, {
        roomId: bigRoomId,
        content: "hello",
        sessionId: secretSessionId,
        ttTargetIdc: "useast1a",
        apiKey: secretApiKey,
      }),
    );

    expect(error).toBeInstanceOf(InvalidResponseError);
    const invalid = error as InvalidResponseError;
    expect(invalid.code).toBe("INVALID_RESPONSE");
    expect(invalid.message).toBe("Sending chat failed: Session expired or invalid");
    expect(invalid.message).not.toContain(secretSessionId);
    expect(invalid.message).not.toContain(secretApiKey);
  });

  it("names the code when the error has no message", async () => {
    const { ctx } = makeHarness({ sessionId: secretSessionId });
    serveChat(() => HttpResponse.json({ code: 20003 }));

    const error = await caught(() =>
      sendChat(ctx, {
        roomId: bigRoomId,
        content: "hello",
        sessionId: secretSessionId,
        ttTargetIdc: "useast1a",
      }),
    );

    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).message).toBe("Sending chat failed: code 20003");
  });

  it("throws InvalidResponseError with the status when the sign server answers HTTP 500", async () => {
    const { ctx } = makeHarness({ sessionId: secretSessionId });
    serveChat(() => new HttpResponse("boom", { status: 500 }));

    const error = await caught(() =>
      sendChat(ctx, {
        roomId: bigRoomId,
        content: "hello",
        sessionId: secretSessionId,
        ttTargetIdc: "useast1a",
      }),
    );

    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).status).toBe(500);
    expect((error as InvalidResponseError).message).toBe(`${chatUrl} answered HTTP 500`);
  });

  it("refuses an empty comment as an invalid argument, without a request", async () => {
    const { ctx } = makeHarness({ sessionId: secretSessionId });
    const before = requests.count;

    const error = await caught(() =>
      sendChat(ctx, {
        roomId: bigRoomId,
        content: "   ",
        sessionId: secretSessionId,
        ttTargetIdc: "useast1a",
      }),
    );

    expect(error).toBeInstanceOf(InvalidOptionError);
    expect((error as InvalidOptionError).code).toBe("INVALID_OPTION");
    expect(requests.count).toBe(before);
  });
});
