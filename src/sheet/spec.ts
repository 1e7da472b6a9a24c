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
   * Names scoped to this sheet (Excel's sheet-level defined names), e.g. `AR_ASOF` → `$N$1`, so
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

/**
 * Columns a text takes in a monospace terminal or, roughly, in Excel's width unit (the width of
 * a digit): East Asian wide and full-width characters take two, combining marks and
 * zero-width characters none, everything else one.
 */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x20 || (c >= 0x7f && c < 0xa0)) continue;
    if ((c >= 0x300 && c <= 0x36f) || (c >= 0x200b && c <= 0x200f) || c === 0xfeff) continue;
    w += isWide(c) ? 2 : 1;
  }
  return w;
}

/** East Asian Wide (W) and Fullwidth (F) ranges, as far as business text meets them. */
function isWide(c: number): boolean {
  return (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0x303e) ||
    (c >= 0x3041 && c <= 0x33ff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0xa000 && c <= 0xa4cf) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    (c >= 0x1f300 && c <= 0x1f64f) ||
    (c >= 0x1f900 && c <= 0x1f9ff) ||
    (c >= 0x20000 && c <= 0x3fffd)
  );
}

/**
 * The column width (Excel's unit) a bold header needs so that no word of it breaks across
 * lines: its longest word (a run without spaces; a Chinese header is one run), plus padding.
 */
export function headerWordWidth(text: string): number {
  const longest = Math.max(0, ...text.split(/\s+/).map(displayWidth));
  return Math.ceil(longest * 1.15) + 2;
}

/** The width a column of `texts` needs to show the longest one whole, between `min` and `max`. */
export function fitWidth(texts: Iterable<string>, min: number, max: number): number {
  let w = 0;
  for (const t of texts) w = Math.max(w, displayWidth(t));
  return Math.min(max, Math.max(min, Math.ceil(w * 1.1) + 2));
}

/**
 * A table's header row that prints whole: each header wraps between words, never inside one
 * (the widths grow to the longest word), and the row is as tall as its most-wrapped header.
 * Returns the header cells, the widths and the row's height in points.
 */
export function tableHeader(
  texts: readonly string[],
  widths: readonly number[],
): { cells: SpecCell[]; widths: number[]; height: number | undefined } {
  const out = texts.map((t, k) => Math.max(widths[k] ?? 10, headerWordWidth(t)));
  let lines = 1;
  texts.forEach((t, k) => {
    // Greedy word wrap at the column's width, as a spreadsheet does.
    let n = 1;
    let used = 0;
    const room = out[k] - 1;
    for (const word of t.split(/\s+/)) {
      const w = Math.ceil(displayWidth(word) * 1.15);
      if (used && used + 1 + w > room) {
        n++;
        used = w;
      } else used += (used ? 1 : 0) + w;
    }
    lines = Math.max(lines, n);
  });
  const cells = texts.map((t) => ({
    ...header(t),
    wrap: true,
    align: "center" as const,
    valign: "middle" as const,
  }));
  return { cells, widths: out, height: lines > 1 ? 15 * lines + 3 : undefined };
}

/** Page-footer words: `Page 3 of 7`, `第 3 / 7 页`, in Excel's codes. */
const PAGE_OF: Record<"zh-CN" | "en-US", string> = {
  "zh-CN": "第 &P / &N 页",
  "en-US": "Page &P of &N",
};

/** Escapes `&` in text put into an Excel header or footer. */
export function headerFooterText(text: string): string {
  return text.replace(/&/g, "&&");
}

/**
 * The page setup of a generated table: A4, portrait when its columns fit a portrait page
 * (about 95 width units between 1.5 cm margins) and landscape otherwise, one page wide, the
 * header rows repeated on every page, and a footer with the table's title and `page x of y`.
 */
export function tablePrint(
  locale: "zh-CN" | "en-US",
  title: string,
  widths: readonly number[],
  titleRows: [number, number] | undefined,
  extra: Partial<PrintSetup> = {},
): PrintSetup {
  const total = widths.reduce((s, w) => s + w, 0);
  return {
    orientation: total <= 95 ? "portrait" : "landscape",
    paper: "A4",
    fitToWidth: true,
    margins: { top: 1.5, bottom: 1.8, left: 1.5, right: 1.5, header: 0.6, footer: 0.8 },
    ...(titleRows ? { titleRows } : {}),
    footer: `&L${headerFooterText(title)}&R${PAGE_OF[locale]}`,
    ...extra,
  };
}

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
