/**
 * "Insert formulas": live =AR.* columns for the user's receivables table, as a generated sheet.
 *
 * ar-desk never writes into a user's sheet (DESIGN §4, §5), so the columns go to a sheet of
 * their own whose rows line up with the source sheet's rows: row 57 of the formulas sheet is
 * about row 57 of the receivables sheet. Each column is ONE spilled formula over the data rows
 * (the custom functions take whole columns, DESIGN §6), reading the source sheet's columns
 * directly, so edits there recalculate. The as-of date is one cell named AR_ASOF (`AS_OF_CELL`): `=TODAY()`
 * when the pane's as-of is today, else the chosen date.
 *
 * Three inputs are not in the source row itself and are written as values, as the engine
 * computed them: the effective due date (a blank due date comes from the row's or the customer's
 * terms), the payment term in days (for the act-by date of the one-third rule) and the date an
 * invoice was paid in full by the as-of date (from the row, a payments sheet or both: the
 * history AR.EXPECTEDPAY and AR.DAYSLATE read, as the pane's insight learns it). The outstanding
 * amount is a live formula (amount − paid, or the balance column) only when that formula gives,
 * row for row, the engine's outstanding at the as-of date (`liveOutstandingHolds`); otherwise
 * (a payments sheet, a settled-date column, an item invoiced after the as-of date, a refunded
 * credit note, a subtotal, duplicate or rejected row) it is the engine's value at the as-of date,
 * so the AR.* columns over it give the figures the pane and the CLI give.
 */
import type { Analysis } from "../core/analyze";
import { columnLetters, type CellValue } from "../sheet/grid";
import type { SheetSpec, SpecCell, SpecRow } from "../sheet/spec";
import { DATE_FORMAT, MONEY_FORMAT, header } from "../sheet/spec";
import { cellText, parseMoneyCell } from "../sheet/values";
import { matchKey } from "../core/ledger";
import { fromMinor, minorDigits } from "../core/money";
import { ItemStatus } from "../core/position";
import type { Locale } from "../core/messages";
import type { SourceInput } from "./engine/source";

/** The as-of cell of the formulas sheet (absolute: every formula points at it). */
export const AS_OF_COLUMN = 13; // N, right of the columns A–K and a blank L
export const AS_OF_CELL = `$${columnLetters(AS_OF_COLUMN)}$1`;
/** The sheet-scoped name of the as-of cell, which every formula reads. */
export const AS_OF_NAME = "AR_ASOF";

export interface FormulaOptions {
  /** True: the as-of cell holds =TODAY(); false: the analysis's as-of date. */
  asOfToday: boolean;
}

export interface FormulaColumn {
  /** Column letter in the formulas sheet. */
  column: string;
  title: string;
  /** The formula of the first data row (it spills down), or null for a value column. */
  formula: string | null;
}

export interface FormulaSheet {
  spec: SheetSpec;
  columns: FormulaColumn[];
  /** What could not be offered, as keys of strings.ts. */
  notes: ("formulasNoDue" | "formulasNoLimit")[];
  firstRow: number;
  lastRow: number;
}

const TITLES = {
  "en-US": {
    sheet: "AR formulas",
    invoice: "Invoice",
    customer: "Customer",
    due: "Due date",
    term: "Term days",
    outstanding: "Outstanding",
    daysOverdue: "Days overdue",
    aging: "Aging",
    overdue: "Overdue",
    level: "Level",
    headroom: "Headroom",
    settled: "Paid in full",
    asOf: "As of",
    about:
      "Live =AR.* formulas for sheet {sheet}, row for row. Due dates, terms and paid-in-full dates are values: generate again after changing them.",
  },
  "zh-CN": {
    sheet: "AR 公式",
    invoice: "单据编号",
    customer: "客户",
    due: "到期日",
    term: "账期天数",
    outstanding: "未收金额",
    daysOverdue: "逾期天数",
    aging: "账龄段",
    overdue: "是否逾期",
    level: "催收级别",
    headroom: "可用额度",
    settled: "结清日期",
    asOf: "基准日",
    about:
      "工作表 {sheet} 的 =AR.* 实时公式，逐行对应。到期日、账期和结清日期为数值：修改后请重新生成。",
  },
} as const;

