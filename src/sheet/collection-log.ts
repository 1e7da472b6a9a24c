/**
 * The collection log sheet (催收记录): the sheet ar-desk creates and the user fills in, one row
 * per contact, and the reader that turns the filled grid into log entries for the engine
 * (src/core/credit/log.ts).
 *
 * The sheet: date, customer, documents, action (drop-down: reminder, phone, letter, visit,
 * lawyer's letter, suit), owner, result (drop-down: promised, disputed, paid, no answer,
 * refused, acknowledged), promised date and amount, next step, note; headers in zh-CN or en-US.
 * The reader knows both languages' headers and values, whichever the sheet was made in.
 *
 * Nothing lost: every row read is an entry, skipped (blank, with a reason) or rejected (with a
 * problem naming sheet, row and column); a document that cannot be found is left out of its row
 * with a warning.
 */
import {
  LOG_ACTIONS,
  LOG_RESULTS,
  type LogAction,
  type LogEntry,
  type LogResult,
} from "../core/credit/log";
import type { Serial } from "../core/dates";
import { matchKey, type Ledger } from "../core/ledger";
import type { Locale } from "../core/messages";
import { minorDigits } from "../core/money";
import { problem, type Problem, type ProblemCode, type SourceRef } from "../core/problems";
import { headerKey } from "./fields";
import { isCellError, type Book, type CellValue, type Grid } from "./grid";
import type { RowCounts } from "./import";
import { DATE_FORMAT, header, MONEY_FORMAT, type SheetSpec, type SpecRow } from "./spec";
import {
  cellText,
  inferDateOrder,
  isBlank,
  parseDateCell,
  parseMoneyCell,
  type DateOrder,
} from "./values";

export type LogField =
  | "date"
  | "customer"
  | "items"
  | "action"
  | "owner"
  | "result"
  | "promiseDate"
  | "promiseAmount"
  | "next"
  | "note";

const FIELDS: readonly LogField[] = [
  "date",
  "customer",
  "items",
  "action",
  "owner",
  "result",
  "promiseDate",
  "promiseAmount",
  "next",
  "note",
];

/** The headers of the sheet ar-desk makes, by language. */
export const LOG_HEADERS: Record<Locale, Record<LogField, string>> = {
  "zh-CN": {
    date: "日期",
    customer: "客户",
    items: "单据编号",
    action: "催收方式",
    owner: "负责人",
    result: "结果",
    promiseDate: "承诺付款日",
    promiseAmount: "承诺金额",
    next: "下一步",
    note: "备注",
  },
  "en-US": {
    date: "Date",
    customer: "Customer",
    items: "Documents",
    action: "Action",
    owner: "Owner",
    result: "Result",
    promiseDate: "Promised date",
    promiseAmount: "Promised amount",
    next: "Next step",
    note: "Note",
  },
};

/** More header texts the reader accepts. */
const SYNONYMS: Record<LogField, readonly string[]> = {
  date: ["联系日期", "催收日期", "contact date"],
  customer: ["客户编码", "客户名称", "customer code", "customer name"],
  items: ["单据", "发票号", "涉及单据", "items", "invoices", "invoice"],
  action: ["方式", "催收动作", "动作", "action taken"],
  owner: ["经办人", "催收人", "业务员", "by"],
  result: ["催收结果", "outcome"],
  promiseDate: ["承诺日期", "承诺付款日期", "promise date"],
  promiseAmount: ["承诺付款金额", "promise amount"],
  next: ["下一步措施", "next action", "next"],
  note: ["说明", "notes", "remark"],
};

export const ACTION_LABELS: Record<Locale, Record<LogAction, string>> = {
  "zh-CN": {
    reminder: "提醒",
    phone: "电话",
    letter: "催款函",
    visit: "上门拜访",
    lawyerLetter: "律师函",
    suit: "诉讼",
  },
  "en-US": {
    reminder: "reminder",
    phone: "phone",
    letter: "letter",
    visit: "visit",
    lawyerLetter: "lawyer's letter",
    suit: "suit",
  },
};

