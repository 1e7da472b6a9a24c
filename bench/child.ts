/**
 * One measurement in a fresh process, so its peak memory (maxRSS) is its own. Started by
 * run.ts with `fork(child.ts, [task, JSON args])`; answers with one IPC message.
 *
 * Tasks:
 * - core: `importGrids` then `analyze` on the in-memory grid of the generated sheet;
 * - baseline: the date-fns implementation on the same grid, then its totals against ar-desk's;
 * - writer: `reportSpecs` and `writeSpecs` (SheetSpec → .xlsx) of the analysis;
 * - gridcheck: the in-memory grid equals what the fast .xlsx reader reads from the file.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { analyze, type Analysis } from "../src/core/analyze";
import { ItemStatus } from "../src/core/position";
import { openXlsx } from "../src/io/xlsx";
import { writeSpecs } from "../src/cli/xlsx-writer";
import type { CellValue, Grid } from "../src/sheet/grid";
import { importGrids, type ImportResult } from "../src/sheet/import";
import { reportSpecs } from "../src/sheet/report";
import {
  baselineAging,
  baselineParse,
  type BaselineResult,
  type BaselineTotals,
  type Invoice,
} from "./baseline";
import { AS_OF, AS_OF_ISO, cacheDir, COL, generateRows, gridRows, makeCustomers } from "./data";
import type { FunctionsFigures } from "./sections";
import { collect, measure, timing, type Timing } from "./stats";

export interface Memory {
  rss: number;
  heapUsed: number;
  arrayBuffers: number;
  /** Peak resident set of the process so far, bytes. */
  maxRss: number;
}

function memory(): Memory {
  const m = process.memoryUsage();
  const maxRss = process.resourceUsage().maxRSS * 1024;
  return { rss: m.rss, heapUsed: m.heapUsed, arrayBuffers: m.arrayBuffers, maxRss };
}

export interface CoreResult {
  rows: number;
  counts: ImportResult["rows"];
  problems: number;
  customers: number;
  positions: number;
  /** With the grid built, before the first import. */
  before: Memory;
  /** Right after the first (cold) import + analyze, results still held. */
  after: Memory;
  firstImportMs: number;
  firstAnalyzeMs: number;
  import: Timing;
  analyze: Timing;
}

function makeGrid(rows: number): Grid {
  return { file: `receivables-${rows}.xlsx`, sheet: "应收明细", rows: gridRows(rows) };
}

function core(rows: number, runs: number): CoreResult {
  const grid = makeGrid(rows);
  collect();
  const before = memory();
  let t = performance.now();
  let imported = importGrids([{ grid }]);
  const firstImportMs = performance.now() - t;
  t = performance.now();
  let analysis = analyze(imported.ledger, AS_OF);
  const firstAnalyzeMs = performance.now() - t;
  const after = memory();
  const importTiming = measure(
    () => {
      imported = importGrids([{ grid }]);
    },
    runs,
    0,
  );
  // A shallow copy of the ledger each time: the engine caches due dates per ledger object, and a
  // warm cache would flatter the figure.
  const analyzeTiming = measure(
    () => {
      analysis = analyze({ ...imported.ledger }, AS_OF);
    },
    runs,
    0,
  );
  return {
    rows,
    counts: imported.rows,
    problems: imported.problems.length,
    customers: imported.ledger.customers.length,
    positions: analysis.customers.length,
    before,
    after,
    firstImportMs,
    firstAnalyzeMs,
    import: importTiming,
    analyze: analyzeTiming,
  };
}

export interface Comparison {
  /** (customer, currency) positions and currency totals compared. */
  compared: number;
  /** Figures (outstanding, overdue, 5 buckets) that differ by a cent or more. */
  mismatches: number;
  maxDiffCents: number;
  examples: string[];
}

const CURRENCY_TEXT: Record<string, string> = { CNY: "人民币", USD: "美元" };

