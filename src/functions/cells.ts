/**
 * Arguments of the custom functions as Excel hands them over, and reading their cells.
 *
 * Every parameter is declared `any[][]`, so Excel passes a 1×1 matrix for a single value and an
 * n×m matrix for a range. Per-row arguments broadcast as Excel lifts built-in functions: a 1×1
 * argument applies to every cell of the result, a single row to every row, a single column to
 * every column; the result is as large as the largest argument, and a cell that an argument
 * does not reach is `#N/A`.
 *
 * Cells are read with the sheet reader's parsers (src/sheet/values.ts), so a text date, amount
 * or payment term means here what it means in an imported sheet; a column of text dates is read
 * with the day/month order its own values show, as the reader does. The readers return a number
 * and leave their status in the call's context (`cx.st`, `cx.fail*`, see `Cx`) instead of
 * allocating a result object per cell: a spilled formula reads a million cells. The context is
 * made by the driver for each call and passed explicitly; nothing here is module state.
 */
import { MAX_SERIAL } from "../core/dates";
import * as money from "../core/money";
import type { CellValue } from "../sheet/grid";
import {
  inferDateOrder,
  parseBoolCell,
  parseDateCell,
  parseMoneyCell,
  parseTermsCell,
  type DateOrder,
} from "../sheet/values";
import { fill } from "../core/i18n";
import {
  message,
  PUNCTUATION,
  sizeText,
  type ArgName,
  type Locale,
  type MessageKey,
  type MessageParams,
} from "./messages";

/** The error values a custom function can return (Excel refuses #NAME? and #REF! as results). */
export type ErrorCode = "#VALUE!" | "#N/A" | "#DIV/0!" | "#NUM!" | "#NULL!";

/** An error result outside Excel (tests, Node): what `CustomFunctions.Error` carries. */
export class FunctionError {
  constructor(
    readonly code: ErrorCode,
    readonly message: string,
  ) {}
}

export type ErrorFactory = (code: ErrorCode, message: string) => unknown;

/**
 * One call of a custom function: how its errors are made and in which language (from the host,
 * fixed for the call), and the status of the last cell read. `st` is OK, BLANK or FAIL (then
 * `failure` makes the error from `failKey`, `failValue`, `failCode`); `currency` is the currency
 * of the last amount read from text (`¥1,200` → CNY; null for a number).
 */
export interface Cx {
  readonly locale: Locale;
  readonly makeError: ErrorFactory;
  st: number;
  currency: string | null;
  failKey: MessageKey;
  failValue: unknown;
  failCode: ErrorCode;
}

/** A fresh context for one call. */
export function newCx(locale: Locale, makeError: ErrorFactory): Cx {
  return {
    locale,
    makeError,
    st: OK,
    currency: null,
    failKey: "badType",
    failValue: null,
    failCode: "#VALUE!",
  };
}

export type Matrix = readonly (readonly unknown[])[];

/** One argument: its matrix, size and, lazily, the day/month order of each column's text dates. */
export interface Arg {
  readonly name: ArgName;
  readonly m: Matrix;
  readonly rows: number;
  readonly cols: number;
  /** Day/month order per column, computed on the first text date read. */
  orders?: (DateOrder | null)[];
  /** A 1×1 argument's date, read once: [status, value]. */
  memo?: [number, number, MessageKey, unknown, ErrorCode];
}

const NO_VALUE: Matrix = [[null]];

/** Wraps what Excel passed: a matrix, or (from JS callers) a single value or a flat list (a column). */
export function arg(name: ArgName, v: unknown): Arg {
  if (Array.isArray(v)) {
    if (v.length === 0) return { name, m: NO_VALUE, rows: 1, cols: 1 };
    if (Array.isArray(v[0])) {
      const m = v as unknown[][];
      return { name, m, rows: m.length, cols: Math.max(1, m[0].length) };
    }
    return { name, m: v.map((x) => [x]), rows: v.length, cols: 1 };
  }
  return { name, m: v === undefined || v === null ? NO_VALUE : [[v]], rows: 1, cols: 1 };
}

