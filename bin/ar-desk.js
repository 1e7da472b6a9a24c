#!/usr/bin/env node
// Entry point of `npx ar-desk`. The CLI is compiled to dist/ by `npm ci` (the `prepare` script).
"use strict";
let main;
let installInterruptCleanup;
try {
  ({ main, installInterruptCleanup } = require("../dist/cli/main.js"));
} catch (err) {
  if (err && err.code === "MODULE_NOT_FOUND") {
    process.stderr.write("ar-desk: not built yet; run `npm ci` (or `npm run build:cli`) first\n");
    process.exit(2);
  }
  throw err;
}
// Ctrl-C or a kill while an output is being written leaves no partial file (io/safe-write.ts).
installInterruptCleanup();
// Piped into `head` or a closed pager: stop quietly, no stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err) => {
    if (err && err.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw err;
  });
}
// `writeBytes`: the UTF-8 of `--json`, written without being decoded and encoded again.
const stdout = {
  write: (text) => process.stdout.write(text),
  writeBytes: (bytes) => process.stdout.write(bytes),
  // Nothing queued: the last bytes are with the system (a file, and a pipe or terminal on
  // Linux, are written at once), so their buffer may be filled again.
  written: () => process.stdout.writableLength === 0,
};
main(process.argv.slice(2), { stdout, stderr: process.stderr }).then((status) => {
  process.exitCode = status;
});
