/**
 * Planning of Office.js requests within Office's limits (DESIGN §7): in Excel on the web one
 * request or response carries at most 5 MB, and one range read at most 5,000,000 cells. Pure
 * functions, no Office: the adapter (office-read.ts, office-write-cells.ts) asks them how many
 * rows go in one request, and the tests check the plans for a full 1,048,576-row sheet.
 *
 * Sizes are estimates of the JSON Office sends: UTF-8 bytes of the values plus a fixed
 * allowance per queued operation. They are meant to err on the large side; the batch budget
 * stays well under the hard limit so that protocol overhead the estimate misses still fits.
 */

export interface RequestLimits {
  /** Office's cap on one request or response payload (Excel on the web: 5 MB). */
  maxPayloadBytes: number;
  /** What one request may fill by our estimate: the cap less headroom for what we miss. */
  budgetBytes: number;
  /** Office's cap on the cells of one range read. */
  maxCellsPerRead: number;
  /**
   * Estimated bytes per cell of a `values` response when nothing is known about the data yet:
   * a 20-character text (CJK takes 3 bytes a character), quotes and a comma. Reads measure the
   * real density of what came back and re-plan the rest of the sheet with it.
   */
  readBytesPerCell: number;
  /** Estimated bytes per cell of a template read (values, formulas, formats, cell properties). */
  sheetBytesPerCell: number;
  /** Most rows in one written chunk: "blocks of 5k–20k rows" (DESIGN §5). */
  maxWriteRows: number;
}

export const OFFICE_LIMITS: Readonly<RequestLimits> = {
  maxPayloadBytes: 5_000_000,
  budgetBytes: 4_000_000,
  maxCellsPerRead: 5_000_000,
  readBytesPerCell: 64,
  sheetBytesPerCell: 700,
  maxWriteRows: 5_000,
};

/**
 * Allowance for one queued operation on a range: its object path (`getRangeByIndexes` with four
 * arguments), the action, the property name and the JSON around them. Generous on purpose.
 */
export const OP_BYTES = 256;

/** Allowance for a row of a 2-D array: brackets and a comma. */
const ROW_BYTES = 3;

/** Rows `start .. start + count - 1` (0-based sheet rows) and their estimated payload. */
export interface RowChunk {
  start: number;
  count: number;
  estimatedBytes: number;
}

/**
 * Row chunks to read a block of `rowCount` rows × `columnCount` columns starting at sheet row
 * `firstRow` (0-based): consecutive, covering every row once, each within the cell cap and,
 * at `bytesPerCell`, within the payload budget. One chunk is one request.
 */
export function planReadChunks(
  firstRow: number,
  rowCount: number,
  columnCount: number,
  limits: RequestLimits = OFFICE_LIMITS,
  bytesPerCell: number = limits.readBytesPerCell,
): RowChunk[] {
  if (rowCount <= 0 || columnCount <= 0) return [];
  const rowBytes = columnCount * bytesPerCell + ROW_BYTES;
  const byBytes = Math.floor((limits.budgetBytes - OP_BYTES) / rowBytes);
  const byCells = Math.floor(limits.maxCellsPerRead / columnCount);
  const per = Math.max(1, Math.min(byBytes, byCells));
  const chunks: RowChunk[] = [];
  for (let start = firstRow, end = firstRow + rowCount; start < end; start += per) {
    const count = Math.min(per, end - start);
    chunks.push({ start, count, estimatedBytes: OP_BYTES + count * rowBytes });
  }
  return chunks;
}

/**
 * Packs rows `0 .. count - 1` into consecutive chunks for writing: each chunk holds at most
 * `maxRows` rows and, by the rows' estimated bytes, at most `budget` bytes (a single row over
 * the budget gets a chunk of its own). `rowBytes(i)` is the estimate for row i within a chunk,
 * `startBytes(i)` what it costs more when a chunk starts with it.
 */
export function packRows(
  count: number,
  rowBytes: (row: number) => number,
  budget: number,
  maxRows: number,
  startBytes: (row: number) => number = () => 0,
): RowChunk[] {
  const chunks: RowChunk[] = [];
  let start = 0;
  let bytes = count > 0 ? startBytes(0) : 0;
  for (let r = 0; r < count; r++) {
    const b = rowBytes(r);
    if (r > start && (bytes + b > budget || r - start >= maxRows)) {
      chunks.push({ start, count: r - start, estimatedBytes: bytes });
      start = r;
      bytes = startBytes(r);
    }
    bytes += b;
  }
  if (count > start) chunks.push({ start, count: count - start, estimatedBytes: bytes });
  return chunks;
}

/** UTF-8 bytes of a string's JSON form (quotes and escapes included). */
export function stringBytes(s: string): number {
  let n = 2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20) n += c === 8 || c === 9 || c === 10 || c === 12 || c === 13 ? 2 : 6;
    else if (c === 0x22 || c === 0x5c) n += 2;
    else if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00) {
      n += 4; // a surrogate pair: one 4-byte character
      i++;
    } else n += 3;
  }
  return n;
}

/** UTF-8 bytes of a scalar's JSON form (what a cell costs in `values`/`formulas`). */
export function scalarBytes(v: unknown): number {
  if (v === null || v === undefined) return 4;
  if (typeof v === "string") return stringBytes(v);
  if (typeof v === "number") return Number.isFinite(v) ? String(v).length : 4;
  if (typeof v === "boolean") return v ? 4 : 5;
  return stringBytes(JSON.stringify(v));
}

/** UTF-8 bytes of a 2-D array's JSON form. */
export function gridBytes(grid: readonly (readonly unknown[])[]): number {
  let n = 2;
  for (const row of grid) {
    n += ROW_BYTES;
    for (const v of row) n += scalarBytes(v) + 1;
  }
  return n;
}