/** Whether an argument is a single cell. */
export function isSingle(a: Arg): boolean {
  return a.rows === 1 && a.cols === 1;
}

/** The cell of `a` for result cell (r, c), broadcasting a single row or column. */
export function at(a: Arg, r: number, c: number): unknown {
  return a.m[a.rows === 1 ? 0 : r][a.cols === 1 ? 0 : c];
}

/** The i-th cell of `a` in row-major order (for list arguments). */
export function nth(a: Arg, i: number): unknown {
  return a.cols === 1 ? a.m[i][0] : a.m[Math.floor(i / a.cols)][i % a.cols];
}

export function cellCount(a: Arg): number {
  return a.rows * a.cols;
}

// ---------------------------------------------------------------------------------------------
// Cell values

const OUTPUT_CODES: ReadonlySet<string> = new Set([
  "#VALUE!",
  "#N/A",
  "#DIV/0!",
  "#NUM!",
  "#NULL!",
]);

/**
 * A value from Excel as a sheet-reader cell value. Error inputs arrive as `CustomFunctions.Error`
 * objects (`code: "#N/A"`); data types (formatted numbers, entities) as objects with a
 * `basicValue` (an entity's is an error).
 */
export function toCell(v: unknown): CellValue {
  switch (typeof v) {
    case "number":
    case "string":
    case "boolean":
      return v;
    case "undefined":
      return null;
  }
  if (v === null) return null;
  const o = v as Record<string, unknown>;
  if (typeof o.code === "string" && o.code.startsWith("#")) return { error: o.code };
  if (typeof o.error === "string") return { error: o.error };
  if (o.type === "Error" || o.basicType === "Error") {
    return { error: typeof o.basicValue === "string" ? o.basicValue : "#VALUE!" };
  }
  if ("basicValue" in o) return toCell(o.basicValue);
  return { error: "#VALUE!" };
}

/** Blank: nothing, or text of spaces only. */
export function isBlankValue(v: unknown): boolean {
  if (v === null || v === undefined || v === "") return true;
  return typeof v === "string" && v.trim() === "";
}

/** A value as messages show it: text quoted, numbers plain, errors by code. */
export function show(v: unknown): string {
  const cell = toCell(v);
  if (cell === null) return '""';
  if (typeof cell === "string")
    return JSON.stringify(cell.length > 40 ? cell.slice(0, 40) + "…" : cell);
  if (typeof cell === "boolean") return cell ? "TRUE" : "FALSE";
  if (typeof cell === "number") return String(cell);
  return cell.error;
}

// ---------------------------------------------------------------------------------------------
// Status of the last read, and errors

export const OK: number = 0;
export const BLANK: number = 1;
export const FAIL: number = 2;

function ok(cx: Cx, value: number): number {
  cx.st = OK;
  return value;
}

function blank(cx: Cx, value = 0): number {
  cx.st = BLANK;
  return value;
}

export function failWith(cx: Cx, key: MessageKey, v: unknown, code: ErrorCode = "#VALUE!"): number {
  cx.st = FAIL;
  cx.failKey = key;
  cx.failValue = v;
  cx.failCode = code;
  return NaN;
}

/** A failure for an error cell: its own code when a function may return it, else #VALUE!. */
export function failError(cx: Cx, cell: { error: string }): number {
  const code = OUTPUT_CODES.has(cell.error) ? (cell.error as ErrorCode) : "#VALUE!";
  return failWith(cx, "errorCell", cell, code);
}

/** The error result of the last failed read of `a` (`row`: 1-based row of a list argument). */
export function failure(cx: Cx, a: Arg, row?: number): unknown {
  return cx.makeError(cx.failCode, failureText(cx, a.name, row));
}

function failureText(cx: Cx, name: ArgName, row?: number): string {
  let text = message(cx.failKey, name, cx.locale, { value: show(cx.failValue) });
  if (row !== undefined) text += fill(PUNCTUATION[cx.locale].row, { row });
  return text;
}