export const RESULT_LABELS: Record<Locale, Record<LogResult, string>> = {
  "zh-CN": {
    promise: "承诺付款",
    dispute: "有争议",
    paid: "已付款",
    noAnswer: "未联系上",
    refused: "拒绝付款",
    acknowledged: "确认欠款",
  },
  "en-US": {
    promise: "promised",
    dispute: "disputed",
    paid: "paid",
    noAnswer: "no answer",
    refused: "refused",
    acknowledged: "acknowledged",
  },
};

const MORE_ACTIONS: Record<string, LogAction> = {
  付款提醒: "reminder",
  邮件提醒: "reminder",
  电话催收: "phone",
  call: "phone",
  书面催款: "letter",
  催款通知: "letter",
  拜访: "visit",
  lawyerletter: "lawyerLetter",
  起诉: "suit",
  仲裁: "suit",
  lawsuit: "suit",
};

const MORE_RESULTS: Record<string, LogResult> = {
  承诺: "promise",
  promise: "promise",
  争议: "dispute",
  dispute: "dispute",
  拒付: "refused",
  对账确认: "acknowledged",
  noanswer: "noAnswer",
};

/** Lookup of an action or result cell, either language, case- and space-insensitive. */
function valueIndex<T extends string>(
  labels: Record<Locale, Record<T, string>>,
  codes: readonly T[],
  more: Record<string, T>,
): Map<string, T> {
  const index = new Map<string, T>();
  for (const code of codes) index.set(headerKey(code), code);
  for (const locale of ["zh-CN", "en-US"] as const)
    for (const code of codes) index.set(headerKey(labels[locale][code]), code);
  for (const [text, code] of Object.entries(more)) index.set(headerKey(text), code);
  return index;
}
const ACTION_INDEX = valueIndex(ACTION_LABELS, LOG_ACTIONS, MORE_ACTIONS);
const RESULT_INDEX = valueIndex(RESULT_LABELS, LOG_RESULTS, MORE_RESULTS);

const HEADER_INDEX = (() => {
  const index = new Map<string, LogField>();
  for (const f of FIELDS) {
    for (const locale of ["zh-CN", "en-US"] as const)
      index.set(headerKey(LOG_HEADERS[locale][f]), f);
    for (const s of SYNONYMS[f]) if (!index.has(headerKey(s))) index.set(headerKey(s), f);
  }
  return index;
})();

/** Name of the log sheet, by language. */
export const LOG_SHEET: Record<Locale, string> = { "zh-CN": "催收记录", "en-US": "Collection log" };

/**
 * The empty log sheet: headers in row 1, `rows` rows ready to fill with drop-downs for action
 * and result and date rules on the date columns, frozen header, a filter.
 */
export function collectionLogSpec(locale: Locale, rows = 1000): SheetSpec {
  const h = LOG_HEADERS[locale];
  const last = rows + 1;
  const body: SpecRow[] = [FIELDS.map((f) => header(h[f]))];
  // Formats on the first row to fill, so the user sees dates and amounts as such.
  body.push([
    { value: null, format: DATE_FORMAT },
    null,
    null,
    null,
    null,
    null,
    { value: null, format: DATE_FORMAT },
    { value: null, format: MONEY_FORMAT },
  ]);
  return {
    name: LOG_SHEET[locale],
    widths: [12, 14, 22, 12, 10, 12, 12, 14, 24, 24],
    rows: body,
    freeze: { rows: 1, columns: 0 },
    autoFilter: `A1:J1`,
    tabColor: "5B9BD5",
    validations: [
      { range: `A2:A${last}`, date: true },
      { range: `D2:D${last}`, list: LOG_ACTIONS.map((a) => ACTION_LABELS[locale][a]) },
      { range: `F2:F${last}`, list: LOG_RESULTS.map((r) => RESULT_LABELS[locale][r]) },
      { range: `G2:G${last}`, date: true },
    ],
  };
}

export interface LogReadResult {
  /** Whether the grid has a log header at all. */
  found: boolean;
  headerRow: number | null;
  entries: LogEntry[];
  problems: Problem[];
  rows: RowCounts;
}