/** The baseline's totals against ar-desk's, in cents. */
export function compareWithArDesk(base: BaselineResult, a: Analysis): Comparison {
  const out: Comparison = { compared: 0, mismatches: 0, maxDiffCents: 0, examples: [] };
  const check = (what: string, mine: BaselineTotals | undefined, minor: number[]) => {
    const theirs = mine ? [mine.outstanding, mine.overdue, ...mine.buckets] : [0, 0, 0, 0, 0, 0, 0];
    out.compared++;
    theirs.forEach((major, k) => {
      const diff = Math.abs(Math.round(major * 100) - minor[k]);
      if (diff === 0) return;
      out.mismatches++;
      out.maxDiffCents = Math.max(out.maxDiffCents, diff);
      if (out.examples.length < 5) out.examples.push(`${what}[${k}]: ${major} vs ${minor[k]}`);
    });
  };
  const cur = a.ledger.currencies;
  const seen = new Set<string>();
  for (const g of a.customers) {
    const code = a.ledger.customers[g.customer].code.trim();
    const key = `${code}|${CURRENCY_TEXT[cur[g.currency] ?? ""]}`;
    seen.add(key);
    check(key, base.customers.get(key), [g.outstanding, g.overdue, ...g.buckets]);
  }
  for (const [key, totals] of base.customers) {
    if (!seen.has(key)) check(key, totals, [0, 0, 0, 0, 0, 0, 0]);
  }
  for (const t of a.totals) {
    const key = CURRENCY_TEXT[cur[t.currency] ?? ""];
    check(`total ${key}`, base.totals.get(key), [t.outstanding, t.overdue, ...t.buckets]);
  }
  return out;
}

export interface BaselineRunResult {
  rows: number;
  invoices: number;
  before: Memory;
  after: Memory;
  firstMs: number;
  /** Rows → objects with Dates; objects → per-customer totals. */
  parse: Timing;
  aging: Timing;
  comparison: Comparison;
}

function baseline(rows: number, runs: number): BaselineRunResult {
  const grid = makeGrid(rows);
  const asOf = new Date(AS_OF_ISO + "T00:00:00");
  collect();
  const before = memory();
  const t = performance.now();
  let invoices: Invoice[] = baselineParse(grid.rows);
  let result = baselineAging(invoices, asOf);
  const firstMs = performance.now() - t;
  const after = memory();
  const parse = measure(
    () => {
      invoices = baselineParse(grid.rows);
    },
    runs,
    0,
  );
  const aging = measure(
    () => {
      result = baselineAging(invoices, asOf);
    },
    runs,
    0,
  );
  const a = analyze(importGrids([{ grid }]).ledger, AS_OF);
  return {
    rows,
    invoices: result.invoices,
    before,
    after,
    firstMs,
    parse,
    aging,
    comparison: compareWithArDesk(result, a),
  };
}

export interface WriterResult {
  rows: number;
  sheets: number;
  /** Rows and non-empty cells over all the report's sheets. */
  specRows: number;
  specCells: number;
  bytes: number;
  specs: Timing;
  write: Timing;
  after: Memory;
}

async function writer(rows: number, runs: number, warmup: number): Promise<WriterResult> {
  const grid = makeGrid(rows);
  const imported = importGrids([{ grid }]);
  const analysis = analyze(imported.ledger, AS_OF);
  const specsTiming = measure(() => reportSpecs(imported, analysis, "zh-CN"), runs, 1);
  const specs = reportSpecs(imported, analysis, "zh-CN");
  let specRows = 0;
  let specCells = 0;
  for (const s of specs) {
    specRows += s.rows.length;
    for (const row of s.rows) for (const v of row) if (v !== null && v !== undefined) specCells++;
  }
  const file = path.join(cacheDir(), `report-${rows}-${process.pid}.xlsx`);
  const times: number[] = [];
  for (let k = 0; k < runs + warmup; k++) {
    collect();
    const t = performance.now();
    await writeSpecs(file, specs);
    if (k >= warmup) times.push(performance.now() - t);
  }
  const bytes = fs.statSync(file).size;
  fs.rmSync(file, { force: true });
  return {
    rows,
    sheets: specs.length,
    specRows,
    specCells,
    bytes,
    specs: specsTiming,
    write: timing(times),
    after: memory(),
  };
}

