import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { codegenBin } from "./paths.js";

/**
 * ts-proto options. `forceLong=bigint` keeps 64-bit ids exact; the JSON and
 * service outputs are left out because the client only speaks binary.
 */
export const tsProtoOptions = [
  "esModuleInterop=true",
  "forceLong=bigint",
  "importSuffix=.js",
  "outputJsonMethods=false",
  "outputServices=false",
  "outputPartialMethods=true",
  "useOptionals=none",
  "env=browser",
  "exportCommonSymbols=false",
];

const buf = join(codegenBin, "buf");

/** Compiles the schema and returns its binary FileDescriptorSet (with imports, so every type resolves). */
export function buildDescriptorSet(schemaDir: string): Uint8Array {
  return new Uint8Array(
    execFileSync(buf, ["build", schemaDir, "--as-file-descriptor-set", "-o", "-#format=binpb"], {
      maxBuffer: 256 * 1024 * 1024,
    }),
  );
}

/** Runs ts-proto through buf into a fresh temporary directory and returns that directory. */
export function runTsProto(schemaDir: string): string {
  const out = mkdtempSync(join(tmpdir(), "tiktok-live-codegen-"));
  const template = {
    version: "v2",
    plugins: [
      {
        local: join(codegenBin, "protoc-gen-ts_proto"),
        out,
        opt: tsProtoOptions,
      },
    ],
  };
  const templateFile = join(out, "buf.gen.json");
  writeFileSync(templateFile, JSON.stringify(template));
  try {
    execFileSync(buf, ["generate", schemaDir, "--template", templateFile], {
      stdio: ["ignore", "inherit", "inherit"],
    });
  } finally {
    rmSync(templateFile);
  }
  return out;
}

export function readText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}
