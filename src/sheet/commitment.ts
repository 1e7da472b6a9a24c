/**
 * The payment schedule the user enters for commitment letters (还款计划): a sheet, CSV or
 * .xlsx with one row per instalment — customer, date, amount — headers in zh-CN or en-US.
 * The reader turns it into schedule rows for the core (src/core/credit/commitment.ts), which
 * checks them against the customer's outstanding and the as-of date.
 *
 * Nothing lost: every row read is an instalment, skipped (blank) or rejected with a problem
 * naming file, sheet, row and column.
 */
import type { ScheduleProblem, ScheduleProblemCode, ScheduleRow } from "../core/credit/commitment";
import { matchKey, type Ledger } from "../core/ledger";
import type { Locale } from "../core/messages";
import { minorDigits } from "../core/money";
import type { SourceRef } from "../core/problems";
import { headerKey } from "./fields";
import { isCellError, type CellValue, type Grid } from "./grid";
import type { RowCounts } from "./import";
import { DATE_FORMAT, header, MONEY_FORMAT, type SheetSpec, type SpecRow } from "./spec";
import { cellText, inferDateOrder, isBlank, parseDateCell, parseMoneyCell } from "./values";
import type { LogBook } from "./collection-log";

export type ScheduleField = "customer" | "date" | "amount" | "note";
const FIELDS: readonly ScheduleField[] = ["customer", "date", "amount", "note"];

/** The headers of the schedule sheet ar-desk makes, by language. */
export const SCHEDULE_HEADERS: Record<Locale, Record<ScheduleField, string>> = {
  "zh-CN": { customer: "客户", date: "还款日期", amount: "还款金额", note: "备注" },
  "en-US": { customer: "Customer", date: "Date", amount: "Amount", note: "Note" },
};

const SYNONYMS: Record<ScheduleField, readonly string[]> = {
  customer: ["客户编码", "客户名称", "债务人", "customer code", "customer name", "debtor"],
  date: ["日期", "付款日期", "约定还款日", "还款日", "due date", "payment date", "instalment date"],
  amount: ["金额", "付款金额", "每期金额", "本期还款", "instalment", "payment", "installment"],
  note: ["说明", "notes", "remark"],
};

const HEADER_INDEX = (() => {
  const index = new Map<string, ScheduleField>();
  for (const f of FIELDS) {
    for (const locale of ["zh-CN", "en-US"] as const)
      index.set(headerKey(SCHEDULE_HEADERS[locale][f]), f);
    for (const s of SYNONYMS[f]) if (!index.has(headerKey(s))) index.set(headerKey(s), f);
  }
  return index;
})();

/** Name of the schedule sheet, by language. */
export const SCHEDULE_SHEET: Record<Locale, string> = {
  "zh-CN": "还款计划",
  "en-US": "Payment schedule",
};

/** An empty schedule sheet to fill in: headers, date and amount formats, date rule. */
export function scheduleSpec(locale: Locale, rows = 500): SheetSpec {
  const h = SCHEDULE_HEADERS[locale];
  const body: SpecRow[] = [
    FIELDS.map((f) => header(h[f])),
    [null, { value: null, format: DATE_FORMAT }, { value: null, format: MONEY_FORMAT }],
  ];
  return {
    name: SCHEDULE_SHEET[locale],
    widths: [24, 14, 16, 30],
    rows: body,
    freeze: { rows: 1, columns: 0 },
    validations: [{ range: `B2:B${rows + 1}`, date: true }],
  };
}

export interface ScheduleReadResult {
  found: boolean;
  headerRow: number | null;
  rows: ScheduleRow[];
  problems: ScheduleProblem[];
  counts: RowCounts;
}

function findHeader(
  grid: Grid,
): { row: number; columns: Partial<Record<ScheduleField, number>> } | null {
  for (let r = 0; r < Math.min(10, grid.rows.length); r++) {
    const columns: Partial<Record<ScheduleField, number>> = {};
    (grid.rows[r] ?? []).forEach((v, c) => {
      if (typeof v !== "string") return;
      const f = HEADER_INDEX.get(headerKey(v));
      if (f && columns[f] === undefined) columns[f] = c;
    });
    if (
      columns.customer !== undefined &&
      columns.date !== undefined &&
      columns.amount !== undefined
    )
      return { row: r, columns };
  }
  return null;
}

/** Whether a grid has a payment-schedule header in its first 10 rows (the task pane's detection). */
export function isSchedule(grid: Grid): boolean {
  return findHeader(grid) !== null;
}

