/**
 * Reading one cell's value as a date, an amount, payment terms, a flag or a text.
 *
 * These run once per cell over sheets of up to a million rows, so the common shapes (plain
 * numbers, ISO dates, `2024/3/5`) are read by scanning character codes; regular expressions (all
 * compiled once, here) only see the rarer shapes: month names, times, terms. Text with any
 * non-ASCII character is NFKC-normalised first, so full-width digits and punctuation
 * (`２０２４－０３－０５`, `１，２３４．５０`) read like their ASCII forms.
 *
 * Failures are reason codes, never exceptions: `empty` (blank cell), `error` (`#N/A` and
 * friends), `bad` (not a value of that kind) and, for dates, `ambiguous` (`5/3/2024` with no
 * day/month order known).
 */

import { MAX_SERIAL, MIN_SERIAL, serialFromYmd, type Serial } from "../core/dates";
import type { Terms } from "../core/ledger";
import { normalizeCurrency, toMinor, type CurrencyCode } from "../core/money";
import { isCellError, type CellValue } from "./grid";

export type DateOrder = "dmy" | "mdy";
export type ParseFail = { ok: false; reason: "empty" | "error" | "bad" | "ambiguous" };
export type DateResult = { ok: true; serial: Serial } | ParseFail;
export type SlashKind = "dmy" | "mdy" | "either" | "none";
export type MoneyResult = { ok: true; minor: number; currency: CurrencyCode | null } | ParseFail;
export type TermsResult = { ok: true; terms: Terms } | ParseFail;
export type BoolResult = { ok: true; value: boolean } | ParseFail;

export interface OrderInference {
  /** The day/month order to read the column with; null when the column does not tell. */
  order: DateOrder | null;
  /** Slashed values exist, but every one of them reads both ways (`5/3/2024`). */
  ambiguous: boolean;
  /** Some values can only be day-first and others only month-first. */
  mixed: boolean;
  /** Counts of values that allow only day-first, only month-first, or either order. */
  dmy: number;
  mdy: number;
  either: number;
}

const EMPTY: ParseFail = Object.freeze({ ok: false, reason: "empty" });
const ERROR: ParseFail = Object.freeze({ ok: false, reason: "error" });
const BAD: ParseFail = Object.freeze({ ok: false, reason: "bad" });
const AMBIGUOUS: ParseFail = Object.freeze({ ok: false, reason: "ambiguous" });

/** Days between the 1904 and the 1900 date systems' day zero. */
const DATE1904_OFFSET = 1462;

// Character codes used by the scanners.
const C_0 = 48;
const C_9 = 57;
const C_SPACE = 32;
const C_PLUS = 43;
const C_COMMA = 44;
const C_MINUS = 45;
const C_DOT = 46;
const C_SLASH = 47;
const C_LPAREN = 40;
const C_RPAREN = 41;
const C_MINUS_SIGN = 0x2212; // −
const C_EN_DASH = 0x2013; // –
const C_EM_DASH = 0x2014; // —
const C_NIAN = 0x5e74; // 年
const C_YUE = 0x6708; // 月
const C_RI = 0x65e5; // 日
const C_HAO = 0x53f7; // 号

function isDigit(c: number): boolean {
  return c >= C_0 && c <= C_9;
}

/** Whether a string has a character outside ASCII (so it may need NFKC). */
function hasNonAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return true;
  return false;
}

/** Trimmed text, NFKC-normalised only when it has non-ASCII characters. */
function cleanText(s: string): string {
  return (hasNonAscii(s) ? s.normalize("NFKC") : s).trim();
}

/** True when the cell holds nothing: null, "", whitespace only. */
export function isBlank(v: CellValue): boolean {
  if (v === null) return true;
  if (typeof v !== "string") return false;
  // Exactly `v.trim() === ""`, without the new string: out at the first character trim() keeps.
  for (let i = 0; i < v.length; i++) if (!isTrimmed(v.charCodeAt(i))) return false;
  return true;
}

