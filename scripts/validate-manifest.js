#!/usr/bin/env node
// `npm run validate [manifest]`: checks an add-in manifest (manifest.xml by default; a built one
// such as dist/web/manifest.xml may be given).
//
// 1. Offline: office-addin-manifest parses it (`info`), and the project's structural checks of
//    manifest.xml run (test/manifest.test.ts: schema order, resids, shared runtime, requirement
//    sets, zh-CN text, icons).
// 2. Online: office-addin-manifest's `validate` posts it to Microsoft's validation service.
//    Without network access that cannot run: it says so and the offline result stands.
//
// Why not just `office-addin-manifest validate`: its dependency @microsoft/app-manifest requires
// fs-extra without declaring it, and npm installs fs-extra only inside office-addin-manifest's
// own node_modules, so the CLI crashes with "Cannot find module 'fs-extra'". Until fs-extra is a
// direct devDependency (hoisted), the CLI runs here with that folder on NODE_PATH.
"use strict";

const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");
const manifest = path.resolve(process.argv[2] ?? path.join(ROOT, "manifest.xml"));

function cli() {
  let main;
  try {
    main = require.resolve("office-addin-manifest/cli.js", { paths: [ROOT] });
  } catch {
    return null;
  }
  // Where fs-extra can be found from office-addin-manifest (its nested copy).
  const env = { ...process.env };
  try {
    const fsExtra = require.resolve("fs-extra", { paths: [path.dirname(main)] });
    const modules = fsExtra.slice(0, fsExtra.lastIndexOf(`${path.sep}fs-extra${path.sep}`));
    env.NODE_PATH = [modules, env.NODE_PATH].filter(Boolean).join(path.delimiter);
  } catch {
    // Hoisted or missing: the CLI says which.
  }
  return (args) =>
    spawnSync(process.execPath, [main, ...args], {
      cwd: ROOT,
      env,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 120_000,
    });
}

function main() {
  if (!fs.existsSync(manifest)) {
    console.error(`No manifest at ${manifest}`);
    return 1;
  }
  const run = cli();
  if (!run) {
    console.error("office-addin-manifest is not installed (a devDependency): npm install");
    return 1;
  }
  let failed = false;

  console.log(`Offline checks of ${path.relative(ROOT, manifest) || manifest}`);
  const info = run(["info", manifest]);
  process.stdout.write(info.stdout);
  if (info.status !== 0 || /error/i.test(info.stderr)) {
    process.stderr.write(info.stderr);
    console.error("✗ office-addin-manifest could not read the manifest");
    failed = true;
  } else console.log("✓ office-addin-manifest reads it");

  const jest = spawnSync(
    process.execPath,
    [require.resolve("jest/bin/jest", { paths: [ROOT] }), "test/manifest.test.ts"],
    { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
  );
  if (jest.status !== 0) {
    process.stderr.write(jest.stderr);
    console.error("✗ structural checks of the source manifest.xml (test/manifest.test.ts) failed");
    failed = true;
  } else console.log("✓ structural checks of the source manifest.xml (test/manifest.test.ts) pass");

  console.log("Online check (Microsoft's manifest validation service)");
  const online = run(["validate", manifest]);
  const out = `${online.stdout}${online.stderr}`;
  if (
    /Unable to contact the manifest validation service|ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN/.test(
      out,
    )
  ) {
    console.warn(
      "! not run: the validation service (validationgateway.omex.office.net) cannot be reached " +
        "from here. The offline checks above stand; run `npm run validate` again with internet " +
        "access before publishing.",
    );
  } else {
    process.stdout.write(out);
    if (online.status !== 0 || /not valid|invalid|error/i.test(out)) failed = true;
  }
  return failed ? 1 : 0;
}

process.exitCode = main();
