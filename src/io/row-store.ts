/**
 * A sheet that arrives as chunks of rows (the pane reads a sheet from Excel a few thousand rows
 * at a time), put into a column store chunk by chunk as each arrives: numbers into their
 * columns, each text as an index into one table of the sheet's distinct texts. When the last
 * chunk is in, the import reads the store field by field (its fast path, as for a file the CLI
 * reads) with nothing left to convert; the work was done while Excel was still reading.
 *
 * `store.row(r)` gives back exactly the row pushed (same length, same values).
 */
import type { CellValue } from "../sheet/grid";
import { ColumnStore } from "./columns";

export class RowStore {
  readonly store = new ColumnStore();
  private readonly texts: string[] = [];
  private readonly index = new Map<string, number>();
  private next = 0;

  constructor() {
    this.store.setStrings(this.texts);
  }

  /** Rows pushed so far. */
  get rowCount(): number {
    return this.next;
  }

  /** The next rows of the sheet, in order. */
  push(rows: readonly (readonly CellValue[] | undefined)[]): void {
    const store = this.store;
    for (const row of rows) {
      const r = this.next++;
      store.setRowLength(r, row === undefined ? 0 : row.length);
      if (row === undefined) continue;
      for (let c = 0; c < row.length; c++) {
        const v = row[c];
        if (v === null || v === undefined) continue;
        if (typeof v === "number") store.putNumber(r, c, v);
        else if (typeof v === "string") {
          let i = this.index.get(v);
          if (i === undefined) {
            i = this.texts.push(v) - 1;
            this.index.set(v, i);
          }
          store.putShared(r, c, i);
        } else store.put(r, c, v);
      }
    }
  }
}
