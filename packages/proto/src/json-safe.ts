import { fieldsOf } from "./lazy-message.js";

/**
 * Turns a decoded message into plain JSON data: 64-bit integers become decimal
 * strings (JSON numbers would lose precision past 2^53) and bytes become base64.
 */
export function toJsonSafe(value: unknown): unknown {
  switch (typeof value) {
    case "bigint":
      return value.toString();
    case "object": {
      if (value === null) return null;
      if (value instanceof Uint8Array) return bytesToBase64(value);
      if (Array.isArray(value)) return value.map(toJsonSafe);
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(fieldsOf(value))) out[k] = toJsonSafe(v);
      return out;
    }
    default:
      return value;
  }
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}
