/**
 * The file adapter of the workbook port (src/sheet/workbook.ts): an .xlsx or .csv file on disk,
 * for the CLI. The task pane runs the same use cases (src/desk) on Office.js and the preview on
 * `MemoryWorkbook`; this is the third adapter.
 *
 * - Reading goes through the fast readers (src/io: .xlsx cells, CSV with its decoding and
 *   problems), once per file; `book` is the same sheets as a synchronous `Book` for the readers
 *   of src/sheet.
 * - Template sheets (`readSheet`, with formats, merges and print setup) are read by ExcelJS:
 *   the fast reader reads values only.
 * - Writing: a new file, or one ar-desk made, is written whole by the fast writer
 *   (io/xlsx-fast-writer.ts). A workbook that also holds sheets ar-desk did not make (a register
 *   kept in the user's own workbook) is edited through ExcelJS, which carries the user's sheets
 *   over; the fast writer only makes new files. Either way the file is replaced atomically
 *   (io/safe-write.ts), so a failed run leaves the previous file as it was.
 *
 * Which sheets are ar-desk's to replace (`generated`): every sheet of a workbook ar-desk made
 * (identity.ts `madeByArDesk`), and sheets the caller names as its own (`own`, e.g. the register
 * sheet of the `--register` workbook). A user's sheet is never replaced: a spec of the same name
 * gets a fresh unique name (`planWrite`).
 *
 * Settings live in the CLI's flags, not in the file: `loadSettings` gives null and
 * `saveSettings` keeps them for the run only. `select` shows nothing.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type ExcelJS from "exceljs";
import type { Book, Grid } from "../../sheet/grid";
import type { SheetSpec } from "../../sheet/spec";
import {
  planWrite,
  type SheetInfo,
  type WorkbookPort,
  type WriteProgress,
  type WrittenSheet,
} from "../../sheet/workbook";
import type { MessageParams } from "../../core/i18n";
import { cliText } from "../messages";
import type { Locale } from "../../core/messages";
import { InputError } from "../../io/errors";
import { excelJs } from "../exceljs";
import { renderSpecs } from "../xlsx-writer";
import { madeByArDesk } from "./identity";
import { openSource, type SourceBook } from "./read";
import { writeFileAtomic } from "./safe-write";
import { sheetSpecOf } from "./template-reader";
import { writeXlsxFile } from "./xlsx-fast-writer";

export interface FileWorkbookOptions {
  /** Sheets of this file that are ar-desk's own to replace, though the user saved the file. */
  own?: readonly string[];
  /**
   * An output made anew by this run (`--out`): what the file holds now is not carried over, the
   * first write replaces it whole (the command has checked that ar-desk may replace it).
   */
  fresh?: boolean;
  /** The language of its messages (default en-US). */
  locale?: Locale;
}

export class FileWorkbook implements WorkbookPort {
  private source: SourceBook | null = null;
  private settings: unknown = null;
  private readonly own: Set<string>;
  private fresh: boolean;
  private readonly locale: Locale;

  /** `file` need not exist yet: an output is created by the first `writeSheets`. */
  constructor(
    readonly file: string,
    options: FileWorkbookOptions = {},
  ) {
    this.own = new Set((options.own ?? []).map((n) => n.toLowerCase()));
    this.fresh = options.fresh === true;
    this.locale = options.locale ?? "en-US";
  }

  private fail(
    what: "cannotRead" | "cannotWrite" | "fileNoSheetNamed",
    params: MessageParams,
  ): InputError {
    return new InputError(cliText(this.locale, what, { file: this.file, ...params }));
  }

  /** Whether the file is there (an output may not be yet). */
  exists(): boolean {
    return fs.existsSync(this.file);
  }

  /** The file's sheets as the readers of src/sheet take them (read once, on first use). */
  get book(): Book & SourceBook {
    this.source ??= openSource(this.file);
    return this.source;
  }

  async sheets(): Promise<SheetInfo[]> {
    if (this.fresh || !this.exists()) return [];
    const book = this.book;
    const ours = book.kind === "xlsx" && madeByArDesk(this.file);
    const names = book.kind === "csv" ? [path.basename(this.file)] : book.sheetNames;
    return names.map((name) => {
      const rows = book.read(book.kind === "csv" ? null : name).rows;
      return {
        name,
        rows: rows.length,
        columns: rows.reduce((m, r) => Math.max(m, r.length), 0),
        generated: ours || this.own.has(name.toLowerCase()),
      };
    });
  }

