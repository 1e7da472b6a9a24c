/**
 * A sheet as ar-desk reads it: a rectangle of plain cell values, whatever it came from (an
 * .xlsx read by the fast reader or ExcelJS, a CSV, Office.js `range.values`, a test's 2-D array).
 */
import type { Problem } from "../core/problems";

/** An error value of a cell (`#N/A`, `#VALUE!`, …). */
export interface CellError {
  error: string;
}

/**
 * One cell's value. Numbers are what the cell holds (dates arrive as Excel serials, possibly with
 * a time fraction); strings are text exactly as written; null is an empty cell.
 */
export type CellValue = string | number | boolean | null | CellError;

export interface Grid {
  /** Sheet name; null for a CSV. */
  sheet: string | null;
  /** File name as the user gave it; null for an in-workbook sheet. */
  file: string | null;
  /** `rows[r][c]` is the cell at sheet row r + 1, column c + 1. Rows may be ragged or empty. */
  rows: CellValue[][];
  /** What the file's reader found wrong in the file itself, at its rows (reported on import). */
  problems?: Problem[];
  /**
   * The same cells held column by column (the CLI's .xlsx reader), for readers of the whole
   * sheet: the import reads rows from here without a grid of boxed values being built. `rows`
   * is then made only when something asks for it.
   */
  cells?: SheetCells;
}

/** Tags of a stored cell (`CellColumn.tag`): 0 is an empty cell. */
export const CELL_NUMBER = 1;
/** Text, a boolean or an error, at `obj[num]`. */
export const CELL_OTHER = 2;
/** A shared string of the workbook, at `strings[num]` (`ColumnarCells.strings`). */
export const CELL_SHARED = 3;
/**
 * Text written as a plain decimal number (a CSV's `1234.50`, `-0.5`): tags CELL_DECIMAL + 1 to
 * CELL_DECIMAL + 9 for 1 to 9 digits after the point. `num` holds its value, and the text is
 * exactly `decimalText(tag, num)`, so such a cell is held without a string (see `decimalText`).
 */
export const CELL_DECIMAL = 4;

/**
 * The text of a CELL_DECIMAL cell. A reader gives the tag only to text that `toFixed` writes back
 * as it was: an optional minus (not before zero), no leading zero before other digits, 1 to 9
 * digits after the point, at most 15 digits in all (a double holds those exactly).
 */
export function decimalText(tag: number, num: number): string {
  return num.toFixed(tag - CELL_DECIMAL);
}

/** One column of a sheet as a column store holds it, for readers going field by field. */
export interface CellColumn {
  /** Per row: 0 empty, or CELL_NUMBER, CELL_OTHER, CELL_SHARED, CELL_DECIMAL + digits. */
  readonly tag: Uint8Array;
  /** The number (also of a decimal text), or the index in `obj` or in the shared strings. */
  readonly num: Float64Array;
  readonly obj: readonly CellValue[];
}

/**
 * The value column `col` holds at row r, by its tag (null for an empty cell): what `rows[r][c]`
 * of the grid would be. `strings` are the texts CELL_SHARED cells index.
 */
export function columnValue(col: CellColumn, strings: readonly string[], r: number): CellValue {
  const t = col.tag[r];
  return t === CELL_NUMBER
    ? col.num[r]
    : t === CELL_SHARED
      ? strings[col.num[r]]
      : t === CELL_OTHER
        ? col.obj[col.num[r]]
        : t > CELL_DECIMAL
          ? decimalText(t, col.num[r])
          : null;
}

/** A sheet's cells, row by row on request (see `Grid.cells`). */
export interface SheetCells {
  /** As `rows.length`. */
  readonly rowCount: number;
  /**
   * Row r as `rows[r]` holds it (undefined past the end), written into `into` (which is returned
   * and is only valid until the next call with the same array).
   */
  row(r: number, into: CellValue[]): CellValue[] | undefined;
  /** As `rows[r]?.[c]`. */
  cell(r: number, c: number): CellValue | undefined;
  /** The whole grid. */
  toRows(): CellValue[][];
  /**
   * Column c as stored (undefined: nothing in it), or null when the cells are not held as
   * columns; absent on stores without columns.
   */
  column?(c: number): CellColumn | undefined | null;
  /** The shared strings that CELL_SHARED cells index (with `column`). */
  readonly strings?: readonly string[];
  /** Length of row r as `rows[r].length` (0 past the end) (with `column`). */
  rowLength?(r: number): number;
}

/** Row r of a grid (a fresh array when the grid is held as columns): for the first rows. */
export function gridRow(grid: Grid, r: number): CellValue[] | undefined {
  return grid.cells ? grid.cells.row(r, []) : grid.rows[r];
}

/** Number of rows of a grid, without building its rows. */
export function gridRowCount(grid: Grid): number {
  return grid.cells ? grid.cells.rowCount : grid.rows.length;
}

/**
 * A workbook as the readers take it, whatever holds it: its sheet names in tab order and each
 * sheet's grid. A CSV is a book of one unnamed sheet (`sheetNames` empty, `read(null)`).
 */
export interface Book {
  /** The file as the user gave it; null for a workbook open in Excel or in memory. */
  file: string | null;
  sheetNames: string[];
  date1904: boolean;
  /** A sheet's grid; null for a CSV's only sheet (or a workbook's first). */
  read(sheet: string | null): Grid;
}

/** A book of one sheet: the sheet a user connected in the task pane. */
export function bookOf(grid: Grid, date1904 = false): Book {
  return {
    file: grid.file,
    sheetNames: grid.sheet === null ? [] : [grid.sheet],
    date1904,
    read: () => grid,
  };
}

export function isCellError(v: CellValue): v is CellError {
  return typeof v === "object" && v !== null;
}

/** A1-style column letters of a 0-based column index: 0 → A, 27 → AB. */
export function columnLetters(index: number): string {
  let s = "";
  let n = index + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
