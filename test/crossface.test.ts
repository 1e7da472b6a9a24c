/**
 * Issue 13, "Proof": the three faces give the same figures for every customer.
 *
 * On the bundled sample (as of 2026-06-30), the Poulomi8 data set (all four CSVs, as of
 * 2025-12-31, the date test/realdata/poulomi.test.ts checks) and the IBM late-payment
 * histories (as of 2013-06-30):
 *
 * - the CLI: `ar-desk analyze --json`, and `ar-desk check-order --json` run once per customer;
 * - the task pane's engine (LocalEngine, in-process) fed the same sheets (a CSV as Excel opens
 *   it: one sheet named after the file, its cells as src/io/csv.ts reads them) with the sources
 *   the pane connects by itself (autoSources over detectHeader: one sheet per kind), its
 *   customer detail per customer (positions, open items with their expected pay dates) and its
 *   order check;
 * - the custom functions (src/functions/impl.ts) over the ranges a user has: the "AR formulas"
 *   sheet the pane generates (customer, due date, term days, outstanding and paid-in-full date
 *   per row; its live AR.OVERDUE and AR.HEADROOM columns evaluated), the user's own sheets
 *   (limits, grades and salespeople by XLOOKUP; dispute and promise columns), and a summary
 *   table of one spilled formula per figure over the column of every customer code:
 *   AR.OUTSTANDING; AR.OUTSTANDING over FILTER(…, the AR.OVERDUE column) for overdue; the
 *   XLOOKUP'd limit; AR.HEADROOM; AR.CHECKORDER; and AR.EXPECTEDPAY over the open rows.
 *
 * Every customer of the ledger (the pane's customer list; the CLI's entries are among them) is
 * compared exactly, in minor units: outstanding, overdue, credit limit, headroom, the order
 * check's verdict and headroom for an order of 10,000 in the customer's currency; and every open
 * item's expected pay date (null: expected never).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { loadInputs } from "../src/cli/shared";
import * as shared from "../src/cli/shared";
import { main } from "../src/cli/main";
import type { AnalyzeJson } from "../src/cli/json";
import { VERDICT_ORDER, verdictLabel, type Verdict } from "../src/core/credit";
import { isoFromSerial, serialFromIso } from "../src/core/dates";
import { minorDigits, toMinor } from "../src/core/money";
import { makePolicy } from "../src/core/policy";
import * as f from "../src/functions/impl";
import { parseCsv } from "../src/io/csv";
import { openXlsx } from "../src/io/xlsx";
import type { CellValue } from "../src/sheet/grid";
import { detectHeader, type AnyColumnMap } from "../src/sheet/headers";
import * as sheetImport from "../src/sheet/import";
import { LocalEngine } from "../src/taskpane/engine/engine";
import type { SourceInput } from "../src/taskpane/engine/source";
import { AS_OF_CELL, AS_OF_COLUMN, AS_OF_NAME } from "../src/taskpane/formulas";
import type { SheetInfo } from "../src/sheet/workbook";
import { autoSources } from "../src/taskpane/usePane";
import { analyzeJson, dataPath, describeWithData } from "./realdata/data";

/** The order every face checks, in the customer's currency. */
const ORDER = 10000;

/** What a face says of one customer (in its one currency); money in minor units. */
interface Figures {
  outstanding: number;
  overdue: number;
  limit: number | null;
  headroom: number | null;
  verdict: Verdict;
  /** The order check's headroom before the order (null without a limit). */
  orderHeadroom: number | null;
}

interface Face {
  /** By customer code. */
  customers: Map<string, Figures>;
  /** Expected pay date (ISO, null: expected never) of each open item, by its source row. */
  expected: Map<number, string | null>;
}

interface CliFace extends Face {
  /** The customer code of each item, by its source row. */
  customerOf: Map<number, string>;
}

interface FunctionsFace extends Face {
  /** The generated sheet's AR.HEADROOM column (J), by row; absent without limits. */
  rowHeadroom: Map<number, number | null>;
}

type Lookup = [sheet: string, code: string, value: string];

