/**
 * Cell values between ar-desk and Office.js `range.values`: reading error cells and blanks,
 * and writing text so that Excel never parses it into a formula, number, date or boolean.
 * Pure functions, no Office.
 */
import type { CellValue } from "../sheet/grid";
import type { SpecCell, SpecRow } from "../sheet/spec";

/**
 * The error values Excel can show in a cell. `range.values` returns an error cell as its text
 * (`"#N/A"`), which a text cell could hold too; `valueTypes` tells them apart (see
 * office-read.ts, which asks for it only where a value looks like one of these).
 */
const ERROR_TEXTS = new Set([
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#GETTING_DATA",
  "#SPILL!",
  "#CONNECT!",
  "#BLOCKED!",
  "#UNKNOWN!",
  "#FIELD!",
  "#CALC!",
  "#BUSY!",
  "#EXTERNAL!",
  "#PYTHON!",
]);

export function looksLikeError(v: unknown): v is string {
  return typeof v === "string" && v.charCodeAt(0) === 35 /* # */ && ERROR_TEXTS.has(v);
}

/**
 * One cell of `range.values` as a CellValue: `""` (Office's empty cell) is null; an error cell
 * (its `valueType` is `"Error"`) is `{ error }`. Without a type, a known error text counts as an
 * error.
 */
export function fromOffice(v: unknown, valueType?: string): CellValue {
  if (v === "" || v === null || v === undefined) return null;
  if (typeof v === "string") {
    if (valueType === undefined ? looksLikeError(v) : valueType === "Error") return { error: v };
    return v;
  }
  if (typeof v === "number" || typeof v === "boolean") return v;
  return String(v);
}

/** Excel's limit on the characters of one cell. */
export const MAX_CELL_TEXT = 32_767;

const MONTH_START = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i;
const BOOLEAN = /^\s*(true|false)\s*$/i;

/**
 * True when Excel could read `text`, typed into a cell, as something other than that text:
 * a formula (`=`, `+`, `-`, `@`), a number, date, time, percentage, fraction or currency
 * amount (`00123`, `1/2`, `3-5`, `1e5`, `50%`, `$12`, `(100)`), a boolean, an error value, a
 * month-name date (`Mar 5`) or a quote prefix (`'`). Range.values parses strings as typing
 * does ("If the returned value starts with a plus, minus, or equal sign, Excel interprets
 * this value as a formula", Excel.Range.values). Errs on the side of yes: anything that does
 * not start with a letter (any script) or `{` (a template placeholder) is protected.
 */
export function needsTextFormat(text: string): boolean {
  if (text === "") return false;
  if (!/^[\p{L}{]/u.test(text)) return true;
  return BOOLEAN.test(text) || MONTH_START.test(text);
}

/** Excel's Text number format: a cell in it keeps what is entered as text, as typed. */
export const TEXT_FORMAT = "@";

/** A spec row entry as a SpecCell, or null when the cell is empty and unstyled. */
export function specCell(raw: SpecRow[number] | undefined): SpecCell | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === "object") return raw;
  return { value: raw };
}

/** What one spec cell puts into Office. */
export interface OfficeCell {
  /** For `range.values`; null leaves the cell alone (Office ignores null in an update). */
  value: string | number | boolean | null;
  /** For `range.formulas`, with its `=`. */
  formula?: string;
  /** The number format to set before the value; `@` for text that must stay text. */
  numberFormat?: string;
}

/** The Office form of a spec cell (see OfficeCell). */
export function toOffice(cell: SpecCell | null): OfficeCell {
  if (!cell) return { value: null };
  const v = cell.value;
  const numberFormat = cell.format || undefined;
  if (v === null || v === undefined) return { value: null, numberFormat };
  if (typeof v === "string") {
    const text = v.length > MAX_CELL_TEXT ? v.slice(0, MAX_CELL_TEXT) : v;
    return { value: text, numberFormat: needsTextFormat(text) ? TEXT_FORMAT : numberFormat };
  }
  if (typeof v === "number") return { value: Number.isFinite(v) ? v : null, numberFormat };
  if (typeof v === "boolean") return { value: v, numberFormat };
  if ("date" in v) return { value: v.date, numberFormat };
  const f = v.formula.trim();
  return { value: null, formula: f.startsWith("=") ? f : "=" + f, numberFormat };
}
