/**
 * SheetSpec: a generated sheet described as plain data (DESIGN §2). Generators build specs;
 * writers (ExcelJS in Node, Office.js in Excel) render them. No styling engine, just what a
 * finance sheet needs: values, number formats, bold headers, merges, widths, frozen panes.
 */
import type { Serial } from "../core/dates";

/** A formula is the only way a cell becomes one: text from data is always written as text. */
export interface FormulaValue {
  formula: string;
  result?: number | string | boolean | null;
}

/** A cell border edge. */
export type BorderStyle = "thin" | "medium" | "thick" | "dashed" | "dotted" | "double" | "hair";

/**
 * How a cell looks: the part of Excel's formatting a printed document needs. Writers map it to
 * ExcelJS styles or Office.js `range.format`; a template read from a sheet comes back as this.
 */
export interface CellStyle {
  /** Excel number format, e.g. `#,##0.00` or `yyyy-mm-dd`. */
  format?: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  /** Font size in points. */
  size?: number;
  /** Font name, e.g. `SimSun` or `Calibri`. */
  font?: string;
  /** Font colour as RRGGBB. */
  color?: string;
  /** Horizontal alignment. */
  align?: "left" | "center" | "right" | "justify";
  /** Vertical alignment. */
  valign?: "top" | "middle" | "bottom";
  wrap?: boolean;
  /** Fill colour as RRGGBB. */
  fill?: string;
  border?: { top?: BorderStyle; bottom?: BorderStyle; left?: BorderStyle; right?: BorderStyle };
}

export interface SpecCell extends CellStyle {
  /** A number, text, boolean, blank, a date serial (`{ date }`) or a formula. */
  value: string | number | boolean | null | { date: Serial } | FormulaValue;
}

export type SpecRow = (SpecCell | string | number | boolean | null)[];

/** Page setup for printing. Margins in centimetres. */
export interface PrintSetup {
  orientation?: "portrait" | "landscape";
  /** Paper size; A4 unless said otherwise. */
  paper?: "A4" | "A3" | "letter";
  /** Scale to one page wide (any number of pages tall). */
  fitToWidth?: boolean;
  margins?: {
    top: number;
    bottom: number;
    left: number;
    right: number;
    header?: number;
    footer?: number;
  };
  /** Print area as an A1 range; the used rectangle when absent. */
  area?: string;
  /** Rows repeated at the top of each printed page, 1-based inclusive, e.g. [5, 5]. */
  titleRows?: [number, number];
  /** Manual page breaks: a new page starts after each of these 1-based rows. */
  breaksAfter?: number[];
  /**
   * Header and footer in Excel's codes (`&P` page, `&N` pages, `&L`/`&C`/`&R` sections), e.g.
   * `&CDZ-2026-0001  第 &P / &N 页`.
   */
  header?: string;
  footer?: string;
  /** Centre the printout horizontally on the page. */
  centerHorizontally?: boolean;
}

export interface SheetSpec {
  name: string;
  /** Column widths in characters, left to right. */
  widths?: number[];
  /** Row heights in points, top to bottom; undefined entries keep the default height. */
  heights?: (number | undefined)[];
  rows: SpecRow[];
  /** A1 ranges to merge, e.g. `A1:F1`. */
  merges?: string[];
  /** Rows and columns kept in view. */
  freeze?: { rows: number; columns: number };
  /** Print setup. */
  print?: PrintSetup;
  /**
   * Names scoped to this sheet (Excel's sheet-level defined names), e.g. `AR_ASOF` → `$M$1`, so
   * that the sheet's formulas read `=AR.AGING(C5,AR_ASOF)`. They go when the sheet goes.
   */
  names?: { name: string; ref: string }[];
  /** A1 range with a filter on its first row (a table ready to filter). */
  autoFilter?: string;
  /** Hide the grid lines (letters look like paper). */
  hideGridLines?: boolean;
  /** Tab colour as RRGGBB. */
  tabColor?: string;
  /**
   * Input rules for cells the user fills in (a log sheet): a drop-down `list` of allowed texts,
   * or `date` for a date; `range` in A1 notation, e.g. `D2:D500`.
   */
  validations?: { range: string; list?: string[]; date?: boolean }[];
}

/** Print setup of a wide table: landscape, A4, fit to width. */
export const LANDSCAPE_TABLE: PrintSetup = {
  orientation: "landscape",
  paper: "A4",
  fitToWidth: true,
};

export const MONEY_FORMAT = "#,##0.00;[Red]-#,##0.00";
export const DATE_FORMAT = "yyyy-mm-dd";

/** A money cell in minor units shown with `digits` decimals. */
export function moneyCell(minor: number, digits: number): SpecCell {
  const format = digits === 0 ? "#,##0;[Red]-#,##0" : MONEY_FORMAT;
  return { value: minor / 10 ** digits, format };
}

export function dateCell(serial: Serial): SpecCell | null {
  return serial ? { value: { date: serial }, format: DATE_FORMAT } : null;
}

export function header(text: string): SpecCell {
  return { value: text, bold: true, fill: "DDEBF7" };
}

const INVALID = /[[\]:*?/\\]/g;

/**
 * A valid, unique sheet name: at most 31 characters, none of `[]:*?/\`, not blank, and not
 * already in `taken` (compared case-insensitively, as Excel does). Appends ` (2)`… when needed.
 */
export function sheetName(wanted: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((n) => n.toLowerCase()));
  let base =
    wanted
      .replace(INVALID, "_")
      .replace(/^'+|'+$/g, "")
      .trim() || "Sheet";
  base = base.slice(0, 31);
  if (!used.has(base.toLowerCase())) return base;
  for (let k = 2; ; k++) {
    const suffix = ` (${k})`;
    const name = base.slice(0, 31 - suffix.length) + suffix;
    if (!used.has(name.toLowerCase())) return name;
  }
}