/** A data set: the CLI's arguments and the sheets a user has in Excel. */
interface DataSet {
  args: string[];
  asOf: string;
  sheets: { name: string; rows: CellValue[][] }[];
  /** Where XLOOKUP finds a customer's limit and grade: sheet, code header, value header. */
  limit: Lookup | null;
  grade: Lookup | null;
}

const minor = (major: number, currency: string | null): number =>
  toMinor(major, minorDigits(currency)) as number;
const LABEL_VERDICT = new Map(VERDICT_ORDER.map((v) => [verdictLabel(v, "en-US"), v]));

// --------------------------------------------------------------------------------- the CLI

/** `ar-desk <args>` in-process: status and stdout. */
async function cli(args: string[]): Promise<{ status: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io = {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
  };
  const status = await main(args, io);
  return { status, out, err };
}

/** Every customer's entry of `analyze --json`, then `check-order` for each of `codes`. */
async function cliFace(set: DataSet, codes: string[]): Promise<CliFace> {
  const json = await analyzeJson([...set.args, "--as-of", set.asOf]);
  const entries = new Map<string, AnalyzeJson["customers"][number]>();
  for (const c of json.customers) {
    // One currency per customer in these data sets: the functions' ranges hold no currency.
    expect(entries.has(c.customer)).toBe(false);
    entries.set(c.customer, c);
  }
  expect([...entries.keys()].filter((c) => !codes.includes(c))).toEqual([]);
  const customers = new Map<string, Figures>();
  for (const code of codes) {
    const c = entries.get(code);
    const currency = c?.currency ?? null;
    const order = await cli([
      "check-order",
      ...set.args,
      "--as-of",
      set.asOf,
      "--customer",
      code,
      "--amount",
      String(ORDER),
      ...(currency ? ["--currency", currency] : []),
      "--json",
    ]);
    if (order.status > 1) throw new Error(`check-order ${code}: ${order.err}`);
    const check = JSON.parse(order.out) as { verdict: Verdict; headroomBefore: number | null };
    // Exit 0 exactly when the order may go on credit.
    expect({ code, status: order.status }).toEqual({
      code,
      status: check.verdict === "ok" ? 0 : 1,
    });
    const m = (x: number | null | undefined) =>
      x === null || x === undefined ? null : minor(x, currency);
    customers.set(code, {
      outstanding: c ? minor(c.outstanding, currency) : 0,
      overdue: c ? minor(c.overdue, currency) : 0,
      limit: m(c?.creditLimit),
      headroom: m(c?.headroom),
      verdict: check.verdict,
      orderHeadroom: m(check.headroomBefore),
    });
  }
  const expected = new Map<number, string | null>();
  for (const e of json.insight!.items)
    expected.set(json.items[e.item].source.row, e.expectedPayDate);
  const customerOf = new Map(json.items.map((i) => [i.source.row, i.customer]));
  return { customers, expected, customerOf };
}

// --------------------------------------------------------------------------------- the pane

/** The sources the pane connects by itself: per kind, the sheet whose header names the most. */
function paneSources(set: DataSet): SourceInput[] {
  const found = new Map<string, AnyColumnMap | null>(
    set.sheets.map((s) => [s.name, detectHeader({ file: null, sheet: s.name, rows: s.rows })]),
  );
  const infos: SheetInfo[] = set.sheets.map((s) => ({
    name: s.name,
    rows: s.rows.length,
    columns: 0,
    generated: false,
  }));
  const auto = autoSources(infos, found);
  const out: SourceInput[] = [];
  for (const kind of ["invoices", "payments", "customers"] as const) {
    const s = auto[kind];
    if (s)
      out.push({ sheet: s.sheet, kind, mapping: { headerRow: s.headerRow, columns: s.columns } });
  }
  return out;
}