/** Whether trim() removes this character (ECMAScript WhiteSpace and LineTerminator). */
function isTrimmed(c: number): boolean {
  if (c > C_SPACE && c < 0xa0) return false;
  return (
    c === C_SPACE ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * The text of a cell for names and references: trimmed; numbers as written without float noise
 * (611365 → "611365", 0.1 + 0.2 → "0.3"); booleans "TRUE"/"FALSE"; errors, blanks and
 * non-finite numbers → null.
 */
export function cellText(v: CellValue): string | null {
  if (v === null) return null;
  if (typeof v === "string") {
    const t = v.trim();
    return t === "" ? null : t;
  }
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return null;
    if (Number.isInteger(v)) return String(v === 0 ? 0 : v);
    return String(Number(v.toPrecision(15)));
  }
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return null;
}

// ---------------------------------------------------------------------------------------------
// Dates

/** What the numeric scanner found in a date text. */
type DateScan =
  | { kind: "ymd"; y: number; m: number; d: number }
  /** Day and month in some order, then the year: `5/3/2024`, `05.03.24`, `5-3-2024`. */
  | { kind: "slashed"; a: number; b: number; y: number }
  /** A serial number written as text (`45658`). */
  | { kind: "serial"; n: number }
  | { kind: "bad" };

const SCAN_BAD: DateScan = Object.freeze({ kind: "bad" });

/**
 * An optional time after a date: `T10:30:00Z`, ` 10:30`, ` 9:05:00.123 PM`, ` 10:30 +08:00`.
 * Sticky: tested from `lastIndex`, so no substring is made.
 */
const TIME_TAIL =
  /(?:T|\s+)\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?\s*(?:[ap]\.?m\.?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?$/iy;

/** Whether `s` from `from` on is nothing, or a time of day. */
function timeTailOk(s: string, from: number): boolean {
  if (from >= s.length) return true;
  TIME_TAIL.lastIndex = from;
  return TIME_TAIL.test(s);
}

/** Excel's two-digit years: 0–29 are 2000–2029, 30–99 are 1930–1999. */
function fullYear(y: number, digits: number): number {
  if (digits === 4) return y;
  return y < 30 ? 2000 + y : 1900 + y;
}

/**
 * Reads the digit-led date shapes by character codes: serial text, `yyyymmdd`, year-first with
 * `-` `/` `.` or 年月日, and day/month with the year last. Returns null when the text is not of
 * these shapes at all (e.g. `5-Mar-2024`, `2024 年 3 月 5 日`), so the caller can try the rarer
 * ones.
 */
function scanNumericDate(s: string): DateScan | null {
  const n = s.length;
  let i = 0;
  let v1 = 0;
  while (i < n && isDigit(s.charCodeAt(i))) v1 = v1 * 10 + (s.charCodeAt(i++) - C_0);
  const len1 = i;
  if (len1 === 0) return null;
  if (i === n) {
    if (len1 <= 5) return v1 >= MIN_SERIAL ? { kind: "serial", n: v1 } : SCAN_BAD;
    if (len1 === 8) {
      return { kind: "ymd", y: Math.floor(v1 / 10000), m: Math.floor(v1 / 100) % 100, d: v1 % 100 };
    }
    return SCAN_BAD;
  }
  const sep = s.charCodeAt(i);
  if (sep === C_NIAN) return scanChinese(s, i + 1, v1, len1);
  if (sep !== C_MINUS && sep !== C_SLASH && sep !== C_DOT) return null;
  if (len1 > 4) return SCAN_BAD;

  let j = ++i;
  let v2 = 0;
  while (i < n && isDigit(s.charCodeAt(i))) v2 = v2 * 10 + (s.charCodeAt(i++) - C_0);
  const len2 = i - j;
  if (len2 === 0) return null; // a month name, perhaps: 5-Mar-2024
  if (len2 > 2 || i === n || s.charCodeAt(i) !== sep) return SCAN_BAD;

  j = ++i;
  let v3 = 0;
  while (i < n && isDigit(s.charCodeAt(i))) v3 = v3 * 10 + (s.charCodeAt(i++) - C_0);
  const len3 = i - j;
  if (!timeTailOk(s, i)) return SCAN_BAD;

  if (len1 === 4) {
    return len3 >= 1 && len3 <= 2 ? { kind: "ymd", y: v1, m: v2, d: v3 } : SCAN_BAD;
  }
  if (len1 <= 2 && (len3 === 2 || len3 === 4)) {
    return { kind: "slashed", a: v1, b: v2, y: fullYear(v3, len3) };
  }
  return SCAN_BAD;
}

/** `2024年3月5日` (日 or 号 optional) from just after 年. */
function scanChinese(s: string, from: number, y: number, yLen: number): DateScan | null {
  const n = s.length;
  let i = from;
  let m = 0;
  while (i < n && isDigit(s.charCodeAt(i))) m = m * 10 + (s.charCodeAt(i++) - C_0);
  const mLen = i - from;
  if (mLen === 0 || i === n) return null; // spaces or words around the characters
  if (s.charCodeAt(i) !== C_YUE) return null;
  const dFrom = ++i;
  let d = 0;
  while (i < n && isDigit(s.charCodeAt(i))) d = d * 10 + (s.charCodeAt(i++) - C_0);
  const dLen = i - dFrom;
  if (dLen === 0) return null;
  if (i < n && (s.charCodeAt(i) === C_RI || s.charCodeAt(i) === C_HAO)) i++;
  if (yLen !== 4 || mLen > 2 || dLen > 2 || !timeTailOk(s, i)) return SCAN_BAD;
  return { kind: "ymd", y, m, d };
}

const MONTH_NAMES = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];

/** 1-based month of an English month name or abbreviation (`Mar`, `MARCH`, `Sept`), else 0. */
function monthFromName(name: string): number {
  const lower = name.toLowerCase();
  if (lower.length < 3) return 0;
  for (let k = 0; k < 12; k++) if (MONTH_NAMES[k].startsWith(lower)) return k + 1;
  return 0;
}

/** `5-Mar-2024`, `05-MAR-24`, `5 March 2024`, `5th Mar. 2024`. */
const DAY_MONTHNAME_YEAR =
  /^(\d{1,2})(?:st|nd|rd|th)?[\s\-/.,]*([a-z]{3,9})\.?[\s\-/.,]*(\d{4}|\d{2})(?!\d)/i;
/** `Mar 5, 2024`, `March 5 2024`, `Sept. 5th, 2024`. */
const MONTHNAME_DAY_YEAR =
  /^([a-z]{3,9})\.?[\s\-/.]*(\d{1,2})(?:st|nd|rd|th)?(?:,\s*|[\s\-/.]+)(\d{4}|\d{2})(?!\d)/i;
/** `2024 年 3 月 5 日`: the Chinese form with spaces. */
const CHINESE_SPACED = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?/;

/** The rarer date shapes, by regular expression. */
function parseDateFallback(s: string): DateResult {
  let m = DAY_MONTHNAME_YEAR.exec(s);
  if (m) {
    const month = monthFromName(m[2]);
    if (month === 0 || !timeTailOk(s, m[0].length)) return BAD;
    return okSerial(serialFromYmd(fullYear(+m[3], m[3].length), month, +m[1]));
  }
  m = MONTHNAME_DAY_YEAR.exec(s);
  if (m) {
    const month = monthFromName(m[1]);
    if (month === 0 || !timeTailOk(s, m[0].length)) return BAD;
    return okSerial(serialFromYmd(fullYear(+m[3], m[3].length), month, +m[2]));
  }
  m = CHINESE_SPACED.exec(s);
  if (m) {
    if (!timeTailOk(s, m[0].length)) return BAD;
    return okSerial(serialFromYmd(+m[1], +m[2], +m[3]));
  }
  return BAD;
}

function okSerial(serial: Serial | null): DateResult {
  return serial === null ? BAD : { ok: true, serial };
}

/** The serials a day/month/year-last date gives read day-first and month-first (null: no date). */
function slashedReadings(a: number, b: number, y: number): [Serial | null, Serial | null] {
  return [serialFromYmd(y, b, a), serialFromYmd(y, a, b)];
}

function resolveSlashed(a: number, b: number, y: number, order: DateOrder | null): DateResult {
  const [dmy, mdy] = slashedReadings(a, b, y);
  if (dmy === null) return okSerial(mdy);
  if (mdy === null || a === b) return okSerial(dmy);
  if (order === null) return AMBIGUOUS;
  return okSerial(order === "dmy" ? dmy : mdy);
}

function parseDateText(raw: string, order: DateOrder | null): DateResult {
  const s = cleanText(raw);
  if (s === "") return EMPTY;
  const scan = isDigit(s.charCodeAt(0)) ? scanNumericDate(s) : null;
  if (scan === null) return parseDateFallback(s);
  switch (scan.kind) {
    case "ymd":
      return okSerial(serialFromYmd(scan.y, scan.m, scan.d));
    case "slashed":
      return resolveSlashed(scan.a, scan.b, scan.y, order);
    case "serial":
      return scan.n <= MAX_SERIAL ? { ok: true, serial: scan.n } : BAD;
    default:
      return BAD;
  }
}

/**
 * A cell as a date serial (Excel 1900 system).
 *
 * Numbers are serials (a date-time keeps its day; `date1904` shifts a 1904-system workbook's
 * numbers by 1462). An integer of 8 digits that is a valid `yyyymmdd` date (19000101 …
 * 99991231, too big to be a serial) is read as that date, as ERP exports write them. Text may
 * be ISO (with or without a time, no time-zone shift), `2024/3/5`, `2024.3.5`, `2024年3月5日`,
 * `20240305`, `5-Mar-2024`, `Mar 5, 2024`, a serial of up to 5 digits (not shifted by
 * `date1904`), or day and month with the year last (`5/3/2024`, `1/2/13`): read with `order`
 * when both parts could be the month, the only possible way otherwise.
 *
 * @example
 * parseDateCell(45658.75, null) //=> { ok: true, serial: 45658 }
 * parseDateCell("13/1/2024", "mdy") //=> { ok: true, serial: 45304 }
 * parseDateCell("5/3/2024", null) //=> { ok: false, reason: "ambiguous" }
 */
export function parseDateCell(v: CellValue, order: DateOrder | null, date1904 = false): DateResult {
  if (typeof v === "number") return dateFromNumber(v, date1904);
  if (typeof v === "string") return parseDateText(v, order);
  if (v === null) return EMPTY;
  if (typeof v === "boolean") return BAD;
  return isCellError(v) ? ERROR : BAD;
}

function dateFromNumber(v: number, date1904: boolean): DateResult {
  if (!Number.isFinite(v)) return BAD;
  const day = Math.floor(v) + (date1904 ? DATE1904_OFFSET : 0);
  if (day >= MIN_SERIAL && day <= MAX_SERIAL) return { ok: true, serial: day };
  if (Number.isInteger(v) && v >= 19000101 && v <= 99991231) {
    return okSerial(serialFromYmd(Math.floor(v / 10000), Math.floor(v / 100) % 100, v % 100));
  }
  return BAD;
}

/** Like `slashKind`, but `"same"` for a value whose day and month are equal (`3/3/2024`). */
function slashClass(v: CellValue): SlashKind | "same" {
  if (typeof v !== "string") return "none";
  // Three leading digits (an ISO or yyyymmdd date, a serial): never day/month first. Trimming
  // and NFKC leave such a start as it is, so this is what the scan below would say.
  if (
    v.length >= 3 &&
    isDigit(v.charCodeAt(0)) &&
    isDigit(v.charCodeAt(1)) &&
    isDigit(v.charCodeAt(2))
  )
    return "none";
  const s = cleanText(v);
  if (s === "" || !isDigit(s.charCodeAt(0))) return "none";
  const scan = scanNumericDate(s);
  if (scan === null || scan.kind !== "slashed") return "none";
  const [dmy, mdy] = slashedReadings(scan.a, scan.b, scan.y);
  if (dmy === null) return mdy === null ? "none" : "mdy";
  if (mdy === null) return "dmy";
  return scan.a === scan.b ? "same" : "either";
}

/**
 * For a text value of the day/month-with-year-last form: which orders it allows (`13/1/2024`
 * "dmy", `1/13/2024` "mdy", `5/3/2024` and `3/3/2024` "either"). "none" for anything else (ISO,
 * serials, numbers, month names, impossible dates like `13/13/2024`).
 */
export function slashKind(v: CellValue): SlashKind {
  const k = slashClass(v);
  return k === "same" ? "either" : k;
}

/**
 * Scans a column's values for the day/month order of its slashed dates. Only-dmy evidence gives
 * dmy; only-mdy gives mdy; both give `mixed` with the majority order (null on a tie); only values
 * that read both ways give `ambiguous` with a null order; no slashed values give a null order,
 * not ambiguous. Values whose day and month are equal (`3/3/2024`) read the same either way:
 * they are not counted.
 */
export function inferDateOrder(values: Iterable<CellValue>): OrderInference {
  let dmy = 0;
  let mdy = 0;
  let either = 0;
  for (const v of values) {
    if (typeof v !== "string") continue;
    const k = slashClass(v);
    if (k === "dmy") dmy++;
    else if (k === "mdy") mdy++;
    else if (k === "either") either++;
  }
  return orderOf(dmy, mdy, either);
}

/**
 * As `inferDateOrder` on a column given as its distinct values, each `counts[k]` times: a column
 * of repeated date texts is looked at once per text.
 */
export function inferDateOrderCounted(
  values: readonly CellValue[],
  counts: ArrayLike<number>,
): OrderInference {
  let dmy = 0;
  let mdy = 0;
  let either = 0;
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (typeof v !== "string" || counts[k] === 0) continue;
    const kind = slashClass(v);
    if (kind === "dmy") dmy += counts[k];
    else if (kind === "mdy") mdy += counts[k];
    else if (kind === "either") either += counts[k];
  }
  return orderOf(dmy, mdy, either);
}

