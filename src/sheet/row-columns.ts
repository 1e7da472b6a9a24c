/**
 * Columns of a grid given as rows (Office.js `range.values`, a test's 2-D array), held as a
 * column store holds them (`CellColumn`): numbers in a Float64Array, text as an index into a
 * table of distinct texts, anything else beside. The import's columnar fast path reads a sheet
 * held as columns field by field and works out a repeated text once; a million-row grid of rows
 * gets the same path for the cost of one pass over the columns the import reads.
 */
import { CELL_NUMBER, CELL_OTHER, CELL_SHARED, type CellColumn, type CellValue } from "./grid";

/** Columns of a sheet for the import's fast path: by 0-based index, and the texts they index. */
export interface ColumnSource {
  /** Column c (undefined: not held). */
  column(c: number): CellColumn | undefined;
  /** The texts that CELL_SHARED cells index. */
  readonly strings: readonly string[];
}

/**
 * The columns `columns` of `rows` (an index may repeat). Text of the columns in `interned` is
 * held as an index into one table of distinct texts; text of the others (read once per row,
 * such as invoice numbers) as itself.
 */
export function columnsOfRows(
  rows: readonly (readonly CellValue[] | undefined)[],
  columns: readonly number[],
  interned: ReadonlySet<number>,
): ColumnSource {
  const n = rows.length;
  const strings: string[] = [];
  const index = new Map<string, number>();
  const held = new Map<number, CellColumn>();
  const at = [...new Set(columns)];
  const tags = at.map(() => new Uint8Array(n));
  const nums = at.map(() => new Float64Array(n));
  const objs = at.map((): CellValue[] => []);
  const intern = at.map((c) => interned.has(c));
  // Module-local tags: this loop runs for every cell of the columns read.
  const NUMBER = CELL_NUMBER;
  const SHARED = CELL_SHARED;
  const OTHER = CELL_OTHER;
  // Row by row: each row's array is visited once, not once per column.
  for (let r = 0; r < n; r++) {
    const row = rows[r];
    if (row === undefined) continue;
    for (let k = 0; k < at.length; k++) {
      const v = row[at[k]];
      if (v === null || v === undefined) continue;
      if (typeof v === "number") {
        tags[k][r] = NUMBER;
        nums[k][r] = v;
      } else if (intern[k] && typeof v === "string") {
        let i = index.get(v);
        if (i === undefined) {
          i = strings.push(v) - 1;
          index.set(v, i);
        }
        tags[k][r] = SHARED;
        nums[k][r] = i;
      } else {
        tags[k][r] = OTHER;
        nums[k][r] = objs[k].push(v) - 1;
      }
    }
  }
  at.forEach((c, k) => held.set(c, { tag: tags[k], num: nums[k], obj: objs[k] }));
  return { column: (c) => held.get(c), strings };
}