/** The customer detail of every customer, and the order check. */
async function paneFace(engine: LocalEngine): Promise<Face> {
  const customers = new Map<string, Figures>();
  const expected = new Map<number, string | null>();
  for (const choice of await engine.customers()) {
    const d = await engine.customer(choice.customer);
    for (const o of d.open) {
      const e = o.expected;
      if (e) expected.set(o.row, e.date === null ? null : isoFromSerial(e.date));
    }
    expect(d.positions.length).toBeLessThanOrEqual(1);
    const p = d.positions[0];
    const check = await engine.checkOrder({
      customer: choice.customer,
      amount: String(ORDER),
      currency: p?.currency ?? null,
    });
    if ("error" in check) throw new Error(`order check of ${choice.code}: ${check.error}`);
    customers.set(choice.code, {
      outstanding: p?.outstanding ?? 0,
      overdue: p?.overdue ?? 0,
      limit: p?.creditLimit ?? null,
      headroom: p?.headroom ?? null,
      verdict: check.verdict,
      orderHeadroom: check.headroomBefore,
    });
  }
  return { customers, expected };
}

// ---------------------------------------------------------------------------- the functions

/** A column of values, one per data row of the formulas sheet (or of a looked-up range). */
type Column = unknown[];
type Value = Column | unknown;

const col = (values: Column): unknown[][] => values.map((v) => [v]);
const flat = (m: unknown[][]): Column => m.map((row) => row[0]);
const isBlank = (v: unknown) => v === null || v === undefined || v === "";
/** 0-based index of column letters: A → 0, AA → 26. */
const columnIndex = (letters: string): number =>
  [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;

/**
 * The formulas of the generated "AR formulas" sheet, evaluated as Excel would: references to
 * the user's sheets (`'S'!$B$2:$B$99`) and to its own columns (`$C$2:$C$99`), `AR_ASOF`, text
 * and number literals, `a-b`, XLOOKUP and the AR.* functions of impl.ts.
 */
class FormulasBook {
  private readonly own = new Map<string, Column>();

  constructor(
    private readonly sheets: Map<string, CellValue[][]>,
    private readonly spec: { rows: unknown[][] },
    private readonly first: number,
    private readonly last: number,
    private readonly formulas: Map<string, string | null>,
  ) {}

  /** Column `letter` of the formulas sheet over its data rows. */
  column(letter: string): Column {
    let v = this.own.get(letter);
    if (v !== undefined) return v;
    const formula = this.formulas.get(letter);
    if (formula === undefined) throw new Error(`no column ${letter} in the formulas sheet`);
    const c = columnIndex(letter);
    if (formula === null) {
      v = [];
      for (let r = this.first; r <= this.last; r++) v.push(valueOf(this.spec.rows[r - 1]?.[c]));
    } else {
      const x = this.evaluate(formula.slice(1));
      if (!Array.isArray(x)) throw new Error(`${letter}: ${formula} does not spill`);
      // A spilled reference shows an empty cell as 0, as Excel does; a function's "" stays.
      v = /^=[A-Z.]+\(/.test(formula) ? x : x.map((y) => (isBlank(y) ? 0 : y));
    }
    this.own.set(letter, v);
    return v;
  }

  /** Column `c` (0-based) of a user's sheet over the formulas sheet's data rows. */
  dataColumn(sheet: string, c: number): Column {
    const rows = this.sheets.get(sheet)!;
    const out: Column = [];
    for (let r = this.first; r <= this.last; r++) out.push(rows[r - 1]?.[c] ?? "");
    return out;
  }

  /** The column of a user's sheet `sheet` with header `header`, below the header. */
  sheetColumn(sheet: string, header: string, headerRow = 1): Column {
    const c = this.sheets.get(sheet)![headerRow - 1].indexOf(header);
    if (c < 0) throw new Error(`no column ${header} in ${sheet}`);
    return this.columnBelow(sheet, c, headerRow);
  }

  /** Column `c` (0-based) of a user's sheet below its header row. */
  columnBelow(sheet: string, c: number, headerRow: number): Column {
    return this.sheets
      .get(sheet)!
      .slice(headerRow)
      .map((row) => row[c] ?? "");
  }

  private evaluate(text: string): Value {
    const p = { s: text, i: 0 };
    const v = this.expression(p);
    if (p.i !== p.s.length) throw new Error(`cannot read ${text} at ${p.i}`);
    return v;
  }

  private expression(p: { s: string; i: number }): Value {
    const a = this.term(p);
    if (p.s[p.i] !== "-") return a;
    p.i++;
    const b = this.term(p);
    const num = (x: unknown) => (isBlank(x) ? 0 : Number(x));
    return (a as Column).map((x, k) => num(x) - num((b as Column)[k]));
  }

  private term(p: { s: string; i: number }): Value {
    const rest = p.s.slice(p.i);
    let m = /^'((?:[^']|'')+)'!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)/.exec(rest);
    if (m) {
      p.i += m[0].length;
      const rows = this.sheets.get(m[1].replace(/''/g, "'"))!;
      const c = columnIndex(m[2]);
      const out: Column = [];
      const to = Math.min(Number(m[5]), Math.max(rows.length, this.last));
      for (let r = Number(m[3]); r <= to; r++) out.push(rows[r - 1]?.[c] ?? "");
      return out;
    }
    m = /^\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)/.exec(rest);
    if (m) {
      p.i += m[0].length;
      if (Number(m[2]) !== this.first || Number(m[4]) !== this.last)
        throw new Error(`${m[0]} is not the data rows ${this.first}:${this.last}`);
      return this.column(m[1]);
    }
    if (rest.startsWith(AS_OF_NAME)) {
      p.i += AS_OF_NAME.length;
      // The named cell, N1: the as-of date as the sheet writes it.
      return valueOf(this.spec.rows[0][AS_OF_COLUMN]);
    }
    m = /^"([^"]*)"/.exec(rest);
    if (m) {
      p.i += m[0].length;
      return m[1];
    }
    m = /^-?\d+(\.\d+)?/.exec(rest);
    if (m) {
      p.i += m[0].length;
      return Number(m[0]);
    }
    m = /^([A-Z.]+)\(/.exec(rest);
    if (!m) throw new Error(`cannot read ${rest}`);
    p.i += m[0].length;
    const args: Value[] = [];
    while (p.s[p.i] !== ")") {
      args.push(this.expression(p));
      if (p.s[p.i] === ",") p.i++;
    }
    p.i++;
    return call(m[1], args);
  }
}

