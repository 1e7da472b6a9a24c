/**
 * A sheet's cells held column by column: a number column is a Float64Array, text and the rare
 * booleans and errors sit in a plain array beside it, and a tag says which (or that the cell is
 * empty). A full sheet then costs no array per row and no boxed number per cell, which is most of
 * what reading a million rows into a grid cost (building it, and the garbage collector walking it).
 *
 * `row(r, into)` gives a row exactly as `rows[r]` of the grid would hold it (same length, null in
 * gaps), in an array the caller reuses.
 */
import {
  CELL_DECIMAL as DECIMAL,
  CELL_NUMBER as NUMBER,
  CELL_OTHER as OTHER,
  CELL_SHARED as SHARED,
  type CellColumn,
  type CellValue,
  type SheetCells,
  columnValue,
} from "../sheet/grid";

/** Columns held as columns at most; a sheet wider than this is kept as rows (see `put`). */
const MAX_COLUMNS = 256;

interface Column extends CellColumn {
  tag: Uint8Array;
  /**
   * The number; for text, booleans and errors, their index in `obj`; for a shared string, its
   * index in the workbook's shared strings.
   */
  num: Float64Array;
  /** Text, booleans and errors, in the order put (a list that only grows). */
  obj: CellValue[];
}

export class ColumnStore implements SheetCells {
  private columns: (Column | undefined)[] = [];
  /** Length of each row (1 + its last column holding a value). */
  private lengths = new Uint16Array(1024);
  private capacity = 1024;
  private count = 0;
  /** Set when the sheet proved too wide for columns: the rows, as the grid holds them. */
  private asRows: CellValue[][] | null = null;
  /** The workbook's shared strings, which SHARED cells index. */
  private shared: readonly string[] = [];

  get rowCount(): number {
    return this.asRows ? this.asRows.length : this.count;
  }

  /** Stores a cell's value (not null) at 0-based row r, column c; a later value replaces it. */
  put(r: number, c: number, v: CellValue): void {
    const rows = this.asRows;
    if (rows !== null) {
      putInRows(rows, r, c, v);
      return;
    }
    if (c >= MAX_COLUMNS) {
      this.asRows = this.toRows();
      this.columns = [];
      this.put(r, c, v);
      return;
    }
    const col = this.slot(r, c);
    if (typeof v === "number") {
      col.tag[r] = NUMBER;
      col.num[r] = v;
    } else {
      col.tag[r] = OTHER;
      col.num[r] = col.obj.length;
      col.obj.push(v);
    }
  }

  /** The shared strings that `putShared` indexes (set before the first such cell). */
  setStrings(strings: readonly string[]): void {
    this.shared = strings;
  }

  /** As `put` for the shared string of index i (`setStrings`). */
  putShared(r: number, c: number, i: number): void {
    if (this.asRows !== null || c >= MAX_COLUMNS) {
      this.put(r, c, this.shared[i]);
      return;
    }
    const col = this.slot(r, c);
    col.tag[r] = SHARED;
    col.num[r] = i;
  }

  /** The shared strings SHARED cells index. */
  get strings(): readonly string[] {
    return this.shared;
  }

  /** Column c as stored, or undefined (no cell in it); null when the sheet is held as rows. */
  column(c: number): CellColumn | undefined | null {
    if (this.asRows !== null) return null;
    return this.columns[c];
  }

  /** Length of row r as `rows[r].length` (0 past the end). */
  rowLength(r: number): number {
    if (this.asRows !== null) return this.asRows[r]?.length ?? 0;
    return r >= 0 && r < this.count ? this.lengths[r] : 0;
  }

  /** As `put` for a number. */
  putNumber(r: number, c: number, v: number): void {
    if (this.asRows !== null || c >= MAX_COLUMNS) {
      this.put(r, c, v);
      return;
    }
    const col = this.slot(r, c);
    col.tag[r] = NUMBER;
    col.num[r] = v;
  }