/** `'应收明细'!$E$5:$E$308`: an absolute column range of a sheet, the name always quoted. */
export function columnRange(sheet: string, column: number, first: number, last: number): string {
  const c = columnLetters(column);
  return `'${sheet.replace(/'/g, "''")}'!$${c}$${first}:$${c}$${last}`;
}

/** A range of this (the formulas) sheet. */
function ownRange(column: number, first: number, last: number): string {
  const c = columnLetters(column);
  return `$${c}$${first}:$${c}$${last}`;
}

const formula = (text: string): SpecCell => ({ value: { formula: text } });

/**
 * The formulas sheet for the invoices source of an analysis. `sources` are the analysed ones
 * (the invoices source is required; a customers source adds the headroom column); `rowsOf`
 * gives a connected sheet's rows as analysed (the invoices sheet's last row holding anything
 * ends the columns).
 */
export function formulaSheet(
  a: Analysis,
  sources: SourceInput[],
  locale: Locale,
  options: FormulaOptions,
  rowsOfSheet: (sheet: string) => readonly (readonly CellValue[])[] | undefined = () => undefined,
): FormulaSheet {
  const t = TITLES[locale];
  const invoices = sources.find((s) => s.kind === "invoices");
  if (!invoices) throw new Error("no receivables sheet connected");
  const customers = sources.find((s) => s.kind === "customers");
  const col = invoices.mapping.columns;
  const sheet = invoices.sheet;
  const headerRow = invoices.mapping.headerRow ?? 1;
  const first = headerRow + 1;
  const sheetRows = rowsOfSheet(sheet) ?? [];

  // Rows of the source sheet holding the items, and the last row (of the sheet, when known:
  // rows the import rejected get formulas too, which work once the row is fixed).
  const { ledger, items: r } = a;
  const it = ledger.items;
  const rowsOf = new Map<number, number>();
  let filled = sheetRows.length;
  while (filled > 0 && !sheetRows[filled - 1]?.some((v) => v !== null && v !== "")) filled--;
  let last = Math.max(first, filled);
  for (let i = 0; i < it.length; i++) {
    const src = ledger.sources[it.sourceIndex[i]];
    if (src?.sheet !== sheet) continue;
    rowsOf.set(it.sourceRow[i], i);
    if (it.sourceRow[i] > last) last = it.sourceRow[i];
  }

  const notes: FormulaSheet["notes"] = [];
  const payments = sources.some((s) => s.kind === "payments");
  // The live formula's columns: amount − paid, else the balance, else the amount.
  const [liveCol, minusCol] =
    col.amount !== undefined && col.paid !== undefined
      ? [col.amount, col.paid]
      : [col.balance ?? col.amount, undefined];
  const liveOutstanding =
    !payments &&
    liveCol !== undefined &&
    liveOutstandingHolds(a, rowsOf, sheetRows, first, last, liveCol, minusCol);
  const dueLive = col.dueDate !== undefined;
  if (!dueLive) notes.push("formulasNoDue");
  const limitCol = customers?.mapping.columns.creditLimit;
  const codeCol = customers?.mapping.columns.code ?? customers?.mapping.columns.name;
  const headroom = customers !== undefined && limitCol !== undefined && codeCol !== undefined;
  if (!headroom) notes.push("formulasNoLimit");
  // The customer column is a live reference unless the headroom's XLOOKUP would miss a row's
  // customer in the customers sheet (a code padded with spaces, a name for a code): then it
  // holds each row's customer as the customers sheet writes it.
  const customerCodes =
    headroom && customers
      ? codesInSheet(rowsOfSheet(customers.sheet) ?? [], customers.mapping.headerRow ?? 1, codeCol)
      : null;
  const liveCustomer =
    customerCodes === null ||
    lookupHolds(a, rowsOf, sheetRows, col.customer ?? col.customerName, customerCodes);

  // Columns of the formulas sheet, left to right.
  const [A, B, C, D, E, K] = [0, 1, 2, 3, 4, 10];
  const src = (c: number | undefined) =>
    c === undefined ? null : columnRange(sheet, c, first, last);
  const own = (c: number) => ownRange(c, first, last);
  const grace = a.policy.graceDays;
  const thresholds = `"${a.policy.thresholds.join(",")}"`;
  const basis = `"${a.policy.basis}"`;

  const refColumn = src(col.ref) ?? src(col.customer ?? col.customerName);
  const customerColumn = src(col.customer ?? col.customerName);
  let outstandingFormula: string | null = null;
  if (liveOutstanding) {
    outstandingFormula =
      minusCol === undefined ? `=${src(liveCol)}` : `=${src(liveCol)}-${src(minusCol)}`;
  }
  // Age counts from the due date, or from the invoice date on the invoice basis.
  const ageFrom =
    a.policy.basis === "invoice" && col.invoiceDate !== undefined ? src(col.invoiceDate) : own(C);

  const columns: FormulaColumn[] = [
    { column: "A", title: t.invoice, formula: refColumn && `=${refColumn}` },
    {
      column: "B",
      title: t.customer,
      formula: liveCustomer && customerColumn ? `=${customerColumn}` : null,
    },
    { column: "C", title: t.due, formula: null },
    { column: "D", title: t.term, formula: null },
    { column: "E", title: t.outstanding, formula: outstandingFormula },
    { column: "F", title: t.daysOverdue, formula: `=AR.DAYSOVERDUE(${own(C)},${AS_OF_NAME})` },
    {
      column: "G",
      title: t.aging,
      formula: `=AR.AGING(${ageFrom},${AS_OF_NAME},${thresholds},${basis})`,
    },
    {
      column: "H",
      title: t.overdue,
      formula: `=AR.OVERDUE(${own(C)},${own(E)},${AS_OF_NAME},${grace})`,
    },
    {
      column: "I",
      title: t.level,
      formula: `=AR.LEVEL(${own(C)},${own(E)},${AS_OF_NAME},${own(D)},${grace})`,
    },
  ];
  if (headroom) {
    const lookup = `XLOOKUP(${own(B)},${columnRange(customers.sheet, codeCol, (customers.mapping.headerRow ?? 1) + 1, 1048576)},${columnRange(customers.sheet, limitCol, (customers.mapping.headerRow ?? 1) + 1, 1048576)},"")`;
    columns.push({
      column: "J",
      title: t.headroom,
      formula: `=AR.HEADROOM(${own(B)},${lookup},${own(B)},${own(E)})`,
    });
  }
  columns.push({ column: "K", title: t.settled, formula: null });

  const rows: SpecRow[] = [];
  for (let row = 1; row <= last; row++) rows.push([]);
  const put = (row: number, c: number, cell: SpecRow[number]) => {
    const cells = rows[row - 1];
    while (cells.length < c) cells.push(null);
    cells[c] = cell;
  };
  if (headerRow > 1) put(1, A, { value: t.about.replace("{sheet}", sheet), italic: true });
  put(1, AS_OF_COLUMN - 1, { value: t.asOf, bold: true });
  put(
    1,
    AS_OF_COLUMN,
    options.asOfToday
      ? { ...formula("=TODAY()"), format: DATE_FORMAT }
      : { value: { date: a.asOf }, format: DATE_FORMAT },
  );
  const colIndex = (letter: string) => letter.charCodeAt(0) - 65;
  for (const c of columns) put(headerRow, colIndex(c.column), header(c.title));
  for (const c of columns) if (c.formula) put(first, colIndex(c.column), formula(c.formula));

  for (const [row, i] of rowsOf) {
    const digits = minorDigits(ledger.currencies[it.currency[i]]);
    const due = r.due[i];
    if (!liveCustomer && customerCodes) {
      const c = ledger.customers[it.customer[i]];
      put(row, B, customerCodes.byCustomer.get(matchKey(c.code)) ?? c.code);
    }
    if (due) put(row, C, { value: { date: due }, format: DATE_FORMAT });
    if (r.termDays[i] > 0) put(row, D, r.termDays[i]);
    // Paid in full by the as-of date: an invoice (not a credit note) with a due date, as the
    // insight's history takes it (src/core/insight/history.ts).
    if (r.status[i] === ItemStatus.closed && r.settled[i] && due && it.amount[i] > 0)
      put(row, K, { value: { date: r.settled[i] }, format: DATE_FORMAT });
    if (!liveOutstanding) {
      const open = r.status[i] === ItemStatus.open;
      put(row, E, { value: open ? fromMinor(r.outstanding[i], digits) : 0, format: MONEY_FORMAT });
    }
  }

  return {
    spec: {
      name: t.sheet,
      rows,
      widths: [16, 12, 12, 10, 14, 12, 10, 10, 8, 14, 12, 4, 10, 12],
      freeze: { rows: headerRow, columns: 1 },
      names: [{ name: AS_OF_NAME, ref: AS_OF_CELL }],
    },
    columns,
    notes,
    firstRow: first,
    lastRow: last,
  };
}