/** A spec cell's value as a cell holds it: dates as serial numbers. */
function valueOf(cell: unknown): unknown {
  const v = cell !== null && typeof cell === "object" && "value" in cell ? cell.value : cell;
  if (v !== null && typeof v === "object" && "date" in v) return v.date;
  return v ?? "";
}

/**
 * XLOOKUP(value, lookup, result, if_not_found): the first exact match, case-insensitive for
 * text, a number never matching text (nor trimmed: "C0038   " is not "C0038").
 */
function xlookup(values: Value, lookup: Column, result: Column, notFound: unknown): Value {
  const keyOf = (v: unknown) => (typeof v === "number" ? `#${v}` : `'${String(v).toUpperCase()}`);
  const index = new Map<string, number>();
  lookup.forEach((v, k) => {
    const key = keyOf(v);
    if (!isBlank(v) && !index.has(key)) index.set(key, k);
  });
  const one = (v: unknown) => {
    const k = index.get(keyOf(v));
    // An empty cell found is passed on as empty (the generated formulas mean "no limit").
    return k === undefined ? notFound : (result[k] ?? "");
  };
  return Array.isArray(values) ? values.map(one) : one(values);
}

const m = (v: Value): unknown[][] => (Array.isArray(v) ? col(v) : [[v]]);

function call(name: string, a: Value[]): Value {
  if (name === "XLOOKUP") return xlookup(a[0], a[1] as Column, a[2] as Column, a[3]);
  const fn: Record<string, (...args: unknown[][][]) => unknown[][]> = {
    "AR.DAYSOVERDUE": f.daysOverdue,
    "AR.AGING": f.aging,
    "AR.OVERDUE": f.overdue,
    "AR.LEVEL": f.level,
    "AR.HEADROOM": f.headroom,
  };
  if (!fn[name]) throw new Error(`no function ${name}`);
  return flat(fn[name](...a.map(m)));
}

/** Amounts the functions return (major units, read to the cent) in minor units. */
const cents = (v: unknown): number | null =>
  isBlank(v) ? null : (toMinor(Number(v), 2) as number);