  async readValues(sheet: string): Promise<Grid> {
    return this.book.read(this.book.kind === "csv" ? null : sheet);
  }

  async readSheet(sheet: string): Promise<SheetSpec> {
    const wb = await this.loadExcelJs();
    const ws = wb.getWorksheet(sheet);
    if (!ws) throw this.fail("fileNoSheetNamed", { sheet });
    return sheetSpecOf(ws);
  }

  /** Every sheet of the file as a spec (template workbooks: `--template`). */
  async readSheets(): Promise<Map<string, SheetSpec>> {
    const wb = await this.loadExcelJs();
    const out = new Map<string, SheetSpec>();
    wb.eachSheet((ws) => out.set(ws.name, sheetSpecOf(ws)));
    return out;
  }

  async writeSheets(
    specs: SheetSpec[],
    onProgress?: (p: WriteProgress) => void,
  ): Promise<WrittenSheet[]> {
    const existing = await this.sheets();
    const plan = planWrite(existing, specs);
    const keeps = existing.filter(
      (s) => !plan.some((p) => p.replaces && p.name.toLowerCase() === s.name.toLowerCase()),
    );
    const named = plan.map((p) => ({ ...p.spec, name: p.name }));
    try {
      fs.mkdirSync(path.dirname(path.resolve(this.file)), { recursive: true });
      if (keeps.length === 0) {
        // Nothing else in the file to carry over: the fast writer makes it whole.
        await writeXlsxFile(this.file, named);
      } else {
        await this.editWithExcelJs(plan, named);
      }
    } catch (e) {
      if (e instanceof InputError) throw e;
      throw this.fail("cannotWrite", { why: e instanceof Error ? e.message : String(e) });
    }
    this.source = null;
    this.fresh = false;
    return plan.map((p, k) => {
      onProgress?.({ done: k + 1, total: plan.length, sheet: p.name });
      return { wanted: p.spec.name, name: p.name, replaced: p.replaces, rows: p.spec.rows.length };
    });
  }

  async loadSettings(): Promise<unknown> {
    return this.settings;
  }

  async saveSettings(settings: unknown): Promise<void> {
    this.settings = settings;
  }

  async select(): Promise<void> {
    // A file on disk shows nothing.
  }

  /**
   * The workbook with the planned sheets replaced or added and every other sheet as it was:
   * through ExcelJS, because the fast writer only makes new files. A replaced sheet keeps its
   * place among the tabs.
   */
  private async editWithExcelJs(
    plan: ReturnType<typeof planWrite>,
    named: SheetSpec[],
  ): Promise<void> {
    const wb = await this.loadExcelJs();
    const order = wb.worksheets.map((ws) => ws.name.toLowerCase());
    plan.forEach((p, k) => {
      if (!p.replaces) return;
      const old = wb.worksheets.find((ws) => ws.name.toLowerCase() === p.name.toLowerCase());
      if (old) wb.removeWorksheet(old.id);
      renderSpecs(wb, [named[k]]);
    });
    renderSpecs(
      wb,
      named.filter((_, k) => !plan[k].replaces),
    );
    // Replaced sheets back at their places (ExcelJS adds new sheets at the end).
    const at = (name: string) => {
      const i = order.indexOf(name.toLowerCase());
      return i < 0 ? order.length : i;
    };
    const sorted = [...wb.worksheets].sort((a, b) => at(a.name) - at(b.name) || a.id - b.id);
    sorted.forEach((ws, i) => {
      (ws as unknown as { orderNo: number }).orderNo = i;
    });
    if (madeByArDesk(this.file)) {
      wb.creator = "ar-desk";
      wb.lastModifiedBy = "ar-desk";
    }
    await writeFileAtomic(this.file, new Uint8Array(await wb.xlsx.writeBuffer()));
  }

  private async loadExcelJs(): Promise<ExcelJS.Workbook> {
    const wb = new (excelJs().Workbook)();
    try {
      await wb.xlsx.readFile(this.file);
    } catch (e) {
      throw this.fail("cannotRead", { why: e instanceof Error ? e.message : String(e) });
    }
    return wb;
  }
}
