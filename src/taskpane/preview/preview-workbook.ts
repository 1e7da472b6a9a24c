/**
 * The preview's workbook: the in-memory adapter, telling the page when ar-desk wrote sheets or
 * selected a cell, so the grid beside the pane shows it. A file being opened is a workbook whose
 * sheets are still arriving (`arriving`): reads hand over the rows chunk by chunk as they come,
 * as the Office.js adapter reads a sheet in requests.
 */
import type { CellValue, Grid } from "../../sheet/grid";
import { MemoryWorkbook } from "../../sheet/memory-workbook";
import type { SheetSpec } from "../../sheet/spec";
import type { ReadChunk, SheetInfo, WriteProgress, WrittenSheet } from "../../sheet/workbook";
import type { BookSheet } from "./read-book";

export type WorkbookEvent =
  | { type: "written"; sheets: WrittenSheet[] }
  | { type: "selected" }
  | { type: "rows"; sheet: string };

/** A sheet whose rows are still coming: those in so far, how many in all, who reads it. */
interface Arriving {
  name: string;
  rows: CellValue[][];
  total: number;
  readers: Set<(chunk: ReadChunk) => void>;
  complete: Promise<void>;
  settle(err?: Error): void;
}

export class PreviewWorkbook extends MemoryWorkbook {
  private readonly listeners = new Set<(e: WorkbookEvent) => void>();
  /** Sheets still arriving, by index in the file; removed once complete. */
  private readonly arrivingSheets = new Map<number, Arriving>();

  /** A workbook of user sheets (no copy: the rows are the reader's). */
  static of(sheets: BookSheet[]): PreviewWorkbook {
    const wb = new PreviewWorkbook();
    for (const s of sheets)
      wb.addUserSheet({ name: s.name, rows: s.rows as SheetSpec["rows"] }, s.rows);
    return wb;
  }

  /** A workbook of user sheets whose rows come later (`addRows`), `rows` of each in all. */
  static arriving(sheets: { name: string; rows: number }[]): PreviewWorkbook {
    const wb = new PreviewWorkbook();
    sheets.forEach((s, k) => {
      const rows: CellValue[][] = [];
      wb.addUserSheet({ name: s.name, rows: rows as SheetSpec["rows"] }, rows);
      let settle: (err?: Error) => void = () => undefined;
      const complete = new Promise<void>((resolve, reject) => {
        settle = (err) => (err ? reject(err) : resolve());
      });
      // Nobody may be waiting when a read fails: the rejection is still handled.
      complete.catch(() => undefined);
      const a: Arriving = {
        name: s.name,
        rows,
        total: s.rows,
        readers: new Set(),
        complete,
        settle,
      };
      if (s.rows > 0) wb.arrivingSheets.set(k, a);
      else settle();
    });
    return wb;
  }

  /** Rows of the `sheet`-th sheet, after those before: its readers get them at once. */
  addRows(sheet: number, rows: CellValue[][]): void {
    const a = this.arrivingSheets.get(sheet);
    if (!a) throw new Error(`rows for sheet ${sheet + 1}, which is not arriving`);
    for (const row of rows) a.rows.push(row);
    const chunk = { rows, done: a.rows.length, total: Math.max(a.total, a.rows.length) };
    for (const read of a.readers) read(chunk);
    if (a.rows.length >= a.total) {
      this.arrivingSheets.delete(sheet);
      a.settle();
    }
    this.emit({ type: "rows", sheet: a.name });
  }

  /**
   * The file is read: a sheet still short of rows fails its readers, now and later (with
   * `error`, if given).
   */
  finish(error?: Error): void {
    for (const a of this.arrivingSheets.values())
      a.settle(error ?? new Error(`"${a.name}": ${a.rows.length} of ${a.total} rows arrived`));
  }

  override async sheets(): Promise<SheetInfo[]> {
    const infos = await super.sheets();
    const totals = new Map([...this.arrivingSheets.values()].map((a) => [a.name, a.total]));
    return infos.map((s) => (totals.has(s.name) ? { ...s, rows: totals.get(s.name)! } : s));
  }

  /** A sheet still arriving: what is in so far as one chunk, then each chunk as it comes. */
  override async readValues(sheet: string, onRows?: (chunk: ReadChunk) => void): Promise<Grid> {
    const key = sheet.toLowerCase();
    const a = [...this.arrivingSheets.values()].find((s) => s.name.toLowerCase() === key);
    if (!a) return super.readValues(sheet);
    if (onRows) {
      if (a.rows.length > 0) onRows({ rows: a.rows.slice(), done: a.rows.length, total: a.total });
      a.readers.add(onRows);
    }
    try {
      await a.complete;
    } finally {
      if (onRows) a.readers.delete(onRows);
    }
    return { sheet: a.name, file: null, rows: a.rows };
  }

  listen(listener: (e: WorkbookEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(e: WorkbookEvent): void {
    for (const l of this.listeners) l(e);
  }

  override async writeSheets(
    specs: SheetSpec[],
    onProgress?: (p: WriteProgress) => void,
  ): Promise<WrittenSheet[]> {
    const written = await super.writeSheets(specs, onProgress);
    this.emit({ type: "written", sheets: written });
    return written;
  }

  override async select(sheet: string, row: number, column: number): Promise<void> {
    await super.select(sheet, row, column);
    this.emit({ type: "selected" });
  }
}