function orderOf(dmy: number, mdy: number, either: number): OrderInference {
  const mixed = dmy > 0 && mdy > 0;
  let order: DateOrder | null = null;
  if (dmy > mdy) order = "dmy";
  else if (mdy > dmy) order = "mdy";
  const ambiguous = dmy === 0 && mdy === 0 && either > 0;
  return { order, ambiguous, mixed, dmy, mdy, either };
}

// ---------------------------------------------------------------------------------------------
// Money

/** Currency marks seen around amounts (upper case), mapped to their ISO codes. */
const CURRENCY_MARKS: ReadonlyMap<string, string> = buildCurrencyMarks();

function buildCurrencyMarks(): Map<string, string> {
  // Mark → a text `normalizeCurrency` knows, where the mark itself is not one.
  const marks: Record<string, string> = {
    "¥": "¥",
    "￥": "¥",
    $: "$",
    "€": "€",
    "£": "£",
    US$: "USD",
    HK$: "HKD",
    NT$: "TWD",
    S$: "SGD",
    A$: "AUD",
    C$: "CAD",
    "₩": "KRW",
    "₹": "INR",
    "₫": "VND",
    元: "元",
    人民币: "人民币",
    美元: "美元",
    欧元: "欧元",
    英镑: "英镑",
    日元: "日元",
    港币: "港币",
    港元: "港元",
  };
  const codes = "CNY RMB USD EUR GBP HKD JPY TWD KRW SGD AUD CAD CHF INR VND KWD BHD".split(" ");
  const map = new Map<string, string>();
  for (const [mark, text] of Object.entries(marks)) {
    const code = normalizeCurrency(text);
    if (code) map.set(mark, code);
  }
  for (const c of codes) map.set(c, normalizeCurrency(c) as string);
  return map;
}

