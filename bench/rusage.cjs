// Preloaded (`node -r bench/rusage.cjs bin/ar-desk.js …`) into the command the bench times, so it
// learns the command's peak memory: on exit, the process's own maxRSS goes to the file named by
// AR_DESK_BENCH_RUSAGE. Nothing else changes in the command's behaviour.
"use strict";
const fs = require("node:fs");

const target = process.env.AR_DESK_BENCH_RUSAGE;
if (target) {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    fs.writeFileSync(target, JSON.stringify({ maxRSS: usage.maxRSS * 1024 }));
  });
}
