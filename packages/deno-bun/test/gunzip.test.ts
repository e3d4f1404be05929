import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { webGunzip } from "../src/gunzip.js";
import { zlibGunzip } from "../src/zlib-gunzip.js";

// DecompressionStream is web-standard, so the Deno/Bun gunzip runs under Node's too.
describe("webGunzip", () => {
  it("inflates a gzip member", async () => {
    const out = await webGunzip(gzipSync("hello from Deno and Bun"), 1024);
    expect(new TextDecoder().decode(out)).toBe("hello from Deno and Bun");
  });

  it("joins multi-chunk output", async () => {
    const big = new Uint8Array(300_000).map((_, i) => i % 251);
    const out = await webGunzip(gzipSync(big), 1_000_000);
    expect(out).toEqual(big);
  });

  it("stops at the cap instead of inflating a gzip bomb", async () => {
    const bomb = gzipSync(new Uint8Array(20 * 1024 * 1024));
    await expect(webGunzip(bomb, 256 * 1024)).rejects.toThrow(/exceeds 262144 bytes/);
  });

  it("rejects bytes that are not gzip", async () => {
    await expect(webGunzip(new Uint8Array([1, 2, 3, 4]), 1024)).rejects.toThrow();
  });
});

// Deno and Bun build node:zlib in, as Node does; tests/deno and tests/bun run the same checks there.
describe("zlibGunzip", () => {
  it("answers synchronously through the runtime's zlib", () => {
    const out = zlibGunzip(gzipSync("hello from Deno and Bun"), 1024);
    expect(out).toBeInstanceOf(Uint8Array);
    expect(new TextDecoder().decode(out as Uint8Array)).toBe("hello from Deno and Bun");
  });

  it("stops at the cap instead of inflating a gzip bomb", () => {
    const bomb = gzipSync(new Uint8Array(20 * 1024 * 1024));
    expect(() => zlibGunzip(bomb, 256 * 1024)).toThrow(RangeError);
  });
});
