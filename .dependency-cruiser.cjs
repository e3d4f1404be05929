// The allowed directions between the packages (issue 17). `pnpm deps:check` runs it, and the
// root `test` script runs that after lint. Workspace packages resolve to their sources
// (tsconfig.depcruise.json), so an arrow into another package's internals shows up here.
const internalsOf = (pkg, entries) => `^packages/${pkg}/src/(?!(${entries.join("|")})$)`;
const coreEntries = ["index\\.ts", "user-api\\.ts", "bytes/index\\.ts", "compression/zlib-engine\\.ts"];
const protoEntries = ["index\\.ts", "codecs\\.ts"];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "core-is-runtime-free",
      comment: "packages/core/src runs on every runtime: no node: built-ins (adapters supply them)",
      severity: "error",
      from: { path: "^packages/core/src/", pathNot: "\\.test\\.ts$" },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "core-below-adapters",
      comment: "core never imports an adapter, the testkit, nats or the CLI",
      severity: "error",
      from: { path: "^packages/core/src/", pathNot: "\\.test\\.ts$" },
      to: { path: "^packages/(node|deno-bun|testkit|nats|cli)/" },
    },
    {
      name: "core-tests-without-simulator",
      comment:
        "core's tests use fakes, msw and frames built from the codecs, not the simulator, which sits above core",
      severity: "error",
      from: { path: "^packages/core/(src|test)/" },
      to: { path: "^packages/testkit/" },
    },
    {
      name: "proto-imports-nothing-of-ours",
      comment: "the protocol package is the bottom layer",
      severity: "error",
      from: { path: "^packages/proto/src/" },
      to: { path: "^packages/(core|node|deno-bun|testkit|nats|cli)/" },
    },
    {
      name: "only-core-public-entries",
      comment: "other packages, tests and examples use core's public entries only",
      severity: "error",
      from: { pathNot: "^packages/core/" },
      to: { path: internalsOf("core", coreEntries) },
    },
    {
      name: "only-proto-public-entries",
      comment:
        "other packages, tests and examples use proto's public entries only (the generator's tests read its output)",
      severity: "error",
      from: { pathNot: "^(packages/proto|tools/codegen)/" },
      to: { path: internalsOf("proto", protoEntries) },
    },
    {
      name: "adapters-stay-apart",
      comment: "the Node and the Deno/Bun adapter do not import each other",
      severity: "error",
      from: { path: "^packages/(node|deno-bun)/src/" },
      to: { path: "^packages/(node|deno-bun)/src/", pathNot: "^packages/$1/" },
    },
    {
      name: "testkit-not-in-libraries",
      comment: "the simulator is for tests, the CLI and benchmarks, never a library's sources",
      severity: "error",
      from: { path: "^packages/(proto|core|node|deno-bun|nats)/src/", pathNot: "\\.test\\.ts$" },
      to: { path: "^packages/testkit/" },
    },
    {
      name: "no-cycles",
      severity: "error",
      from: { path: "^packages/" },
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
  ],
  options: {
    doNotFollow: { path: ["node_modules", "dist"] },
    exclude: { path: ["node_modules", "/dist/", "packages/proto/src/gen/webcast/", "\\.d\\.ts$"] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.depcruise.json" },
    enhancedResolveOptions: { extensions: [".ts", ".js", ".mjs", ".json"] },
  },
};
