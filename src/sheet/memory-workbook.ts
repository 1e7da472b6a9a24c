/**
 * The in-memory adapter of the workbook port: for tests and the browser preview. User sheets
 * are grids of values (optionally with a full SheetSpec, for templates); generated sheets keep
 * the spec they were written from, so a preview can show exactly what Excel would receive.
 */
import { isCellError, type CellValue, type Grid } from "./grid";
import type { SheetSpec, SpecCell, SpecRow } from "./spec";
import {
  planWrite,
  portError,
  type SheetInfo,
  type WorkbookPort,
  type WriteProgress,
  type WrittenSheet,
} from "./workbook";

interface MemorySheet {
  name: string;
  spec: SheetSpec;
  /** A user sheet's values as read (error cells included); generated sheets derive them. */
  values?: CellValue[][];
  generated: boolean;
}

function cellValue(raw: SpecRow[number]): CellValue {
  if (raw === null || raw === undefined) return null;
  if (typeof raw !== "object") return raw;
  const v = (raw as SpecCell).value;
  if (v === null || typeof v !== "object") return v;
  if ("date" in v) return v.date;
  return v.result ?? null;
}

/** Values of a spec as a grid (formulas give their cached result, dates their serial). */
export function specValues(spec: SheetSpec): CellValue[][] {
  return spec.rows.map((row) => row.map(cellValue));
}

export class MemoryWorkbook implements WorkbookPort {
  private readonly list: MemorySheet[] = [];
  private settings: unknown = null;
  /** The last cell `select` was asked for, for tests and the preview's grid. */
  selection: { sheet: string; row: number; column: number } | null = null;

  /** A workbook of user sheets given as grids of values. */
  static fromGrids(grids: { name: string; rows: CellValue[][] }[]): MemoryWorkbook {
    const wb = new MemoryWorkbook();
    for (const g of grids) {
      const rows = g.rows.map((r) => r.map((v) => (isCellError(v) ? v.error : v)));
      wb.addUserSheet({ name: g.name, rows }, g.rows);
    }
    return wb;
  }

  /** Adds (or replaces) a user's sheet; `values` when its cells hold errors the spec cannot. */
  addUserSheet(spec: SheetSpec, values?: CellValue[][]): void {
    const at = this.indexOf(spec.name);
    const sheet = { name: spec.name, spec, values, generated: false };
    if (at >= 0) this.list[at] = sheet;
    else this.list.push(sheet);
  }

  /** The spec a sheet holds, or undefined. */
  sheet(name: string): SheetSpec | undefined {
    const at = this.indexOf(name);
    return at >= 0 ? this.list[at].spec : undefined;
  }

  private indexOf(name: string): number {
    const key = name.toLowerCase();
    return this.list.findIndex((s) => s.name.toLowerCase() === key);
  }

  async sheets(): Promise<SheetInfo[]> {
    return this.list.map((s) => ({
      name: s.name,
      rows: s.spec.rows.length,
      columns: s.spec.rows.reduce((m, r) => Math.max(m, r.length), 0),
      generated: s.generated,
    }));
  }

  async readValues(sheet: string): Promise<Grid> {
    const s = this.need(sheet);
    return { sheet: s.name, file: null, rows: s.values ?? specValues(s.spec) };
  }

  async readSheet(sheet: string): Promise<SheetSpec> {
    return structuredClone(this.need(sheet).spec);
  }

  async writeSheets(
    specs: SheetSpec[],
    onProgress?: (p: WriteProgress) => void,
  ): Promise<WrittenSheet[]> {
    const plan = planWrite(await this.sheets(), specs);
    const out: WrittenSheet[] = [];
    plan.forEach((p, k) => {
      const sheet = { name: p.name, spec: { ...p.spec, name: p.name }, generated: true };
      const at = this.indexOf(p.name);
      if (p.replaces && at >= 0) this.list[at] = sheet;
      else this.list.push(sheet);
      out.push({
        wanted: p.spec.name,
        name: p.name,
        replaced: p.replaces,
        rows: p.spec.rows.length,
      });
      onProgress?.({ done: k + 1, total: plan.length, sheet: p.name });
    });
    return out;
  }

  async loadSettings(): Promise<unknown> {
    return this.settings === null ? null : structuredClone(this.settings);
  }

  async saveSettings(settings: unknown): Promise<void> {
    this.settings = structuredClone(settings);
  }

  async select(sheet: string, row: number, column: number): Promise<void> {
    this.need(sheet);
    this.selection = { sheet, row, column };
  }

  private need(name: string): MemorySheet {
    const at = this.indexOf(name);
    if (at < 0) throw portError("noSheet", { sheet: name });
    return this.list[at];
  }
}