/** Reads a schedule grid against a ledger (its customers and their currencies). */
export function readSchedule(
  grid: Grid,
  ledger: Ledger,
  options: { date1904?: boolean } = {},
): ScheduleReadResult {
  const counts: RowCounts = { read: 0, imported: 0, skipped: 0, rejected: 0 };
  const problems: ScheduleProblem[] = [];
  const rows: ScheduleRow[] = [];
  const head = findHeader(grid);
  if (!head) return { found: false, headerRow: null, rows, problems, counts };
  const col = head.columns;
  const headers = (grid.rows[head.row] ?? []).map((v) => (typeof v === "string" ? v : ""));
  const name = (c: number | undefined) => (c === undefined ? null : headers[c] || `#${c + 1}`);
  const columns = { customer: name(col.customer), date: name(col.date), amount: name(col.amount) };

  const customers = new Map<string, number>();
  for (const c of ledger.customers) customers.set(matchKey(c.code), c.index);
  for (const c of ledger.customers)
    if (c.name !== null && !customers.has(matchKey(c.name)))
      customers.set(matchKey(c.name), c.index);
  const order = inferDateOrder(
    grid.rows.slice(head.row + 1).map((row) => row?.[col.date!] ?? null),
  ).order;

  let end = grid.rows.length;
  while (end > head.row + 1 && (grid.rows[end - 1] ?? []).every((v) => isBlank(v))) end--;
  for (let r = head.row + 1; r < end; r++) {
    counts.read++;
    const cells = grid.rows[r] ?? [];
    const source: SourceRef = { file: grid.file, sheet: grid.sheet, row: r + 1 };
    if (cells.every((v) => isBlank(v))) {
      counts.skipped++;
      problems.push({ code: "schedule.blank", severity: "info", source, column: null, params: {} });
      continue;
    }
    const issues: ScheduleProblem[] = [];
    const reject = (code: ScheduleProblemCode, column: string | null, params = {}) =>
      issues.push({ code, severity: "error", source, column, params });
    const get = (f: ScheduleField): CellValue =>
      col[f] === undefined ? null : (cells[col[f]!] ?? null);

    const text = cellText(get("customer"));
    const customer = text === null ? -1 : (customers.get(matchKey(text)) ?? -1);
    if (text === null) reject("schedule.noCustomer", columns.customer);
    else if (customer < 0) reject("schedule.unknownCustomer", columns.customer, { customer: text });

    const d = get("date");
    const date = parseDateCell(d, order ?? null, options.date1904 ?? false);
    if (!date.ok)
      reject(date.reason === "empty" ? "schedule.noDate" : "schedule.badDate", columns.date, {
        value: shown(d),
      });

    const a = get("amount");
    const digits = minorDigits(customer >= 0 ? ledger.customers[customer].currency : null);
    const amount = parseMoneyCell(a, digits);
    if (!amount.ok)
      reject(
        amount.reason === "empty" ? "schedule.noAmount" : "schedule.badAmount",
        columns.amount,
        {
          value: shown(a),
        },
      );
    else if (amount.minor <= 0) reject("schedule.notPositive", columns.amount, { value: shown(a) });

    if (issues.length || !date.ok || !amount.ok) {
      counts.rejected++;
      problems.push(...issues);
      continue;
    }
    rows.push({ customer, date: date.serial, amount: amount.minor, source, columns });
    counts.imported++;
  }
  return { found: true, headerRow: head.row + 1, rows, problems, counts };
}

function shown(v: CellValue): string {
  if (v === null) return "";
  if (isCellError(v)) return v.error;
  return String(v);
}

/**
 * The schedule of a workbook or CSV: the sheet named like the schedule (either language), else
 * the first sheet with a schedule header. Null when none has one.
 */
export function readScheduleBook(
  book: LogBook,
  ledger: Ledger,
): (ScheduleReadResult & { sheet: string | null }) | null {
  const names = book.sheetNames.length ? book.sheetNames : [null];
  const known = Object.values(SCHEDULE_SHEET);
  const ordered = [
    ...names.filter((n) => n !== null && known.includes(n)),
    ...names.filter((n) => n === null || !known.includes(n)),
  ];
  for (const name of ordered) {
    const res = readSchedule(book.read(name), ledger, { date1904: book.date1904 });
    if (res.found) return { ...res, sheet: name };
  }
  return null;
}
