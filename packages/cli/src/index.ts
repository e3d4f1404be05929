/**
 * The `tiktok-live` command line, usable as a library: `main(argv, io)` parses arguments,
 * runs a command and resolves to its exit code without calling `process.exit`.
 * @module
 */
export type { AuditFinding, AuditReport, MethodAudit } from "./audit/recording-audit.js";
export { auditRecording } from "./audit/recording-audit.js";
export { audit } from "./commands/audit.js";
export { replay } from "./commands/replay.js";
export { type SimulateOptions, simulate } from "./commands/simulate.js";
export { exitCodeFor, knownEventNames, type WatchOptions, watch } from "./commands/watch.js";
export { ExitCode } from "./exit-codes.js";
export { type Io, processIo } from "./io.js";
export { main, version } from "./main.js";
