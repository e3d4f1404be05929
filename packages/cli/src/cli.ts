#!/usr/bin/env node
// The `tiktok-live` bin. The command logic lives in main.ts, which the package's index also
// exports, so this file always runs: it is only ever executed, never imported (an installed
// bin is started through a symlink in node_modules/.bin, whose path does not end in cli.js).
import { ExitCode } from "./exit-codes.js";
import { main } from "./main.js";

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(ExitCode.failure);
  },
);