/** Longest mark first: 美元 before 元, US$ before $. */
const MARK_LENGTHS = [3, 2, 1];

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * The currency mark (a key of CURRENCY_MARKS) that `s[i, j)` starts with (`atEnd` false) or
 * ends with (`atEnd` true), or null. A letter code must not run into more letters (`CNYX`).
 */
function currencyMark(s: string, i: number, j: number, atEnd: boolean): string | null {
  for (const len of MARK_LENGTHS) {
    if (j - i < len) continue;
    const from = atEnd ? j - len : i;
    const key = s.slice(from, from + len).toUpperCase();
    if (!CURRENCY_MARKS.has(key)) continue;
    const inner = atEnd ? from : from + len - 1;
    const outer = atEnd ? from - 1 : from + len;
    if (!(isAsciiLetter(s.charCodeAt(inner)) && isAsciiLetter(s.charCodeAt(outer)))) return key;
  }
  return null;
}

/** Chinese magnitude units after an amount, with their powers of ten. Longest first. */
const UNITS: ReadonlyArray<readonly [string, number]> = [
  ["百万", 6],
  ["千万", 7],
  ["万", 4],
  ["亿", 8],
  ["千", 3],
];

/** The index in UNITS of the unit `s[i, j)` ends with, or -1. */
function unitAtEnd(s: string, i: number, j: number): number {
  if (s.charCodeAt(j - 1) < 0x4e00) return -1; // not a CJK ideograph: no unit
  for (let k = 0; k < UNITS.length; k++) {
    const unit = UNITS[k][0];
    if (j - unit.length >= i && s.endsWith(unit, j)) return k;
  }
  return -1;
}