/** The functions face: the pane's formulas sheet, the customer sheets, one formula per column. */
async function functionsFace(
  set: DataSet,
  sources: SourceInput[],
  engine: LocalEngine,
  codes: string[],
): Promise<FunctionsFace> {
  const asOf = serialFromIso(set.asOf) as number;
  const sheet = await engine.formulas("en-US", { asOfToday: false });
  const book = new FormulasBook(
    new Map(set.sheets.map((s) => [s.name, s.rows])),
    sheet.spec as { rows: unknown[][] },
    sheet.firstRow,
    sheet.lastRow,
    new Map(sheet.columns.map((c) => [c.column, c.formula])),
  );
  expect(sheet.spec.names).toEqual([{ name: AS_OF_NAME, ref: AS_OF_CELL }]);
  expect(valueOf(sheet.spec.rows[0][AS_OF_COLUMN])).toBe(asOf);
  const [B, C, D, E, H] = ["B", "C", "D", "E", "H"].map((l) => book.column(l));
  const who = col(codes);

  // The summary table: a column of customer codes and one formula per figure beside it.
  const outstanding = flat(f.outstandingOf(who, col(B), col(E)));
  // =AR.OUTSTANDING(code, FILTER(B, H), FILTER(E, H)): the balances the AR.OVERDUE column flags.
  const flagged = (c: Column) => c.filter((_, k) => H[k] === true);
  const overdue = flat(f.outstandingOf(who, col(flagged(B)), col(flagged(E))));
  const lookup = ([sheet, code, value]: Lookup) =>
    xlookup(codes, book.sheetColumn(sheet, code), book.sheetColumn(sheet, value), "") as Column;
  const limits = set.limit ? lookup(set.limit) : codes.map(() => "");
  const headroom = flat(f.headroom(who, col(limits), col(B), col(E)));
  const grades = set.grade ? lookup(set.grade) : codes.map(() => "");
  // The invoices sheet's own columns, row for row with the formulas sheet.
  const invoices = sources.find((x) => x.kind === "invoices")!;
  const cols = invoices.mapping.columns;
  const blanks = B.map(() => "");
  const sourceColumn = (c: number | undefined) =>
    c === undefined ? blanks : book.dataColumn(invoices.sheet, c);
  const disputedFlags = sourceColumn(cols.disputed);
  const checks = f.checkOrder(
    who,
    [[ORDER]],
    col(limits),
    col(B),
    col(E),
    col(C),
    [[asOf]],
    col(grades),
    col(D),
    [[true]],
    col(disputedFlags),
  );
  const customers = new Map<string, Figures>();
  codes.forEach((code, k) => {
    const [label, before] = checks[k];
    const verdict = LABEL_VERDICT.get(label as string);
    if (!verdict) throw new Error(`AR.CHECKORDER of ${code}: ${String(label)}`);
    customers.set(code, {
      outstanding: cents(outstanding[k]) as number,
      overdue: cents(overdue[k]) as number,
      limit: cents(limits[k]),
      headroom: cents(headroom[k]),
      verdict,
      orderHeadroom: cents(before),
    });
  });

  // AR.EXPECTEDPAY of every row with a positive balance, over the whole table's history: its
  // customers, due dates and paid-in-full dates (K), the invoices sheet's salesperson (else the
  // customer's, by XLOOKUP), disputed flags, and each open row's hold: its promise-to-pay date
  // while live, else TRUE when disputed.
  const K = book.column("K");
  const custSource = sources.find((x) => x.kind === "customers");
  const rowSales = sourceColumn(cols.salesperson);
  const cm = custSource?.mapping;
  const custSales =
    custSource && cm && cm.columns.salesperson !== undefined && cm.columns.code !== undefined
      ? (xlookup(
          B,
          book.columnBelow(custSource.sheet, cm.columns.code, cm.headerRow ?? 1),
          book.columnBelow(custSource.sheet, cm.columns.salesperson, cm.headerRow ?? 1),
          "",
        ) as Column)
      : blanks;
  const salespeople = rowSales.map((x, k) => (isBlank(x) ? custSales[k] : x));
  const promises = sourceColumn(cols.promiseDate);
  const hold = B.map((_, k) => {
    const promise = promises[k];
    if (!isBlank(promise) && typeof promise !== "number")
      throw new Error(`promise ${String(promise)}`);
    return typeof promise === "number" && promise >= asOf ? promise : disputedFlags[k];
  });
  const open = E.flatMap((e, k) => ((cents(e) ?? 0) > 0 ? [k] : []));
  const pick = (c: Column) => col(open.map((k) => c[k]));
  const dates = flat(
    f.expectedPay(
      pick(C),
      pick(B),
      col(B),
      col(C),
      col(K),
      [[asOf]],
      [[false]],
      pick(salespeople),
      col(salespeople),
      pick(hold),
      col(disputedFlags),
    ),
  );
  const expected = new Map<number, string | null>();
  open.forEach((k, j) => {
    const d = dates[j];
    if (d instanceof f.FunctionError && d.code !== "#N/A") throw new Error(d.message);
    expected.set(
      sheet.firstRow + k,
      d instanceof f.FunctionError ? null : isoFromSerial(d as number),
    );
  });
  // The generated sheet's own headroom column, row by row.
  const rowHeadroom = new Map<number, number | null>();
  if (sheet.columns.some((c) => c.column === "J"))
    book.column("J").forEach((v, k) => rowHeadroom.set(sheet.firstRow + k, cents(v)));
  return { customers, expected, rowHeadroom };
}