export interface LogReadOptions {
  date1904?: boolean;
  dateOrder?: DateOrder | null;
}

/** Finds the header row: the first of the first 10 rows naming date, customer and 2 more fields. */
function findHeader(
  grid: Grid,
): { row: number; columns: Partial<Record<LogField, number>> } | null {
  for (let r = 0; r < Math.min(10, grid.rows.length); r++) {
    const row = grid.rows[r] ?? [];
    const columns: Partial<Record<LogField, number>> = {};
    row.forEach((v, c) => {
      if (typeof v !== "string") return;
      const f = HEADER_INDEX.get(headerKey(v));
      if (f && columns[f] === undefined) columns[f] = c;
    });
    const n = Object.keys(columns).length;
    if (columns.date !== undefined && columns.customer !== undefined && n >= 4)
      return { row: r, columns };
  }
  return null;
}

/** Whether a grid has a collection-log header in its first 10 rows (the task pane's detection). */
export function isCollectionLog(grid: Grid): boolean {
  return findHeader(grid) !== null;
}

/** Reads a filled log sheet against a ledger (its customers and documents). */
export function readCollectionLog(
  grid: Grid,
  ledger: Ledger,
  options: LogReadOptions = {},
): LogReadResult {
  const rows: RowCounts = { read: 0, imported: 0, skipped: 0, rejected: 0 };
  const problems: Problem[] = [];
  const entries: LogEntry[] = [];
  const head = findHeader(grid);
  if (!head) return { found: false, headerRow: null, entries, problems, rows };
  const col = head.columns;
  const headers = (grid.rows[head.row] ?? []).map((v) => (typeof v === "string" ? v : ""));
  const date1904 = options.date1904 ?? false;

  const customers = new Map<string, number>();
  for (const c of ledger.customers) customers.set(matchKey(c.code), c.index);
  for (const c of ledger.customers)
    if (c.name !== null && !customers.has(matchKey(c.name)))
      customers.set(matchKey(c.name), c.index);
  const refs = new Map<string, number>();
  ledger.items.ref.forEach((ref, i) => {
    if (ref !== null && !refs.has(matchKey(ref))) refs.set(matchKey(ref), i);
  });

  const orderOf = (c: number | undefined): DateOrder | null => {
    if (c === undefined) return null;
    const values = grid.rows.slice(head.row + 1).map((row) => row?.[c] ?? null);
    return inferDateOrder(values).order ?? options.dateOrder ?? null;
  };
  const orders = { date: orderOf(col.date), promiseDate: orderOf(col.promiseDate) };

  let end = grid.rows.length;
  while (end > head.row + 1 && (grid.rows[end - 1] ?? []).every((v) => isBlank(v))) end--;

  for (let r = head.row + 1; r < end; r++) {
    rows.read++;
    const cells = grid.rows[r] ?? [];
    const source: SourceRef = { file: grid.file, sheet: grid.sheet, row: r + 1 };
    const issues: Problem[] = [];
    let rejected = false;
    const reject = (code: ProblemCode, c: number | undefined, params = {}) => {
      rejected = true;
      issues.push(problem(code, "error", source, name(c), params));
    };
    const warn = (code: ProblemCode, c: number | undefined, params = {}) =>
      issues.push(problem(code, "warning", source, name(c), params));
    const get = (f: LogField): CellValue =>
      col[f] === undefined ? null : (cells[col[f]!] ?? null);

    if (cells.every((v) => isBlank(v))) {
      rows.skipped++;
      problems.push(problem("row.blank", "info", source));
      continue;
    }

    const date = dateOf("date", true);
    const customerText = cellText(get("customer"));
    let customer = -1;
    if (customerText === null) reject("row.noCustomer", col.customer);
    else {
      customer = customers.get(matchKey(customerText)) ?? -1;
      if (customer < 0) reject("customer.unknown", col.customer, { customer: customerText });
    }

    const actionText = cellText(get("action"));
    const action =
      actionText === null ? null : (ACTION_INDEX.get(headerKey(actionText)) ?? undefined);
    if (action === undefined) reject("log.unknownAction", col.action, { value: actionText });
    const resultText = cellText(get("result"));
    const result =
      resultText === null ? null : (RESULT_INDEX.get(headerKey(resultText)) ?? undefined);
    if (result === undefined) reject("log.unknownResult", col.result, { value: resultText });
    const promiseDate = dateOf("promiseDate", false);
    if (result === "promise" && promiseDate === null)
      reject("log.noPromiseDate", col.promiseDate ?? col.result);
    if (action === null && result === null && promiseDate === null)
      reject("log.nothingRecorded", col.action ?? col.result);

    // Documents: separated by commas, 、, semicolons or spaces; each must be the customer's.
    const items: number[] = [];
    const itemsText = cellText(get("items"));
    if (itemsText !== null) {
      for (const ref of itemsText.split(/[\s,，、;；]+/).filter(Boolean)) {
        const i = refs.get(matchKey(ref));
        if (i === undefined) warn("log.unknownItem", col.items, { ref });
        else if (customer >= 0 && ledger.items.customer[i] !== customer)
          warn("log.otherCustomer", col.items, {
            ref,
            customer: ledger.customers[ledger.items.customer[i]].code,
          });
        else if (!items.includes(i)) items.push(i);
      }
    }

    let promiseAmount: number | null = null;
    const amountCell = get("promiseAmount");
    if (!isBlank(amountCell)) {
      const currency =
        items.length > 0
          ? ledger.currencies[ledger.items.currency[items[0]]]
          : customer >= 0
            ? ledger.customers[customer].currency
            : null;
      const m = parseMoneyCell(amountCell, minorDigits(currency));
      if (m.ok) promiseAmount = m.minor;
      else
        reject(m.reason === "error" ? "row.errorValue" : "row.badAmount", col.promiseAmount, {
          value: shown(amountCell),
        });
    }

    if (rejected || date === undefined || date === null || promiseDate === undefined) {
      rows.rejected++;
      problems.push(...issues);
      continue;
    }
    entries.push({
      date,
      customer,
      items,
      action: action ?? null,
      owner: cellText(get("owner")),
      result: result ?? null,
      promiseDate,
      promiseAmount,
      next: cellText(get("next")),
      note: cellText(get("note")),
      source,
    });
    rows.imported++;
    problems.push(...issues);

    function dateOf(f: "date" | "promiseDate", required: boolean): Serial | null | undefined {
      const v = get(f);
      const res = parseDateCell(v, orders[f], date1904);
      if (res.ok) return res.serial;
      if (res.reason === "empty") {
        if (required) reject("log.noDate", col[f]);
        return null;
      }
      const code =
        res.reason === "error"
          ? "row.errorValue"
          : res.reason === "ambiguous"
            ? "row.ambiguousDate"
            : "row.badDate";
      reject(code, col[f], { value: shown(v) });
      return undefined;
    }
  }
  return { found: true, headerRow: head.row + 1, entries, problems, rows };

  function name(c: number | undefined): string | null {
    return c === undefined ? null : headers[c] || `#${c + 1}`;
  }
}

function shown(v: CellValue): string {
  if (v === null) return "";
  if (isCellError(v)) return v.error;
  return String(v);
}

/** A workbook as the log reader needs it (the CLI's SourceBook and the pane's sheets fit). */
export type LogBook = Book;

/**
 * The log of a workbook: the sheet named like the log (either language), else the first sheet
 * with a log header. Null when no sheet has one.
 */
export function readLogBook(
  book: LogBook,
  ledger: Ledger,
  options: LogReadOptions = {},
): (LogReadResult & { sheet: string | null }) | null {
  const names = book.sheetNames.length ? book.sheetNames : [null];
  const known = Object.values(LOG_SHEET);
  const ordered = [
    ...names.filter((n) => n !== null && known.includes(n)),
    ...names.filter((n) => n === null || !known.includes(n)),
  ];
  for (const name of ordered) {
    const res = readCollectionLog(book.read(name), ledger, {
      date1904: book.date1904,
      ...options,
    });
    if (res.found) return { ...res, sheet: name };
  }
  return null;
}
