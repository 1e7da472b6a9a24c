/**
 * The hostile-file corpus (make-corpus.ts) through the command, each file for its expected
 * outcome, and for every file: the input byte-identical afterwards, no raw control character
 * printed, no stack trace, and the rows accounted for (read = imported + skipped + rejected,
 * and for a CSV every physical line a row or the header). The built command is also run in a
 * child process with its heap capped at 128 MB, so that a file that made it balloon would
 * crash it (the time bound is jest's: it must finish at all).
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { run } from "../support/cli";
import { corpus, writeCorpus, type Hostile } from "./make-corpus";

const ROOT = path.resolve(__dirname, "../..");
const BUILT = fs.existsSync(path.join(ROOT, "dist/cli/main.js"));
/** The heap cap of the child run, in MB. */
const HEAP_MB = 128;

// eslint-disable-next-line no-control-regex -- what must never reach the terminal
const RAW_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

interface Json {
  rows: { read: number; imported: number; skipped: number; rejected: number };
  sheets: { rows: { read: number; imported: number; skipped: number; rejected: number } }[];
  problems: { code: string; source: { row: number } | null }[];
}

let dir: string;
let files: Map<string, string>;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ar-desk-hostile-"));
  files = writeCorpus(dir);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const hash = (file: string) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");
const cases = corpus().map((h) => [h.name, h] as [string, Hostile]);

describe.each(cases)("%s", (name, h) => {
  test(`${h.about}: expected outcome, input unchanged, rows accounted for`, async () => {
    const file = files.get(name)!;
    const before = hash(file);
    const out = path.join(dir, `${name}.report.xlsx`);
    const args = ["analyze", file, "--as-of", "2026-06-30", "--lang", "en-US"];
    const json = await run(...args, "--json");
    const summary = await run(...args, "--problems", "--out", out);
    for (const r of [json, summary]) {
      expect(r.status).toBe(h.expected.status);
      expect(r.stdout + r.stderr).not.toMatch(RAW_CONTROL);
      expect(r.stderr).not.toMatch(/\s+at .*\.(ts|js):\d+/);
    }
    expect(hash(file)).toBe(before);
    if (h.expected.status === 2) {
      expect(json.stderr).toMatch(h.expected.message!);
      expect(json.stderr.trim().split("\n")).toHaveLength(1);
      expect(fs.existsSync(out)).toBe(false);
      return;
    }
    const doc = JSON.parse(json.stdout) as Json;
    const { read, imported, skipped, rejected } = doc.rows;
    expect(read).toBe(imported + skipped + rejected);
    for (const s of doc.sheets)
      expect(s.rows.read).toBe(s.rows.imported + s.rows.skipped + s.rows.rejected);
    if (h.expected.rows) {
      expect(read).toBe(h.expected.rows.read);
      if (h.expected.rows.imported !== undefined) expect(imported).toBe(h.expected.rows.imported);
    }
    if (h.expected.headerLines !== undefined) {
      // Every physical line is the header or a row read.
      const lines = Buffer.from(h.bytes)
        .toString("latin1")
        .split(/\r\n|\n/);
      const physical = lines.filter((l) => l.length > 0).length;
      expect(read + h.expected.headerLines).toBe(physical);
    }
    for (const p of h.expected.problems ?? []) {
      const found = doc.problems.filter((q) => q.code === p.code);
      expect(found.length).toBeGreaterThan(0);
      if (p.row !== undefined) expect(found.map((q) => q.source?.row)).toContain(p.row);
    }
    // The report workbook was written beside it, never over it.
    expect(fs.existsSync(out)).toBe(true);
  });
});

(BUILT ? describe : describe.skip)(`the built command with a ${HEAP_MB} MB heap`, () => {
  test.each(cases)("%s", (name, h) => {
    const file = files.get(name)!;
    const r = spawnSync(
      process.execPath,
      [
        `--max-old-space-size=${HEAP_MB}`,
        path.join(ROOT, "bin/ar-desk.js"),
        "analyze",
        file,
        "--as-of",
        "2026-06-30",
        "--json",
      ],
      { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
    );
    expect(r.signal).toBeNull();
    expect(r.status).toBe(h.expected.status);
    expect(r.stderr).not.toMatch(/heap out of memory|\s+at .*\.(ts|js):\d+/);
    // The built command writes --json as bytes, unscanned by the terminal guard: they must be
    // JSON and hold no control character.
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    if (r.status === 0) expect(() => JSON.parse(r.stdout) as unknown).not.toThrow();
  });
});