// ---------------------------------------------------------------------------- the comparison

/** The differences between two faces, one line each (empty: identical). */
function differences(names: [string, string], a: Face, b: Face): string[] {
  const out: string[] = [];
  for (const code of new Set([...a.customers.keys(), ...b.customers.keys()])) {
    const x = JSON.stringify(a.customers.get(code) ?? null);
    const y = JSON.stringify(b.customers.get(code) ?? null);
    if (x !== y) out.push(`${code}: ${names[0]} ${x} ${names[1]} ${y}`);
  }
  for (const row of new Set([...a.expected.keys(), ...b.expected.keys()])) {
    const x = a.expected.get(row);
    const y = b.expected.get(row);
    if (x !== y) out.push(`row ${row} expected: ${names[0]} ${x} ${names[1]} ${y}`);
  }
  return out;
}

/**
 * `check-order` runs once per customer, each run reading and importing the same files: the
 * reading and the import (the same calls as `analyze`'s, on the same arguments) are kept for
 * the next run, so hundreds of runs take seconds. The command itself runs whole each time.
 */
function keepImports(): void {
  const loads = new Map<string, ReturnType<typeof loadInputs>>();
  const imports = new Map<unknown, Map<string, ReturnType<typeof sheetImport.importGrids>>>();
  const load = shared.loadInputs;
  const importGrids = sheetImport.importGrids;
  beforeAll(() => {
    jest.spyOn(shared, "loadInputs").mockImplementation((files, options) => {
      const key = JSON.stringify([files, options]);
      let v = loads.get(key);
      if (!v) loads.set(key, (v = load(files, options)));
      return v;
    });
    jest.spyOn(sheetImport, "importGrids").mockImplementation((inputs, options) => {
      // The inputs are the kept ones: the same array for the same files.
      let byOptions = imports.get(inputs);
      if (!byOptions) imports.set(inputs, (byOptions = new Map()));
      const key = JSON.stringify(options ?? {});
      let v = byOptions.get(key);
      if (!v) byOptions.set(key, (v = importGrids(inputs, options)));
      return v;
    });
  });
  afterAll(() => jest.restoreAllMocks());
}

