/**
 * The workbook port (DESIGN §2): what ar-desk needs from a workbook, whatever holds it. Three
 * adapters implement it: Office.js in Excel (src/excel), a file through ExcelJS (src/cli) and
 * in memory (tests and the browser preview, `MemoryWorkbook`).
 *
 * Rules every adapter keeps (DESIGN §5): it never writes into a sheet ar-desk did not create;
 * generated sheets get valid, unique names; regenerating replaces only ar-desk's own sheets.
 */
import { LocalizedError } from "../core/errors";
import { fill, type MessageParams } from "../core/i18n";
import type { Locale } from "../core/messages";
import type { CellValue, Grid } from "./grid";
import { sheetName, type SheetSpec } from "./spec";

export interface SheetInfo {
  name: string;
  /** Rows and columns of the used range (0 × 0 when empty). */
  rows: number;
  columns: number;
  /** True when ar-desk generated this sheet (it may replace it). */
  generated: boolean;
}

/** Where a written spec ended up. */
export interface WrittenSheet {
  /** The spec's name as asked. */
  wanted: string;
  /** The sheet's actual name (differs when a user's sheet already had the wanted name). */
  name: string;
  /** True when it replaced a sheet ar-desk had generated before. */
  replaced: boolean;
  rows: number;
  /**
   * Set when the sheet's cells were written but Excel refused its print setup (page size,
   * margins, header…): Excel's message. The sheet is kept, printing with Excel's defaults.
   */
  printError?: string;
}

/**
 * A chunk of a sheet being read. The chunks follow each other: concatenated, they are the grid's
 * rows from the first (leading empty rows included), in order.
 */
export interface ReadChunk {
  rows: CellValue[][];
  /** Rows read so far, this chunk's included, and how many the sheet has in all. */
  done: number;
  total: number;
}

export interface WriteProgress {
  /** Sheets done so far and in all. */
  done: number;
  total: number;
  sheet: string;
}

export interface WorkbookPort {
  /** The sheets in tab order. */
  sheets(): Promise<SheetInfo[]>;
  /**
   * The values of a sheet's used range, from A1 (so grid rows are sheet rows). An adapter that
   * reads in chunks (Office.js: one request per chunk) hands each chunk to `onRows` as it
   * arrives, so the caller can count and pass them on while the rest loads; an adapter that has
   * the rows at once may never call it. Either way the promise gives the whole grid.
   */
  readValues(sheet: string, onRows?: (chunk: ReadChunk) => void): Promise<Grid>;
  /** A sheet with its formats, merges, widths, heights and print setup: for template sheets. */
  readSheet(sheet: string): Promise<SheetSpec>;
  /**
   * Writes generated sheets: a spec whose name is one of ar-desk's own sheets replaces it; a
   * name a user's sheet holds gets a fresh unique name instead. Never touches a user's sheet.
   */
  writeSheets(specs: SheetSpec[], onProgress?: (p: WriteProgress) => void): Promise<WrittenSheet[]>;
  /** ar-desk's settings stored in the workbook (mapping, policy, …), or null when none. */
  loadSettings(): Promise<unknown>;
  saveSettings(settings: unknown): Promise<void>;
  /** Selects a cell (1-based row and column) so the user sees it; a no-op where nothing shows. */
  select(sheet: string, row: number, column: number): Promise<void>;
}

/** One step of a write plan: which existing sheet (if any) a spec replaces, and its final name. */
export interface PlannedSheet {
  spec: SheetSpec;
  name: string;
  replaces: boolean;
}

/**
 * Decides names for specs about to be written into a workbook holding `existing` sheets: a
 * generated sheet of the same name (case-insensitive, as Excel compares) is replaced; a user's
 * sheet is never replaced, the spec gets a unique name instead. Names within the batch are
 * unique too.
 */
export function planWrite(existing: SheetInfo[], specs: SheetSpec[]): PlannedSheet[] {
  const generated = new Set(existing.filter((s) => s.generated).map((s) => s.name.toLowerCase()));
  const taken = existing.filter((s) => !s.generated).map((s) => s.name);
  const claimed = new Set<string>();
  return specs.map((spec) => {
    const wanted = sheetName(spec.name, []);
    const key = wanted.toLowerCase();
    if (generated.has(key) && !claimed.has(key)) {
      claimed.add(key);
      return { spec, name: wanted, replaces: true };
    }
    const name = sheetName(wanted, [
      ...taken,
      ...claimed,
      ...[...generated].filter((g) => !claimed.has(g)),
    ]);
    claimed.add(name.toLowerCase());
    return { spec, name, replaces: false };
  });
}

const PORT_MESSAGES: Record<Locale, Record<"noSheet" | "badSettings", string>> = {
  "en-US": {
    noSheet: 'No sheet named "{sheet}" (was it renamed or deleted?)',
    badSettings: "ar-desk's settings in this workbook are not valid JSON: {text}",
  },
  "zh-CN": {
    noSheet: "没有名为“{sheet}”的工作表（是否已改名或删除？）",
    badSettings: "本工作簿中的 ar-desk 设置不是有效的 JSON：{text}",
  },
};

/** An error of a workbook adapter, worded for the user in either language. */
export function portError(
  key: keyof (typeof PORT_MESSAGES)["en-US"],
  params: MessageParams,
): LocalizedError {
  const say = (locale: Locale) => fill(PORT_MESSAGES[locale][key], params, { locale });
  return new LocalizedError(say("en-US"), say);
}
