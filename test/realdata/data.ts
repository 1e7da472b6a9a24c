/**
 * Shared helpers for the real-data tests: where the third-party CSVs live, a skip when they are
 * absent, an in-process `ar-desk analyze --json` runner, and the tests' OWN tiny CSV reader,
 * date arithmetic and aging rules. Expected values are computed here and in the tests from the
 * raw files; nothing in src/core or src/sheet is used for them.
 */
import fs from "node:fs";
import path from "node:path";
import { main } from "../../src/cli/main";
import { AnalyzeJson } from "../../src/cli/json";

/** ../shared/data beside the repository clone; `AR_DESK_DATA` overrides it. */
export const DATA_DIR = process.env.AR_DESK_DATA
  ? path.resolve(process.env.AR_DESK_DATA)
  : path.resolve(__dirname, "../../../shared/data");
const DATA_LABEL = process.env.AR_DESK_DATA ? DATA_DIR : "../shared/data";

export function dataPath(file: string): string {
  return path.join(DATA_DIR, file);
}

/**
 * `describe(name, fn)` when every file is present; otherwise one skipped test that says which
 * file is missing (a user's clone has no ../shared/data), and one console warning.
 */
export function describeWithData(name: string, files: string[], fn: () => void): void {
  const missing = files.filter((f) => !fs.existsSync(dataPath(f)));
  if (missing.length === 0) {
    describe(name, fn);
    return;
  }
  const title =
    `${name}: skipped: ${missing.map((f) => `${DATA_LABEL}/${f}`).join(", ")} not found ` +
    "(real third-party data is only beside the CI clone)";
  console.warn(title);
  test.skip(title, () => undefined);
}

/** Runs `ar-desk <args>` in-process; the status must be 0 and stdout valid `AnalyzeJson`. */
export async function analyzeJson(args: string[]): Promise<AnalyzeJson> {
  let out = "";
  let err = "";
  const io = {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
  };
  const status = await main(["analyze", ...args, "--json"], io);
  if (status !== 0) throw new Error(`ar-desk analyze exited ${status}: ${err}`);
  return AnalyzeJson.parse(JSON.parse(out));
}

// ---------------------------------------------------------------- CSV (no quoted commas here)

export interface CsvRow {
  /** The file's own line number; the header is line 1. */
  line: number;
  cells: string[];
  get(column: string): string;
}

export interface Csv {
  header: string[];
  rows: CsvRow[];
}

export function readCsv(file: string): Csv {
  const text = fs.readFileSync(dataPath(file), "utf8").replace(/^\uFEFF/, "");
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === "") lines.pop();
  const header = lines[0].split(",");
  const index = new Map(header.map((h, i) => [h, i]));
  const rows = lines.slice(1).map((l, i): CsvRow => {
    const cells = l.split(",");
    return {
      line: i + 2,
      cells,
      get(column: string) {
        const c = index.get(column);
        if (c === undefined) throw new Error(`${file}: no column ${column}`);
        return cells[c] ?? "";
      },
    };
  });
  return { header, rows };
}

// ---------------------------------------------------------------- days and money

const DAY_MS = 86_400_000;

function day(y: number, m: number, d: number, text: string): number {
  const ms = Date.UTC(y, m - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) {
    throw new Error(`not a date: ${text}`);
  }
  return ms / DAY_MS;
}

/** Days since 1970-01-01 of `YYYY-MM-DD`. */
export function isoDay(s: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) throw new Error(`not ISO: ${s}`);
  return day(+m[1], +m[2], +m[3], s);
}

/** US `M/D/YYYY`. */
export function usDay(s: string): number {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (!m) throw new Error(`not M/D/YYYY: ${s}`);
  return day(+m[3], +m[1], +m[2], s);
}

/** Day-first `DD/MM/YYYY`. */
export function dmyDay(s: string): number {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (!m) throw new Error(`not DD/MM/YYYY: ${s}`);
  return day(+m[3], +m[2], +m[1], s);
}

export function isoOf(d: number): string {
  return new Date(d * DAY_MS).toISOString().slice(0, 10);
}

/** Major units (number or decimal text) to integer cents. */
export function cents(x: number | string): number {
  return Math.round(Number(x) * 100);
}

// ---------------------------------------------------------------- aging (DESIGN §3)

/**
 * The bucket of an open item. `days` is days overdue (basis "due") or age since the invoice
 * date (basis "invoice"); upper bounds are inclusive; `current` is days overdue ≤ 0.
 */
export function bucketIndex(days: number, thresholds: number[], basis: "due" | "invoice"): number {
  if (basis === "due") {
    if (days <= 0) return 0;
    const i = thresholds.findIndex((t) => days <= t);
    return i === -1 ? thresholds.length + 1 : i + 1;
  }
  const i = thresholds.findIndex((t) => days <= t);
  return i === -1 ? thresholds.length : i;
}

/** Per-group sums in cents: outstanding, overdue, and one entry per bucket label. */
export interface Sums {
  outstanding: number;
  overdue: number;
  buckets: number[];
}

export function emptySums(labels: number): Sums {
  return { outstanding: 0, overdue: 0, buckets: new Array<number>(labels).fill(0) };
}

/** The JSON's money figures of a customer or total, as cents, in the same shape. */
export function sumsOf(
  entry: { outstanding: number; overdue: number; buckets: Record<string, number> },
  labels: string[],
): Sums {
  expect(Object.keys(entry.buckets).sort()).toEqual([...labels].sort());
  return {
    outstanding: cents(entry.outstanding),
    overdue: cents(entry.overdue),
    buckets: labels.map((l) => cents(entry.buckets[l])),
  };
}