function isMinusChar(c: number): boolean {
  return c === C_MINUS || c === C_MINUS_SIGN;
}

function isDashChar(c: number): boolean {
  return c === C_MINUS || c === C_MINUS_SIGN || c === C_EN_DASH || c === C_EM_DASH;
}

function isSpace(c: number): boolean {
  return c === C_SPACE || c === 9 || c === 0xa0 || c === 0x3000 || c === 0x2009 || c === 0x202f;
}

/**
 * The digits part of an amount, `s[i, j)`: digits, an optional decimal point, and thousands
 * separators (`,` or a space, one kind) in groups of three. Returns the decimal text without
 * separators, or null when it is not a number.
 */
function numberCore(s: string, i: number, j: number): string | null {
  let digits = 0;
  let group = 0; // digits since the last separator (or the start)
  let sep = 0; // the separator in use, 0 while none
  let inFraction = false;
  for (let k = i; k < j; k++) {
    const c = s.charCodeAt(k);
    if (isDigit(c)) {
      digits++;
      if (!inFraction) group++;
    } else if (c === C_DOT) {
      if (inFraction || (sep !== 0 && group !== 3)) return null;
      inFraction = true;
    } else if (c === C_COMMA || c === C_SPACE) {
      if (inFraction) return null;
      if (sep === 0) {
        if (group < 1 || group > 3) return null;
        sep = c;
      } else if (c !== sep || group !== 3) {
        return null;
      }
      group = 0;
    } else {
      return null;
    }
  }
  if (digits === 0 || (!inFraction && sep !== 0 && group !== 3)) return null;
  if (sep === 0) return s.slice(i, j);
  let text = "";
  let from = i;
  for (let k = i; k < j; k++) {
    if (s.charCodeAt(k) === sep) {
      text += s.slice(from, k);
      from = k + 1;
    }
  }
  return text + s.slice(from, j);
}

