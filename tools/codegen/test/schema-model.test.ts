import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildDescriptorSet } from "../src/buf.js";
import { loadOurs } from "../src/compare/load-reference.js";
import { loadSchemaModel } from "../src/schema-model.js";

// A map field declared before nested messages puts its synthetic entry type
// first in `nested_type`, so the source-info index of each nested message is
// one more than its position among the real nested messages.
const proto = `syntax = "proto3";
package webcast;

// The outer message.
message Outer {
  map<string, string> extra = 1;
  Inner inner = 2;
  Second second = 3;
  map<int64, string> more = 4;
  Third third = 5;

  // The first nested message.
  message Inner {
    // decided: the inner note.
    int32 value = 1;
  }

  // The second nested message.
  message Second {
    string text = 1;
  }

  // The third, after a second map.
  message Third {
    // decided: the third note.
    bool flag = 1;
  }
}
`;

const dir = mkdtempSync(join(tmpdir(), "schema-model-test-"));
mkdirSync(join(dir, "webcast"));
writeFileSync(join(dir, "buf.yaml"), "version: v2\nmodules:\n  - path: .\n");
writeFileSync(join(dir, "webcast/outer.proto"), proto);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("comments of nested messages declared after map fields", () => {
  it("gives each nested message its own leading comment", () => {
    const model = loadSchemaModel(buildDescriptorSet(dir));
    const docs = Object.fromEntries(model.messages.map((m) => [m.name, m.doc]));
    expect(docs).toEqual({
      Outer: "The outer message.",
      "Outer.Inner": "The first nested message.",
      "Outer.Second": "The second nested message.",
      "Outer.Third": "The third, after a second map.",
    });
  });

  it("reads decided: notes of nested fields at the same paths in the compare reader", () => {
    const schema = loadOurs(dir);
    expect(schema.messages.get("webcast.Outer.Inner")?.fields[0]?.decided).toBe("the inner note.");
    expect(schema.messages.get("webcast.Outer.Third")?.fields[0]?.decided).toBe("the third note.");
  });
});