  /**
   * As `put` for text written as a plain decimal with `digits` (1 to 9) digits after the point,
   * whose value is v (see CELL_DECIMAL: the text must be `v.toFixed(digits)`).
   */
  putDecimal(r: number, c: number, v: number, digits: number): void {
    if (this.asRows !== null || c >= MAX_COLUMNS) {
      this.put(r, c, v.toFixed(digits));
      return;
    }
    const col = this.slot(r, c);
    col.tag[r] = DECIMAL + digits;
    col.num[r] = v;
  }

  /**
   * Makes row r at least n cells long (nulls after its last value), and counts it: a CSV's
   * `a,b,` is three cells and a blank line an empty row.
   */
  setRowLength(r: number, n: number): void {
    const rows = this.asRows;
    if (rows !== null) {
      while (rows.length <= r) rows.push([]);
      const cells = rows[r];
      while (cells.length < n) cells.push(null);
      return;
    }
    if (n > MAX_COLUMNS) {
      this.asRows = this.toRows();
      this.columns = [];
      this.setRowLength(r, n);
      return;
    }
    if (r >= this.capacity) this.grow(r + 1);
    if (r >= this.count) this.count = r + 1;
    if (n > this.lengths[r]) this.lengths[r] = n;
  }

  /**
   * Makes room for rows rows at once (a reader that knows about how many are coming), so that the
   * columns are not grown by doubling, each copied, as they fill.
   */
  reserve(rows: number): void {
    if (rows > this.capacity && this.asRows === null) this.grow(rows, true);
  }

  /** The column of cell (r, c), the row counted and its length updated for the cell. */
  private slot(r: number, c: number): Column {
    if (r >= this.capacity) this.grow(r + 1);
    if (r >= this.count) this.count = r + 1;
    if (c + 1 > this.lengths[r]) this.lengths[r] = c + 1;
    return this.columns[c] ?? this.addColumn(c);
  }

  private addColumn(c: number): Column {
    while (this.columns.length < c) this.columns.push(undefined);
    const col: Column = {
      tag: new Uint8Array(this.capacity),
      num: new Float64Array(this.capacity),
      obj: [],
    };
    this.columns[c] = col;
    return col;
  }

  private grow(need: number, exact = false): void {
    let cap = this.capacity;
    while (cap < need) cap *= 2;
    if (exact) cap = need;
    const lengths = new Uint16Array(cap);
    lengths.set(this.lengths);
    this.lengths = lengths;
    for (const col of this.columns) {
      if (!col) continue;
      const tag = new Uint8Array(cap);
      tag.set(col.tag);
      col.tag = tag;
      const num = new Float64Array(cap);
      num.set(col.num);
      col.num = num;
    }
    this.capacity = cap;
  }

  row(r: number, into: CellValue[]): CellValue[] | undefined {
    if (this.asRows) return this.asRows[r];
    if (r < 0 || r >= this.count) return undefined;
    const n = this.lengths[r];
    into.length = n;
    const columns = this.columns;
    for (let c = 0; c < n; c++) {
      const col = columns[c];
      if (col === undefined) {
        into[c] = null;
        continue;
      }
      into[c] = this.valueAt(col, r);
    }
    return into;
  }

  cell(r: number, c: number): CellValue | undefined {
    if (this.asRows) return this.asRows[r]?.[c];
    if (r < 0 || r >= this.count || c >= this.lengths[r]) return undefined;
    const col = this.columns[c];
    if (col === undefined) return null;
    return this.valueAt(col, r);
  }

  /** The value a column holds at row r, by its tag (null for an empty cell). */
  private valueAt(col: Column, r: number): CellValue {
    return columnValue(col, this.shared, r);
  }

  toRows(): CellValue[][] {
    if (this.asRows) return this.asRows;
    const out: CellValue[][] = new Array<CellValue[]>(this.count);
    for (let r = 0; r < this.count; r++) out[r] = this.row(r, []) as CellValue[];
    return out;
  }
}

/** Stores v at 0-based row r, column c of a ragged grid of rows, padding with nulls. */
export function putInRows(rows: CellValue[][], r: number, c: number, v: CellValue): void {
  while (rows.length <= r) rows.push([]);
  const cells = rows[r];
  if (c === cells.length) cells.push(v);
  else if (c < cells.length) cells[c] = v;
  else {
    while (cells.length < c) cells.push(null);
    cells.push(v);
  }
}
