/**
 * SheetSpec: a generated sheet described as plain data (DESIGN §2). Generators build specs;
 * writers (ExcelJS in Node, Office.js in Excel) render them. No styling engine, just what a
 * finance sheet needs: values, number formats, bold headers, merges, widths, frozen panes.
 */
import type { Serial } from "../core/dates";

/** A formula is the only way a cell becomes one: text from data is always written as text. */
export interface FormulaValue {
  formula: string;
  result?: number | string | null;
}

export interface SpecCell {
  /** A number, text, boolean, blank, a date serial (`{ date }`) or a formula. */
  value: string | number | boolean | null | { date: Serial } | FormulaValue;
  /** Excel number format, e.g. `#,##0.00` or `yyyy-mm-dd`. */
  format?: string;
  bold?: boolean;
  /** Horizontal alignment. */
  align?: "left" | "center" | "right";
  /** Fill colour as RRGGBB. */
  fill?: string;
}

export type SpecRow = (SpecCell | string | number | null)[];

export interface SheetSpec {
  name: string;
  /** Column widths in characters, left to right. */
  widths?: number[];
  rows: SpecRow[];
  /** A1 ranges to merge, e.g. `A1:F1`. */
  merges?: string[];
  /** Rows and columns kept in view. */
  freeze?: { rows: number; columns: number };
  /** Print setup: landscape and fit to width. */
  landscape?: boolean;
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
