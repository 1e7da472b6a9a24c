/**
 * The Office.js adapter of the workbook port (DESIGN §2): the workbook ar-desk runs in, read
 * and written through `Excel.run` batches. With the office-*.ts files it composes and
 * events.ts, the only code in ar-desk that touches `Excel.*`.
 *
 * Requests stay within Office's limits (DESIGN §7, chunks.ts): reads go in row chunks sized by
 * an estimate of the response, re-estimated from what each chunk returned; writes queue
 * operations until the next one would take the request over budget, then sync. Nothing syncs
 * per row or per cell.
 *
 * Which sheets ar-desk made is recorded on the sheets themselves, in a worksheet custom property
 * (ExcelApi 1.12) holding the name the sheet was generated under. Why there and not in a list
 * in the workbook settings: the mark travels with its sheet and is saved in the file with it,
 * so it survives save and reopen; a user's sheet can never carry it, so renaming one to a
 * generated sheet's name does not make it look generated (a list of names would); and a
 * generated sheet the user renames (or copies, which copies the property) no longer matches
 * its recorded name, so ar-desk treats it as the user's and never overwrites it. ExcelApi 1.12
 * is therefore ar-desk's declared minimum (requirements.ts, manifest.xml): it is NOT implied
 * by the shared runtime, which starts earlier (SharedRuntime 1.1: Windows 2002, Mac 16.35;
 * ExcelApi 1.12: Windows 2008, Mac 16.40). Anything above 1.12 is used only behind
 * `excelApiSupported` (test/excel/api-sets.test.ts enforces it).
 */
import type { Grid } from "../sheet/grid";
import type { SheetSpec } from "../sheet/spec";
import type {
  ReadChunk,
  SheetInfo,
  WorkbookPort,
  WriteProgress,
  WrittenSheet,
} from "../sheet/workbook";
import { OFFICE_LIMITS, type RequestLimits } from "./chunks";
import { readSheetList, readValues } from "./office-read";
import { readSheet } from "./office-read-sheet";
import { excelRun, OfficeSession, type BatchRunner } from "./office-session";
import { loadSettings, saveSettings, select } from "./office-settings";
import { writeSheets } from "./office-write";
import { officeSupports, type SetCheck } from "./requirements";
import { newRequestStats, type RequestStats } from "./stats";

export { excelRun, GENERATED_KEY, SETTINGS_KEY, type BatchRunner } from "./office-session";

export interface OfficeWorkbookOptions {
  /** Request limits; Office's by default. */
  limits?: Partial<RequestLimits>;
  /** Where to count requests; a fresh counter by default (see `stats`). */
  stats?: RequestStats;
  /** Which requirement sets the host supports; Office's `isSetSupported` by default. */
  supports?: SetCheck;
}

/**
 * The workbook port over Office.js: a composition of the adapter's parts, which share one
 * session (the batch runner, limits and request counters). Reading: office-read.ts (sheets,
 * values in chunks) and office-read-sheet.ts (a template with its formatting). Writing:
 * office-write.ts, with office-write-cells.ts, office-write-print.ts and office-batch.ts.
 * Settings and selection: office-settings.ts.
 */
export class OfficeWorkbook implements WorkbookPort {
  readonly limits: RequestLimits;
  /** Requests made and the largest payloads, for benchmarks (stats.ts). */
  readonly stats: RequestStats;
  private readonly session: OfficeSession;

  constructor(run: BatchRunner = excelRun, options: OfficeWorkbookOptions = {}) {
    this.limits = { ...OFFICE_LIMITS, ...options.limits };
    this.stats = options.stats ?? newRequestStats();
    this.session = new OfficeSession(
      run,
      this.limits,
      this.stats,
      options.supports ?? officeSupports,
    );
  }

  sheets(): Promise<SheetInfo[]> {
    return readSheetList(this.session);
  }

  readValues(sheet: string, onRows?: (chunk: ReadChunk) => void): Promise<Grid> {
    return readValues(this.session, sheet, onRows);
  }

  readSheet(sheet: string): Promise<SheetSpec> {
    return readSheet(this.session, sheet);
  }

  writeSheets(
    specs: SheetSpec[],
    onProgress?: (p: WriteProgress) => void,
  ): Promise<WrittenSheet[]> {
    return writeSheets(this.session, specs, onProgress);
  }

  loadSettings(): Promise<unknown> {
    return loadSettings(this.session);
  }

  saveSettings(settings: unknown): Promise<void> {
    return saveSettings(this.session, settings);
  }

  select(sheet: string, row: number, column: number): Promise<void> {
    return select(this.session, sheet, row, column);
  }
}
