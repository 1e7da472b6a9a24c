#!/usr/bin/env node
// Entry point of `npx ar-desk`. The CLI is compiled to dist/ by `npm ci` (the `prepare` script).
"use strict";
let main;
try {
  ({ main } = require("../dist/cli/main.js"));
} catch (err) {
  if (err && err.code === "MODULE_NOT_FOUND") {
    process.stderr.write("ar-desk: not built yet; run `npm ci` (or `npm run build:cli`) first\n");
    process.exit(2);
  }
  throw err;
}
main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then((status) => {
  process.exitCode = status;
});