/**
 * Whether the live outstanding formula (`amount − paid`, or the balance or amount column alone,
 * as Excel computes it: an empty cell counts 0) gives on every data row what the engine gives
 * at the as-of date: an item's open balance (0 once settled, or before it is invoiced), and 0 on
 * a row that is no item. It does not on a row settled by its settled date, with a paid amount
 * dated after the as-of date, invoiced after it, a credit note whose paid amount is a refund, or
 * a subtotal, duplicate or rejected row.
 */
function liveOutstandingHolds(
  a: Analysis,
  rowsOf: ReadonlyMap<number, number>,
  rows: readonly (readonly CellValue[])[],
  first: number,
  last: number,
  amountCol: number,
  paidCol: number | undefined,
): boolean {
  const { ledger, items: r } = a;
  const cellMinor = (row: number, c: number | undefined, digits: number): number | null => {
    if (c === undefined) return 0;
    const v = rows[row - 1]?.[c] ?? null;
    if (v === null || v === "") return 0;
    // Excel's arithmetic takes numbers and numeric text; anything else is #VALUE!.
    const n =
      typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
    if (!Number.isFinite(n)) return null;
    const parsed = parseMoneyCell(n, digits);
    return parsed.ok ? parsed.minor : null;
  };
  for (let row = first; row <= last; row++) {
    const i = rowsOf.get(row);
    const digits = i === undefined ? 2 : minorDigits(ledger.currencies[ledger.items.currency[i]]);
    const amount = cellMinor(row, amountCol, digits);
    const paid = cellMinor(row, paidCol, digits);
    if (amount === null || paid === null) return false;
    const want = i !== undefined && r.status[i] === ItemStatus.open ? r.outstanding[i] : 0;
    if (amount - paid !== want) return false;
  }
  return true;
}