/** Whether the grid made in memory is the grid the fast reader reads from the .xlsx. */
function gridcheck(rows: number, xlsx: string): { equal: boolean; firstDifference: string | null } {
  const mine = gridRows(rows);
  const book = openXlsx(fs.readFileSync(xlsx));
  const read = book.readSheet(book.sheetNames[0]);
  const trim = (row: CellValue[] | undefined) => {
    const r = [...(row ?? [])];
    while (r.length > 0 && (r[r.length - 1] === null || r[r.length - 1] === undefined)) r.pop();
    return JSON.stringify(r.map((v) => v ?? null));
  };
  const n = Math.max(mine.length, read.length);
  for (let r = 0; r < n; r++) {
    const a = trim(mine[r]);
    const b = trim(read[r]);
    if (a !== b) return { equal: false, firstDifference: `row ${r + 1}: ${a} vs ${b}` };
  }
  return { equal: true, firstDifference: null };
}

/** What the bench needs of src/functions/impl.ts (issue 3): matrices in, a matrix out. */
interface FunctionsModule {
  aging(date: unknown, asOf: unknown): unknown[][];
  agingTable(customers: unknown, dueDates: unknown, balances: unknown, asOf: unknown): unknown[][];
}

/**
 * The custom functions over the whole column, as Excel passes ranges (an n×1 matrix, "" for a
 * blank cell): one spilled AR.AGING, one AR.AGINGTABLE, and the cost of a one-cell AR.AGING.
 * Loaded at run time, so that the module being written does not stop the rest of the suite.
 */
function functions(rows: number, runs: number): FunctionsFigures {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const f = require("../src/functions/impl") as Partial<FunctionsModule>;
  if (typeof f.aging !== "function" || typeof f.agingTable !== "function") {
    throw new Error("src/functions/impl.ts exports no aging and agingTable");
  }
  const mod = f as FunctionsModule;
  const due: unknown[][] = [];
  const customers: unknown[][] = [];
  const balances: unknown[][] = [];
  for (const row of generateRows(rows, makeCustomers(rows))) {
    const c = row.clean;
    due.push([c ? c.dueDate : ""]);
    customers.push([c ? (row.cells[COL.customer] as string) : ""]);
    balances.push([c ? (c.amount - (c.paid ?? 0)) / 100 : ""]);
  }
  const asOf = [[AS_OF]];
  let spilled: unknown[][] = [];
  const agingSpill = measure(
    () => {
      spilled = mod.aging(due, asOf);
    },
    runs,
    1,
  );
  const agingTable = measure(() => mod.agingTable(customers, due, balances, asOf), runs, 1);
  const calls = 200_000;
  const cells = due.slice(0, 1024).map((row) => [row]);
  const perCall = measure(
    () => {
      for (let i = 0; i < calls; i++) mod.aging(cells[i & 1023], asOf);
    },
    Math.min(runs, 3),
    1,
  );

  // The spilled buckets against ar-desk's, for the open items (the rows the JSON gives a bucket).
  const grid = makeGrid(rows);
  const a = analyze(importGrids([{ grid }]).ledger, AS_OF);
  let checked = 0;
  let disagreements = 0;
  const it = a.ledger.items;
  for (let i = 0; i < it.length; i++) {
    if (a.items.status[i] !== ItemStatus.open) continue;
    checked++;
    const label = spilled[it.sourceRow[i] - 2]?.[0];
    if (label !== a.labels[a.items.bucket[i]]) disagreements++;
  }
  return {
    rows,
    agingSpill,
    agingTable,
    scalarNs: (perCall.median * 1e6) / calls,
    disagreements,
    checked,
  };
}

async function main(): Promise<void> {
  const [task, json] = process.argv.slice(2);
  const args = JSON.parse(json ?? "{}") as {
    rows: number;
    runs: number;
    warmup?: number;
    xlsx?: string;
  };
  let result: unknown;
  if (task === "core") result = core(args.rows, args.runs);
  else if (task === "baseline") result = baseline(args.rows, args.runs);
  else if (task === "writer") result = await writer(args.rows, args.runs, args.warmup ?? 1);
  else if (task === "functions") result = functions(args.rows, args.runs);
  else if (task === "gridcheck") result = gridcheck(args.rows, args.xlsx as string);
  else throw new Error(`unknown task ${task}`);
  await new Promise<void>((resolve, reject) =>
    process.send
      ? process.send(result, (e: Error | null) => (e ? reject(e) : resolve()))
      : resolve(),
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
