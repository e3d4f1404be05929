import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generate } from "../src/generate.js";
import { userIdAlias } from "../src/user-id-alias.js";
import { copyFixture, targetsIn, tempDir } from "./targets.js";

// What the rewrite writes; that the users behave (id equals userId, no own `id`
// in JSON or copies) is tested on the real codecs in packages/proto/test/python-names.test.ts.

const roots: string[] = [];
afterAll(() => {
  for (const dir of roots) rmSync(dir, { recursive: true, force: true });
});

/** The fixture's common.ts codec module, with the User's field 1 named `fieldOne`. */
function commonCodecs(fieldOne: string): string {
  const root = tempDir();
  roots.push(root);
  const schemaDir = copyFixture(root);
  const proto = join(schemaDir, "webcast/common.proto");
  writeFileSync(proto, readFileSync(proto, "utf8").replace("int64 id = 1;", `int64 ${fieldOne} = 1;`));
  return generate(targetsIn(root, schemaDir)).outputs.get(join(root, "src/gen/webcast/common.ts"))!;
}

describe("userIdAlias", () => {
  const text = commonCodecs("user_id");
  const userInterface = text.slice(text.indexOf("export interface User {"));

  it("declares a read-only id beside userId", () => {
    expect(userInterface.slice(0, userInterface.indexOf("\n}\n"))).toMatch(
      /\n {2}userId: bigint;\n {2}\/\*\*[\s\S]*?\*\/\n {2}readonly id: bigint;\n/,
    );
  });

  it("builds eager users from a class with id on its prototype, the literal's defaults in its constructor", () => {
    expect(text).toContain("function createBaseUser(): User {\n  return new User$Eager();\n}\n");
    const eager = text.slice(text.indexOf("class User$Eager implements User {"));
    expect(eager.slice(0, eager.indexOf("\n}\n"))).toMatch(
      /constructor\(\) \{\n {4}this\.userId = 0n;\n {4}this\.nickname = "";\n[\s\S]*get id\(\): bigint \{\n {4}return this\.userId;/,
    );
    expect(text).toContain('Object.defineProperty(User$Eager.prototype, "constructor", { value: Object });');
  });

  it("gives the lazy class the getter, and its plain form no id", () => {
    const lazy = text.slice(text.indexOf("class User$Lazy implements User {"));
    const body = lazy.slice(0, lazy.indexOf("\n}\n"));
    expect(body).toContain("get id(): bigint {\n    return this.userId;\n  }");
    expect(body).toContain('[plainMessage](): Omit<User, "id"> {');
  });

  it("leaves a schema whose user has an id field of its own as it is", () => {
    const own = commonCodecs("id");
    expect(own).not.toContain("User$Eager");
    expect(userIdAlias(own)).toBe(own);
  });

  it("leaves files without a User message alone and fails on a User it does not recognise", () => {
    expect(userIdAlias("export interface Other {\n  id: bigint;\n}\n")).toBe(
      "export interface Other {\n  id: bigint;\n}\n",
    );
    expect(() => userIdAlias("\nexport interface User {\n  userId: string;\n}\n")).toThrow(/neither/);
    expect(() => userIdAlias("\nexport interface User {\n  userId: bigint;\n}\n")).toThrow(/createBaseUser/);
  });
});