/** An error result with a message about `a`. */
export function errorOf(
  cx: Cx,
  code: ErrorCode,
  key: MessageKey,
  a: Arg,
  params: MessageParams = {},
): unknown {
  return cx.makeError(code, message(key, a.name, cx.locale, params));
}

/**
 * Thrown when a whole call fails (an argument that cannot be read, ranges that do not match): the
 * driver catches it and returns its error as the result (`Refusal.error`). Made by `refuse`,
 * `refuseWith` and `refuseLengths`, so the code and the bilingual message are fixed when thrown.
 */
export class Refusal {
  constructor(readonly error: unknown) {}
}

/** Refuses the call with the last failed read of `a` (`row`: 1-based row of a list argument). */
export function refuse(cx: Cx, a: Arg, row?: number): Refusal {
  return new Refusal(failure(cx, a, row));
}

/** Refuses the call with a message about `a`. */
export function refuseWith(
  cx: Cx,
  code: ErrorCode,
  key: MessageKey,
  a: Arg,
  params: MessageParams = {},
): Refusal {
  return new Refusal(errorOf(cx, code, key, a, params));
}

/** `#N/A`: `a` and `b` (list arguments) do not have the same number of cells. */
export function lengthError(cx: Cx, a: Arg, b: Arg): unknown {
  return errorOf(cx, "#N/A", "lengths", a, {
    size: sizeText(a.rows, a.cols, cx.locale),
    other: b.name,
    otherSize: sizeText(b.rows, b.cols, cx.locale),
  });
}

/** Refuses the call unless list `a` has as many cells as `b`. */
export function requireSameCells(cx: Cx, a: Arg, b: Arg): void {
  if (cellCount(a) !== cellCount(b)) throw new Refusal(lengthError(cx, a, b));
}

export function divisionByZero(cx: Cx): unknown {
  return cx.makeError("#DIV/0!", "");
}

// ---------------------------------------------------------------------------------------------
// Spilling

/**
 * The result matrix of a per-cell function: as large as the largest argument; `each(r, c)`
 * computes one cell. Cells outside an argument that is neither 1 row/column nor full size are
 * `#N/A`, as in Excel.
 */
export function spill(
  cx: Cx,
  args: readonly Arg[],
  each: (r: number, c: number) => unknown,
): unknown[][] {
  let rows = 1;
  let cols = 1;
  for (const a of args) {
    if (a.rows > rows) rows = a.rows;
    if (a.cols > cols) cols = a.cols;
  }
  let conform = true;
  for (const a of args) {
    if ((a.rows !== 1 && a.rows !== rows) || (a.cols !== 1 && a.cols !== cols)) conform = false;
  }
  const cell = conform ? each : (r: number, c: number) => guarded(cx, args, r, c, each);
  const out: unknown[][] = new Array(rows);
  if (cols === 1) {
    for (let r = 0; r < rows; r++) out[r] = [cell(r, 0)];
    return out;
  }
  for (let r = 0; r < rows; r++) {
    const row: unknown[] = new Array(cols);
    for (let c = 0; c < cols; c++) row[c] = cell(r, c);
    out[r] = row;
  }
  return out;
}

function guarded(
  cx: Cx,
  args: readonly Arg[],
  r: number,
  c: number,
  each: (r: number, c: number) => unknown,
): unknown {
  for (const a of args) {
    if ((a.rows !== 1 && r >= a.rows) || (a.cols !== 1 && c >= a.cols)) {
      return errorOf(cx, "#N/A", "outside", a, {
        size: sizeText(a.rows, a.cols, cx.locale),
        row: r + 1,
        col: c + 1,
      });
    }
  }
  return each(r, c);
}

/** A single result cell. */
export function one(value: unknown): unknown[][] {
  return [[value]];
}