/**
 * A cell as an amount in minor units, rounded once (half away from zero) to `digits`.
 *
 * Text may carry a currency mark before or after the number (`¥`, `US$`, `RMB`, `元`,
 * `人民币`, `USD`…, reported as an ISO code in `currency`; two different marks are bad), thousands
 * separators in groups of three (`1,234,567.89`, `1 234.50`), a sign (`-`, `−`, `+`, a trailing
 * `-`, or parentheses), and a unit (`万` ×10⁴, `亿` ×10⁸, `千` ×10³). A dash alone (`-`, `—`,
 * Excel's accounting zero `¥ -`) is 0. Percentages, `1,23`, `1.5k` and other text are bad.
 * Number cells carry no currency (null).
 *
 * @example
 * parseMoneyCell("(1,234.50)", 2) //=> { ok: true, minor: -123450, currency: null }
 * parseMoneyCell("1.2万元", 2) //=> { ok: true, minor: 1200000, currency: "CNY" }
 */
export function parseMoneyCell(v: CellValue, digits: number): MoneyResult {
  if (typeof v === "number") {
    const minor = toMinor(v, digits);
    return minor === null ? BAD : { ok: true, minor, currency: null };
  }
  if (typeof v === "string") return parseMoneyText(v, digits);
  if (v === null) return EMPTY;
  if (typeof v === "boolean") return BAD;
  return isCellError(v) ? ERROR : BAD;
}