/** The three faces on a data set whose customers get the order verdicts `verdicts`. */
function crossFace(load: () => DataSet, verdicts: Verdict[]) {
  keepImports();
  let set: DataSet;
  let cliF: CliFace;
  let paneF: Face;
  let fnF: FunctionsFace;
  const times: Record<string, number> = {};
  beforeAll(async () => {
    set = load();
    const engine = new LocalEngine();
    for (const s of set.sheets) await engine.load(s.name, s.rows);
    let t = Date.now();
    const sources = paneSources(set);
    engine.analyzeNow({
      sources,
      asOf: serialFromIso(set.asOf) as number,
      policy: makePolicy(),
    });
    const codes = (await engine.customers()).map((c) => c.code);
    paneF = await paneFace(engine);
    times.pane = Date.now() - t;
    t = Date.now();
    cliF = await cliFace(set, codes);
    times.cli = Date.now() - t;
    t = Date.now();
    fnF = await functionsFace(set, sources, engine, codes);
    times.functions = Date.now() - t;
    const verdicts: Record<string, number> = {};
    for (const c of cliF.customers.values()) verdicts[c.verdict] = (verdicts[c.verdict] ?? 0) + 1;
    console.log(
      `${set.asOf}: ${codes.length} customers, ${cliF.expected.size} open items;`,
      "verdicts",
      verdicts,
      "ms",
      times,
    );
  });

  test("every customer and every open item has its figures on every face", () => {
    const n = cliF.customers.size;
    expect(n).toBeGreaterThan(0);
    expect([paneF.customers.size, fnF.customers.size]).toEqual([n, n]);
    const m = cliF.expected.size;
    expect(m).toBeGreaterThan(0);
    expect([paneF.expected.size, fnF.expected.size]).toEqual([m, m]);
    const all = [...cliF.customers.values()];
    expect(all.some((c) => c.overdue > 0)).toBe(true);
    expect([...new Set(all.map((c) => c.verdict))].sort()).toEqual([...verdicts].sort());
  });

  test("the pane equals the CLI for every customer and open item", () => {
    expect(differences(["cli", "pane"], cliF, paneF)).toEqual([]);
  });

  test("the functions equal the CLI for every customer and open item", () => {
    expect(differences(["cli", "functions"], cliF, fnF)).toEqual([]);
  });

  test("the generated sheet's AR.HEADROOM column gives each item's customer's headroom", () => {
    const bad: string[] = [];
    for (const [row, got] of fnF.rowHeadroom) {
      const code = cliF.customerOf.get(row);
      if (code === undefined) continue; // no item on this row
      const want = cliF.customers.get(code)!.headroom;
      if (got !== want) bad.push(`row ${row} (${code}): ${got} != ${want}`);
    }
    expect(bad).toEqual([]);
  });
}

// ---------------------------------------------------------------------------- the data sets

/** A CSV as Excel opens it: one sheet named after the file (31 characters at most). */
function csvSheet(file: string): { name: string; rows: CellValue[][] } {
  return {
    name: path.basename(file, ".csv").slice(0, 31),
    rows: parseCsv(fs.readFileSync(dataPath(file))).rows,
  };
}

const SAMPLE = path.resolve(__dirname, "../assets/sample.xlsx");

describe("the sample workbook, as of 2026-06-30", () => {
  crossFace(() => {
    const book = openXlsx(fs.readFileSync(SAMPLE));
    return {
      args: [SAMPLE],
      asOf: "2026-06-30",
      sheets: book.sheetNames.map((name) => ({ name, rows: book.readSheet(name) })),
      limit: ["客户档案", "客户编码", "信用额度"],
      grade: ["客户档案", "客户编码", "信用等级"],
    };
  }, VERDICT_ORDER.slice());
});

const INV = "poulomi8-ar-synthetic-invoices.csv";
const PAY = "poulomi8-ar-synthetic-payments.csv";
const MASTER = "poulomi8-ar-synthetic-customer-master.csv";
const LIMITS = "poulomi8-ar-synthetic-credit-limits.csv";

describeWithData("Poulomi8, all four CSVs, as of 2025-12-31", [INV, PAY, MASTER, LIMITS], () => {
  crossFace(() => {
    const sheets = [INV, PAY, MASTER, LIMITS].map(csvSheet);
    return {
      args: [
        dataPath(INV),
        "--payments",
        dataPath(PAY),
        "--customers",
        dataPath(MASTER),
        "--customers",
        dataPath(LIMITS),
      ],
      asOf: "2025-12-31",
      sheets,
      limit: [sheets[2].name, "Customer_ID", "Credit_Limit"],
      grade: [sheets[3].name, "Customer_ID", "Risk_Rating"],
    };
  }, ["overdueBlocked", "ok"]);
});

const IBM = "ibm-ar-late-payments.csv";

describeWithData("IBM late-payment histories, as of 2013-06-30", [IBM], () => {
  crossFace(
    () => ({
      args: [dataPath(IBM)],
      asOf: "2013-06-30",
      sheets: [csvSheet(IBM)],
      limit: null,
      grade: null,
    }),
    ["noCredit"],
  ); // the file has no credit limits
});