/** A customers sheet's code column as XLOOKUP sees it, and each customer's code as written. */
interface SheetCodes {
  /** Excel's exact match key of each code cell (case-insensitive; a number is not its text). */
  exact: Map<string, string>;
  /** The first code cell of each customer (by the ledger's matching key). */
  byCustomer: Map<string, string | number | boolean>;
}

/** XLOOKUP's key of a cell: case-insensitive text, numbers apart from text. */
const lookupKey = (v: CellValue | undefined): string =>
  typeof v === "number" ? `#${v}` : `'${String(v ?? "").toUpperCase()}`;

function codesInSheet(
  rows: readonly (readonly CellValue[])[],
  headerRow: number,
  codeCol: number,
): SheetCodes {
  const exact = new Map<string, string>();
  const byCustomer = new Map<string, string | number | boolean>();
  for (let r = headerRow; r < rows.length; r++) {
    const v = rows[r]?.[codeCol] ?? null;
    const text = cellText(v);
    if (text === null || v === null || typeof v === "object") continue;
    const key = matchKey(text);
    if (!exact.has(lookupKey(v))) exact.set(lookupKey(v), key);
    if (!byCustomer.has(key)) byCustomer.set(key, v);
  }
  return { exact, byCustomer };
}

/**
 * Whether XLOOKUP of each item row's customer cell in the customers sheet's code column finds
 * that customer (the first match, exact but for case), or finds nothing for a customer the
 * sheet does not list, as the engine matches customers (trimmed, by width and case).
 */
function lookupHolds(
  a: Analysis,
  rowsOf: ReadonlyMap<number, number>,
  rows: readonly (readonly CellValue[])[],
  customerCol: number | undefined,
  codes: SheetCodes,
): boolean {
  if (customerCol === undefined) return true;
  const { ledger } = a;
  for (const [row, i] of rowsOf) {
    const want = matchKey(ledger.customers[ledger.items.customer[i]].code);
    const found = codes.exact.get(lookupKey(rows[row - 1]?.[customerCol]));
    if (found === undefined ? codes.byCustomer.has(want) : found !== want) return false;
  }
  return true;
}