function parseMoneyText(raw: string, digits: number): MoneyResult {
  const res = parseMoneyMajor(raw);
  if (!res.ok) return res;
  const minor = toMinor(res.major, digits);
  return minor === null ? BAD : { ok: true, minor, currency: res.currency };
}

export type MajorResult = { ok: true; major: number; currency: CurrencyCode | null } | ParseFail;

/**
 * An amount text as `parseMoneyCell` reads it, before the rounding to minor units: its value in
 * major units (signed) and currency mark. The minor units in a currency of `digits` are then
 * `toMinor(major, digits)` (null: bad), exactly what `parseMoneyCell(text, digits)` gives, so a
 * text repeated down a column is read once for every currency.
 */
export function parseMoneyMajor(raw: string): MajorResult {
  const s = cleanText(raw);
  if (s === "") return EMPTY;
  let i = 0;
  let j = s.length;
  let negative = false;
  let signed = false; // a sign or parentheses seen
  let unit = -1; // index in UNITS
  let currency: string | null = null;

  // Peel affixes off both ends until only the number is left; plain numbers leave at once.
  for (let round = 0; round < 8; round++) {
    while (i < j && isSpace(s.charCodeAt(i))) i++;
    while (j > i && isSpace(s.charCodeAt(j - 1))) j--;
    if (i >= j) return BAD;
    const first = s.charCodeAt(i);
    const last = s.charCodeAt(j - 1);
    if ((isDigit(first) || first === C_DOT) && isDigit(last)) break;
    if (j - i === 1 && isDashChar(first) && !signed) return { ok: true, major: 0, currency };
    let mark: string | null;
    let k: number;
    if ((mark = currencyMark(s, i, j, false)) !== null) {
      i += mark.length;
    } else if (unit < 0 && (mark = currencyMark(s, i, j, true)) !== null) {
      j -= mark.length;
    } else if (unit < 0 && (k = unitAtEnd(s, i, j)) >= 0) {
      unit = k;
      j -= UNITS[k][0].length;
    } else if (first === C_LPAREN && last === C_RPAREN && !signed) {
      negative = signed = true;
      i++;
      j--;
    } else if ((isMinusChar(first) || first === C_PLUS) && !signed) {
      negative = first !== C_PLUS;
      signed = true;
      i++;
    } else if (isMinusChar(last) && !signed && isDigit(s.charCodeAt(j - 2))) {
      negative = signed = true;
      j--;
    } else {
      break;
    }
    if (mark !== null) {
      const code = CURRENCY_MARKS.get(mark) as string;
      if (currency !== null && currency !== code) return BAD;
      currency = code;
    }
  }

  const core = numberCore(s, i, j);
  if (core === null) return BAD;
  const major = Number(unit >= 0 ? `${core}e${UNITS[unit][1]}` : core);
  return { ok: true, major: negative ? -major : major, currency };
}

// ---------------------------------------------------------------------------------------------
// Terms

/** Maximum term length we accept, in days (ten years). */
const MAX_TERM_DAYS = 3650;

/** Terms meaning payment on delivery or before: no credit days. */
const CASH_TERMS: ReadonlySet<string> = new Set([
  "货到付款",
  "现款",
  "现结",
  "现金",
  "款到发货",
  "先款后货",
  "cod",
  "c.o.d.",
  "cia",
  "cash",
  "due on receipt",
  "due upon receipt",
  "payable on receipt",
  "immediate",
  "immediately",
]);

/**
 * `Net 30`, `N30`, `30 days`, `30天`, `账期30天`, `月结60天`, `月结`, `EOM`, `30 EOM`, `EOM 30`,
 * `Net 30 EOM`, `Net 30 days`. Lower-cased and NFKC-normalised before matching.
 */
const TERMS_TEXT =
  /^(?:(?:(月结|eom)|账期|付款期|信用期|net|n(?=\s*\d))\s*[:-]?)?\s*(?:(\d{1,4})\s*(?:天|日|days?)?)?\s*(eom)?$/;