// ---------------------------------------------------------------------------------------------
// Readers. Each returns a number and sets `cx.st`; on FAIL the caller returns `failure(cx, arg)`.

const SERIAL_END = MAX_SERIAL + 1;
/** Bound once: a local call in the per-cell path (see the note in family/item.ts). */
const toMinor = money.toMinor;

/** A date serial (a number cell keeps its day; text as the sheet reader reads it). BLANK: 0. */
export function readDate(cx: Cx, a: Arg, r: number, c: number): number {
  const v = at(a, r, c);
  if (typeof v === "number" && v >= 1 && v < SERIAL_END) return ok(cx, Math.floor(v));
  if (a.rows === 1 && a.cols === 1) return memoDate(cx, a, v);
  return slowDate(cx, a, v, c);
}

/** The same, for the i-th cell of a list argument. */
export function readDateNth(cx: Cx, a: Arg, i: number): number {
  const v = nth(a, i);
  if (typeof v === "number" && v >= 1 && v < SERIAL_END) return ok(cx, Math.floor(v));
  return slowDate(cx, a, v, a.cols === 1 ? 0 : i % a.cols);
}

function memoDate(cx: Cx, a: Arg, v: unknown): number {
  let m = a.memo;
  if (m === undefined) {
    const value = slowDate(cx, a, v, 0);
    m = a.memo = [cx.st, value, cx.failKey, cx.failValue, cx.failCode];
  }
  cx.st = m[0];
  cx.failKey = m[2];
  cx.failValue = m[3];
  cx.failCode = m[4];
  return m[1];
}

function slowDate(cx: Cx, a: Arg, v: unknown, c: number): number {
  if (v === null || v === undefined || v === "") return blank(cx);
  const cell = toCell(v);
  const res = parseDateCell(cell, typeof cell === "string" ? orderOf(a, c) : null);
  if (res.ok) return ok(cx, res.serial);
  switch (res.reason) {
    case "empty":
      return blank(cx);
    case "error":
      return failError(cx, cell as { error: string });
    case "ambiguous":
      return failWith(cx, "ambiguousDate", v);
    default:
      return failWith(cx, "badDate", v);
  }
}

/** The day/month order of column `c`'s slashed text dates, as the sheet reader infers it. */
function orderOf(a: Arg, c: number): DateOrder | null {
  if (a.orders === undefined) {
    const orders: (DateOrder | null)[] = new Array(a.cols).fill(null);
    for (let col = 0; col < a.cols; col++) {
      const texts: string[] = [];
      for (let r = 0; r < a.rows; r++) {
        const v = a.m[r][col];
        if (typeof v === "string" && !startsWithYear(v)) texts.push(v);
      }
      if (texts.length > 0) orders[col] = inferDateOrder(texts).order;
    }
    a.orders = orders;
  }
  return a.orders[c];
}

/**
 * Whether a text starts with four ASCII digits (`2024-03-05`, `2024年3月5日`, `20240305`): then it
 * is not day/month-first and tells nothing about the order, and inference can skip it.
 */
function startsWithYear(s: string): boolean {
  for (let i = 0; i < 4; i++) {
    const ch = s.charCodeAt(i);
    if (!(ch >= 48 && ch <= 57)) return false;
  }
  return true;
}

/** `readDate`, but a blank is a failure with `asOfBlank` (the as-of date is required). */
export function readAsOf(cx: Cx, a: Arg, r: number, c: number): number {
  const v = readDate(cx, a, r, c);
  if (cx.st === BLANK) return failWith(cx, "asOfBlank", "");
  return v;
}

/** An amount in minor units (cents; two decimals whatever the currency). Sets `cx.currency`. */
export function readMoney(cx: Cx, a: Arg, r: number, c: number): number {
  return moneyOf(cx, at(a, r, c));
}

export function readMoneyNth(cx: Cx, a: Arg, i: number): number {
  return moneyOf(cx, nth(a, i));
}

