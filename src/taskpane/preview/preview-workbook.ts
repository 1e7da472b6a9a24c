/**
 * The preview's workbook: the in-memory adapter, telling the page when ar-desk wrote sheets or
 * selected a cell, so the grid beside the pane shows it.
 */
import { MemoryWorkbook } from "../../sheet/memory-workbook";
import type { SheetSpec } from "../../sheet/spec";
import type { WriteProgress, WrittenSheet } from "../../sheet/workbook";
import type { BookSheet } from "./read-book";

export type WorkbookEvent = { type: "written"; sheets: WrittenSheet[] } | { type: "selected" };

export class PreviewWorkbook extends MemoryWorkbook {
  private readonly listeners = new Set<(e: WorkbookEvent) => void>();

  /** A workbook of user sheets (no copy: the rows are the reader's). */
  static of(sheets: BookSheet[]): PreviewWorkbook {
    const wb = new PreviewWorkbook();
    for (const s of sheets)
      wb.addUserSheet({ name: s.name, rows: s.rows as SheetSpec["rows"] }, s.rows);
    return wb;
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
