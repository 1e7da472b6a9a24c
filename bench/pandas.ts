/**
 * The pandas peer (issue 17): bench/peers/pandas_aging.py, the script a user writes instead of
 * running ar-desk (read_excel through openpyxl or read_csv, a little tidying, pivot_table and
 * groupby). Each run is a fresh `python3` process timed from outside (wall time, start-up and
 * `import pandas` included, as for `ar-desk analyze`); the script reports its peak RSS
 * (getrusage) and its own import / read / compute times. Its totals are checked, to the cent,
 * against `ar-desk analyze --json`.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { timing, type Timing } from "./stats";

const ROOT = path.resolve(__dirname, "..");
export const PANDAS_SCRIPT = path.join(__dirname, "peers", "pandas_aging.py");

/**
 * The interpreters tried, in order: $AR_DESK_BENCH_PYTHON alone when set; else python3 on PATH
 * (which may be a pyenv or venv one without pandas), then the system's.
 */
function candidates(): string[] {
  const chosen = process.env.AR_DESK_BENCH_PYTHON;
  return chosen ? [chosen] : ["python3", "/usr/bin/python3"];
}

export interface Python {
  bin: string;
  versions: Record<string, string>;
  /** Set when the first candidate could not be used and a later one was. */
  note: string | null;
}

/** The first Python that imports pandas and openpyxl, or why none does. */
export function findPython(): Python | { why: string } {
  const probe =
    "import json, sys, numpy, openpyxl, pandas; print(json.dumps({'python': sys.version.split()[0], " +
    "'pandas': pandas.__version__, 'numpy': numpy.__version__, 'openpyxl': openpyxl.__version__}))";
  const failures: string[] = [];
  for (const bin of candidates()) {
    const res = spawnSync(bin, ["-c", probe], { encoding: "utf8", timeout: 60_000 });
    if (res.error) {
      const code = (res.error as NodeJS.ErrnoException).code;
      failures.push(`${bin}: ${code === "ENOENT" ? "not found" : res.error.message}`);
      continue;
    }
    if (res.status !== 0) {
      const last = (res.stderr ?? "").trim().split("\n").pop() ?? `exit ${res.status}`;
      failures.push(`${bin}: ${last}`);
      continue;
    }
    const versions = JSON.parse(res.stdout) as Record<string, string>;
    return {
      bin,
      versions,
      note: failures.length > 0 ? `passed over ${failures.join("; ")}; used ${bin}` : null,
    };
  }
  return {
    why:
      `no Python with pandas and openpyxl (${failures.join("; ")}); ` +
      "apt-get install python3-pandas python3-openpyxl, or set AR_DESK_BENCH_PYTHON",
  };
}

/** What the script prints (see pandas_aging.py). */
interface PandasOutput {
  rows: { read: number; invoices: number };
  bucketLabels: string[];
  customers: {
    customer: string;
    currency: string;
    outstanding: number;
    overdue: number;
    buckets: number[];
  }[];
  timings: { importMs: number; readMs: number; computeMs: number };
  maxRssBytes: number;
}

export interface PandasRun {
  ms: number;
  output: PandasOutput;
}