function moneyOf(cx: Cx, v: unknown): number {
  if (typeof v === "number") {
    cx.currency = null;
    const minor = toMinor(v, 2);
    return minor === null ? failWith(cx, "badMoney", v) : ok(cx, minor);
  }
  if (v === null || v === undefined || v === "") return blank(cx);
  const cell = toCell(v);
  const res = parseMoneyCell(cell, 2);
  if (res.ok) {
    cx.currency = res.currency;
    return ok(cx, res.minor);
  }
  if (res.reason === "empty") return blank(cx);
  if (res.reason === "error") return failError(cx, cell as { error: string });
  return failWith(cx, "badMoney", v);
}

/** A whole number of days 0 … 36500 (number or digit text); a blank gives `ifBlank`, status OK. */
export function readDays(cx: Cx, a: Arg, r: number, c: number, ifBlank: number): number {
  const v = at(a, r, c);
  if (typeof v === "number") {
    return Number.isInteger(v) && v >= 0 && v <= 36500 ? ok(cx, v) : failWith(cx, "badDays", v);
  }
  if (isBlankValue(v)) return ok(cx, ifBlank);
  const cell = toCell(v);
  if (typeof cell === "string") {
    const n = Number(cell.normalize("NFKC").trim());
    return Number.isInteger(n) && n >= 0 && n <= 36500 ? ok(cx, n) : failWith(cx, "badDays", v);
  }
  if (cell !== null && typeof cell === "object") return failError(cx, cell);
  return failWith(cx, "badDays", v);
}

/** A payment term in days: a number, or text the sheet reader understands (`Net 30`, `30天`). Blank: -1. */
export function readTerm(cx: Cx, a: Arg, r: number, c: number): number {
  const v = at(a, r, c);
  if (typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= 3650) return ok(cx, v);
  if (isBlankValue(v)) return ok(cx, -1);
  const cell = toCell(v);
  const res = parseTermsCell(cell);
  if (res.ok) return res.terms.monthEnd ? failWith(cx, "monthEndTerms", v) : ok(cx, res.terms.days);
  if (res.reason === "error") return failError(cx, cell as { error: string });
  if (res.reason === "empty") return ok(cx, -1);
  return failWith(cx, "badTerms", v);
}

/** A rate: 0.06 or `6%`, 0 … 10 (1000 %). */
export function readRate(cx: Cx, a: Arg, r: number, c: number): number {
  return rateOf(cx, at(a, r, c));
}

export function rateOf(cx: Cx, v: unknown): number {
  if (typeof v === "number") return v >= 0 && v <= 10 ? ok(cx, v) : failWith(cx, "badRate", v);
  if (isBlankValue(v)) return blank(cx);
  const cell = toCell(v);
  if (typeof cell !== "string") {
    return cell !== null && typeof cell === "object"
      ? failError(cx, cell)
      : failWith(cx, "badRate", v);
  }
  const t = cell.normalize("NFKC").trim();
  const percent = t.endsWith("%");
  const body = percent ? t.slice(0, -1).trim() : t;
  const n = body === "" ? NaN : Number(body);
  const rate = percent ? n / 100 : n;
  return Number.isFinite(rate) && rate >= 0 && rate <= 10
    ? ok(cx, rate)
    : failWith(cx, "badRate", v);
}

/** A hold flag: 1 held (TRUE, 是, disputed…), 0 not held (or blank), a serial: a promise-to-pay date. */
export function readHold(cx: Cx, a: Arg, r: number, c: number): number {
  const v = at(a, r, c);
  if (isBlankValue(v) || v === false) return ok(cx, 0);
  if (v === true) return ok(cx, 1);
  const cell = toCell(v);
  const flag = parseBoolCell(cell);
  if (flag.ok) return ok(cx, flag.value ? 1 : 0);
  if (flag.reason === "error") return failError(cx, cell as { error: string });
  const date = parseDateCell(cell, null);
  if (date.ok && date.serial > 1) return ok(cx, date.serial);
  return failWith(cx, "badFlag", v);
}