/** Parses a non-negative integer made only of ASCII digits, or returns -1. */
function plainInteger(s: string): number {
  if (s.length === 0 || s.length > 9) return -1;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!isDigit(c)) return -1;
    n = n * 10 + (c - C_0);
  }
  return n;
}

function okTerms(days: number, monthEnd: boolean): TermsResult {
  return days >= 0 && days <= MAX_TERM_DAYS ? { ok: true, terms: { days, monthEnd } } : BAD;
}

/**
 * A cell as payment terms. Numbers (integers 0 … 3650) and digit text are days; `月结` and `EOM`
 * mean month-end terms (`月结` or `EOM` alone: `{ days: 0, monthEnd: true }`); cash terms
 * (`货到付款`, `现款`, `现结`, `款到发货`, `COD`, `CIA`, `Due on receipt`, `immediate`) are
 * `{ days: 0, monthEnd: false }`.
 */
export function parseTermsCell(v: CellValue): TermsResult {
  if (typeof v === "number") return Number.isInteger(v) ? okTerms(v, false) : BAD;
  if (typeof v === "string") return parseTermsText(v);
  if (v === null) return EMPTY;
  if (typeof v === "boolean") return BAD;
  return isCellError(v) ? ERROR : BAD;
}

/** Terms texts repeat (月结30天, Net 60): each distinct one is parsed once. */
const TERMS_MEMO = new Map<string, TermsResult>();

let lastTermsText: string | null = null;
let lastTerms: TermsResult = EMPTY;

function parseTermsText(raw: string): TermsResult {
  if (raw === lastTermsText) return lastTerms;
  let res = TERMS_MEMO.get(raw);
  if (res === undefined) {
    res = parseTermsUncached(raw);
    if (TERMS_MEMO.size > 4096) TERMS_MEMO.clear();
    TERMS_MEMO.set(raw, res);
  }
  lastTermsText = raw;
  lastTerms = res;
  return res;
}

function parseTermsUncached(raw: string): TermsResult {
  const s = cleanText(raw);
  if (s === "") return EMPTY;
  const days = plainInteger(s);
  if (days >= 0) return okTerms(days, false);
  const lower = s.toLowerCase();
  if (CASH_TERMS.has(lower)) return okTerms(0, false);
  const m = TERMS_TEXT.exec(lower);
  if (!m) return BAD;
  const monthEnd = m[1] !== undefined || m[3] !== undefined;
  if (m[2] === undefined) return monthEnd ? okTerms(0, true) : BAD;
  return okTerms(+m[2], monthEnd);
}

// ---------------------------------------------------------------------------------------------
// Flags

const TRUE_WORDS = [
  "是",
  "有",
  "y",
  "yes",
  "true",
  "x",
  "✓",
  "✔",
  "√",
  "争议",
  "有争议",
  "disputed",
  "1",
];
const FALSE_WORDS = ["否", "无", "没有", "n", "no", "false", "×", "✗", "✘", "无争议", "0"];
const BOOL_WORDS: ReadonlyMap<string, boolean> = new Map([
  ...TRUE_WORDS.map((w): [string, boolean] => [w, true]),
  ...FALSE_WORDS.map((w): [string, boolean] => [w, false]),
]);

/**
 * A cell as a yes/no flag (e.g. disputed): booleans; numbers 1 and 0; text (case-insensitive,
 * trimmed) 是/否, 有/无/没有, Y/N, yes/no, true/false, x, ✓ ✔ √ (yes), × (no), 争议/有争议/
 * disputed (yes), 无争议 (no), 1/0.
 */
export function parseBoolCell(v: CellValue): BoolResult {
  if (typeof v === "boolean") return { ok: true, value: v };
  if (typeof v === "number") return v === 1 || v === 0 ? { ok: true, value: v === 1 } : BAD;
  if (typeof v === "string") {
    const s = cleanText(v);
    if (s === "") return EMPTY;
    const value = BOOL_WORDS.get(s.toLowerCase());
    return value === undefined ? BAD : { ok: true, value };
  }
  if (v === null) return EMPTY;
  return isCellError(v) ? ERROR : BAD;
}