/** One run of the script over `file`: wall time around the process, and what it printed. */
export function runPandas(
  python: Python,
  file: string,
  asOf: string,
  stdoutFile: string,
): PandasRun {
  const out = fs.openSync(stdoutFile, "w");
  const t = performance.now();
  const res = spawnSync(python.bin, [PANDAS_SCRIPT, file, "--as-of", asOf], {
    cwd: ROOT,
    stdio: ["ignore", out, "pipe"],
    timeout: 30 * 60_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  const ms = performance.now() - t;
  fs.closeSync(out);
  if (res.status !== 0) {
    const why = res.signal ? `killed by ${res.signal}` : `exit ${res.status}`;
    const last = (res.stderr?.toString() ?? "").trim().split("\n").slice(-2).join(" | ");
    throw new Error(`pandas_aging.py failed (${why})${last ? ": " + last : ""}`);
  }
  return { ms, output: JSON.parse(fs.readFileSync(stdoutFile, "utf8")) as PandasOutput };
}

export interface PandasFormatFigures {
  /** Wall time of the whole process, start-up and `import pandas` included. */
  timing: Timing;
  /** The largest of the runs' peak RSS, as the script reports it (getrusage). */
  maxRss: number;
  /** Medians of the script's own timings. */
  importMs: number;
  readMs: number;
  computeMs: number;
  /** Invoice rows the script aged (rows with a customer, an amount and an invoice date). */
  invoices: number;
  check: PandasCheck;
  /** pandas ÷ `ar-desk analyze` (summary) on the same file, end to end; null without `read`. */
  speedUp: number | null;
}

export interface PandasFigures {
  python: string;
  versions: Record<string, string>;
  script: string;
  /** Rows `ar-desk analyze --json` imported, for the invoices count above. */
  arDeskImported: number | null;
  formats: Partial<Record<"xlsx" | "csv", PandasFormatFigures>>;
}

export interface PandasCheck {
  /** (customer, currency) pairs compared: those either side lists. */
  compared: number;
  /** Figures (outstanding, overdue, 5 buckets) that differ by a cent or more. */
  mismatches: number;
  /** Pairs with at least one such figure. */
  pairsOff: number;
  maxDiffCents: number;
  examples: string[];
}

const FIGURES = ["outstanding", "overdue"];

/** pandas' totals against ar-desk's, per customer and currency, in minor units. */
export function comparePandas(
  pandas: PandasOutput,
  arDesk: Map<string, number[]>,
  labels: string[],
): PandasCheck {
  const names = [...FIGURES, ...labels];
  const mine = new Map<string, number[]>();
  // Bucket by bucket by label, so that a different set of buckets shows up as mismatches.
  const at = labels.map((l) => pandas.bucketLabels.indexOf(l));
  for (const c of pandas.customers) {
    const buckets = at.map((k) => (k < 0 ? NaN : c.buckets[k]));
    mine.set(`${c.customer.trim()}|${c.currency}`, [c.outstanding, c.overdue, ...buckets]);
  }
  const out: PandasCheck = {
    compared: 0,
    mismatches: 0,
    pairsOff: 0,
    maxDiffCents: 0,
    examples: [],
  };
  const zero = names.map(() => 0);
  for (const key of new Set([...arDesk.keys(), ...mine.keys()])) {
    const theirs = arDesk.get(key);
    const ours = mine.get(key);
    out.compared++;
    let off = false;
    names.forEach((name, k) => {
      const a = (theirs ?? zero)[k];
      const p = (ours ?? zero)[k];
      if (a === p) return;
      off = true;
      out.mismatches++;
      if (Number.isFinite(a - p)) out.maxDiffCents = Math.max(out.maxDiffCents, Math.abs(a - p));
      if (out.examples.length < 5) {
        const side = !ours ? " (not in pandas)" : !theirs ? " (not in ar-desk)" : "";
        out.examples.push(`${key} ${name}: pandas ${p} vs ar-desk ${a}${side}`);
      }
    });
    if (off) out.pairsOff++;
  }
  return out;
}

/**
 * ar-desk's per customer and currency figures from an `analyze --json` document, in minor units:
 * only its `customers` array is parsed (the document of a full sheet is ~450 MB, mostly items).
 */
export function arDeskTotals(jsonFile: string): {
  totals: Map<string, number[]>;
  labels: string[];
  imported: number | null;
} {
  const buf = fs.readFileSync(jsonFile);
  const head = buf.subarray(0, 4096).toString("utf8");
  const labels = JSON.parse(/"bucketLabels":(\[[^\]]*\])/.exec(head)?.[1] ?? "null") as
    string[] | null;
  if (!labels) throw new Error(`${jsonFile}: no bucketLabels`);
  const imported = /"imported":(\d+)/.exec(head);
  const start = buf.indexOf('"customers":[');
  const end = buf.indexOf(',"salespeople":', start);
  if (start < 0 || end < 0) throw new Error(`${jsonFile}: no customers array`);
  const doc = JSON.parse(`{${buf.subarray(start, end).toString("utf8")}}`) as {
    customers: {
      customer: string;
      currency: string | null;
      outstanding: number;
      overdue: number;
      buckets: Record<string, number>;
    }[];
  };
  const cents = (x: number) => Math.round(x * 100);
  const totals = new Map<string, number[]>();
  for (const c of doc.customers) {
    totals.set(`${c.customer.trim()}|${c.currency ?? ""}`, [
      cents(c.outstanding),
      cents(c.overdue),
      ...labels.map((l) => cents(c.buckets[l] ?? 0)),
    ]);
  }
  return { totals, labels, imported: imported ? Number(imported[1]) : null };
}

/** Medians and peak of several runs of one format. */
export function summarise(runs: PandasRun[]): Omit<PandasFormatFigures, "check" | "speedUp"> {
  const med = (xs: number[]) => timing(xs).median;
  return {
    timing: timing(runs.map((r) => r.ms)),
    maxRss: Math.max(...runs.map((r) => r.output.maxRssBytes)),
    importMs: med(runs.map((r) => r.output.timings.importMs)),
    readMs: med(runs.map((r) => r.output.timings.readMs)),
    computeMs: med(runs.map((r) => r.output.timings.computeMs)),
    invoices: runs[0].output.rows.invoices,
  };
}
