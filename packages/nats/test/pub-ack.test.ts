import { describe, expect, it } from "vitest";
import { parsePubAck } from "../src/pub-ack.js";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("parsePubAck", () => {
  it("reads a stored publish and its duplicate flag as the server writes them", () => {
    expect(parsePubAck(bytes('{"stream":"TIKTOK_LIVE", "seq":1}'))).toEqual({
      kind: "stored",
      duplicate: false,
    });
    expect(parsePubAck(bytes('{"stream":"TIKTOK_LIVE", "seq":12,"duplicate": true}'))).toEqual({
      kind: "stored",
      duplicate: true,
    });
    expect(parsePubAck(bytes('{"stream":"S","domain":"hub","seq":7,"duplicate":false}'))).toEqual({
      kind: "stored",
      duplicate: false,
    });
    // Blanks around keys, values and the object, as JSON allows.
    expect(parsePubAck(bytes(' \n{ "seq" : 3 , "duplicate" :\ttrue }\r\n'))).toEqual({
      kind: "stored",
      duplicate: true,
    });
  });

  it("takes a key only where it is a key, not a string value", () => {
    expect(parsePubAck(bytes('{"stream":"seq","seq":2}'))).toEqual({ kind: "stored", duplicate: false });
    expect(parsePubAck(bytes('{"stream":"duplicate","seq":2}'))).toEqual({
      kind: "stored",
      duplicate: false,
    });
    expect(parsePubAck(bytes('{"stream":"error","seq":2}'))).toEqual({ kind: "stored", duplicate: false });
    expect(parsePubAck(bytes('{"stream":"seq"}')).kind).toBe("malformed");
  });

  it("reports a refusal with the server's text", () => {
    const text =
      '{"error":{"code":503,"err_code":10077,"description":"maximum messages exceeded"},"stream":"S","seq":0}';
    expect(parsePubAck(bytes(text))).toEqual({ kind: "refused", text });
    expect(parsePubAck(bytes('{"error" : {"code":400}}')).kind).toBe("refused");
  });

  it("calls anything else malformed, so the publish is sent again", () => {
    for (const text of [
      "",
      "   ",
      "{}",
      "{",
      "}",
      "null",
      "[1]",
      '"seq":1',
      '{"seq":1',
      '{"stream":"S"}',
      '{"seq":"1"}',
      '{"seq":null}',
      '{"seq":}',
      '{"seq"}',
      "+OK",
    ])
      expect(parsePubAck(bytes(text)), JSON.stringify(text)).toEqual({ kind: "malformed", text });
  });

  it("reads an ack inside a larger buffer (a view, as the client hands it over)", () => {
    const whole = bytes('xx{"stream":"S","seq":9,"duplicate":true}yy');
    expect(parsePubAck(whole.subarray(2, whole.length - 2))).toEqual({ kind: "stored", duplicate: true });
  });
});
