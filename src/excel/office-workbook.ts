/**
 * The Office.js adapter of the workbook port (DESIGN §2): the workbook ar-desk runs in, read
 * and written through `Excel.run` batches. The only code in ar-desk that touches `Excel.*`
 * (with events.ts).
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
import type { CellValue, Grid } from "../sheet/grid";
import type { CellStyle, PrintSetup, SheetSpec, SpecCell, SpecRow } from "../sheet/spec";
import { sheetName } from "../sheet/spec";
import {
  planWrite,
  type SheetInfo,
  type WorkbookPort,
  type WriteProgress,
  type WrittenSheet,
} from "../sheet/workbook";
import { fromOffice, looksLikeError, specCell, toOffice, type OfficeCell } from "./cells";
import {
  gridBytes,
  OFFICE_LIMITS,
  OP_BYTES,
  packRows,
  planReadChunks,
  scalarBytes,
  stringBytes,
  type RequestLimits,
} from "./chunks";
import {
  cmToPoints,
  DEFAULT_MARGINS_CM,
  freezeFromAddress,
  joinHeaderFooter,
  localAddress,
  paperFromOffice,
  paperToOffice,
  pointsToCm,
  splitHeaderFooter,
  titleRowsAddress,
  titleRowsFromAddress,
} from "./print";
import { officeSupports, type SetCheck } from "./requirements";
import { newRequestStats, recordSync, type RequestStats } from "./stats";
import {
  alignFromOffice,
  borderFromOffice,
  colorFromOffice,
  colorToOffice,
  H_ALIGN,
  keyRects,
  lookKey,
  lookOfKey,
  pointsToWidth,
  rectBorders,
  V_ALIGN,
  valignFromOffice,
  widthToPoints,
  type Look,
  type Rect,
} from "./styles";

/**
 * Runs one batch against Excel: `Excel.run`, or a test's mock. `reuse` runs it in an earlier
 * batch's context (how an event handler is removed).
 */
export type BatchRunner = <T>(
  batch: (context: Excel.RequestContext) => Promise<T>,
  reuse?: OfficeExtension.ClientRequestContext,
) => Promise<T>;

export const excelRun: BatchRunner = (batch, reuse) =>
  reuse ? Excel.run(reuse, batch) : Excel.run(batch);

/** The worksheet custom property that marks a sheet ar-desk generated (see the file comment). */
export const GENERATED_KEY = "ar-desk.generated";
/** The workbook setting that holds ar-desk's settings, as a JSON string. */
export const SETTINGS_KEY = "ar-desk.settings";

export interface OfficeWorkbookOptions {
  /** Request limits; Office's by default. */
  limits?: Partial<RequestLimits>;
  /** Where to count requests; a fresh counter by default (see `stats`). */
  stats?: RequestStats;
  /** Which requirement sets the host supports; Office's `isSetSupported` by default. */
  supports?: SetCheck;
}

/** Estimated bytes of one property set or method call on an object already in the request. */
const ACTION_BYTES = 96;

export class OfficeWorkbook implements WorkbookPort {
  readonly limits: RequestLimits;
  /** Requests made and the largest payloads, for benchmarks (stats.ts). */
  readonly stats: RequestStats;
  private readonly supports: SetCheck;

  constructor(
    private readonly run: BatchRunner = excelRun,
    options: OfficeWorkbookOptions = {},
  ) {
    this.limits = { ...OFFICE_LIMITS, ...options.limits };
    this.stats = options.stats ?? newRequestStats();
    this.supports = options.supports ?? officeSupports;
  }

  /** Whether the host has ExcelApi `version` (the guard the api-sets test recognises). */
  private excelApiSupported(version: string): boolean {
    return this.supports("ExcelApi", version);
  }

  /** Counts a request about to be sent (see stats.ts): `request` and `response` bytes. */
  private count(request: number, response = 0): void {
    recordSync(this.stats, request, response);
  }

  async sheets(): Promise<SheetInfo[]> {
    const list = await this.run((context) => this.listSheets(context, true));
    return list.map(({ name, rows, columns, generated }) => ({ name, rows, columns, generated }));
  }

  /** The sheets in tab order with their marks (and used-range sizes when `sizes`): 2 requests. */
  private async listSheets(
    context: Excel.RequestContext,
    sizes: boolean,
  ): Promise<(SheetInfo & { position: number })[]> {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name,items/position");
    this.count(OP_BYTES, 0);
    await context.sync();
    const items = [...sheets.items].sort((a, b) => a.position - b.position);
    const queued = items.map((ws) => {
      const mark = ws.customProperties.getItemOrNullObject(GENERATED_KEY);
      mark.load("value");
      let used: Excel.Range | null = null;
      if (sizes) {
        used = ws.getUsedRangeOrNullObject(true);
        used.load("rowIndex,columnIndex,rowCount,columnCount");
      }
      return { ws, mark, used };
    });
    this.count(queued.length * 2 * OP_BYTES, queued.length * 2 * OP_BYTES);
    await context.sync();
    return queued.map(({ ws, mark, used }) => {
      const generated =
        !mark.isNullObject && String(mark.value).toLowerCase() === ws.name.toLowerCase();
      const empty = !used || used.isNullObject;
      return {
        name: ws.name,
        position: ws.position,
        rows: empty ? 0 : used!.rowIndex + used!.rowCount,
        columns: empty ? 0 : used!.columnIndex + used!.columnCount,
        generated,
      };
    });
  }

  async readValues(sheet: string): Promise<Grid> {
    return this.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      ws.load("name");
      const used = ws.getUsedRangeOrNullObject(true);
      used.load("rowIndex,columnIndex,rowCount,columnCount");
      this.count(OP_BYTES, OP_BYTES);
      await context.sync().catch(missingSheet(sheet));
      const rows: CellValue[][] = [];
      if (used.isNullObject) return { sheet: ws.name, file: null, rows };
      const { rowIndex: r0, columnIndex: c0, rowCount, columnCount: nc } = used;
      for (let r = 0; r < r0; r++) rows.push([]);
      const end = r0 + rowCount;
      let bytesPerCell = this.limits.readBytesPerCell;
      let next = r0;
      while (next < end) {
        let count = planReadChunks(next, end - next, nc, this.limits, bytesPerCell)[0].count;
        let values: unknown[][];
        for (;;) {
          const range = ws.getRangeByIndexes(next, c0, count, nc);
          range.load("values");
          try {
            this.count(OP_BYTES, count * nc * bytesPerCell);
            // One request per chunk of rows, sized to Office's payload limit (chunks.ts).
            // eslint-disable-next-line office-addins/no-context-sync-in-loop
            await context.sync();
            values = range.values;
            break;
          } catch (e) {
            // The estimate was short (much denser data than the chunks so far): halve and retry.
            if (!isPayloadError(e) || count === 1) throw e;
            count = Math.ceil(count / 2);
          }
        }
        await this.appendValues(context, ws, rows, values, next, c0);
        // Re-estimate from what came back, with room for denser rows ahead; a chunk that still
        // turns out too large is halved above.
        const measured = gridBytes(values) / Math.max(1, count * nc);
        bytesPerCell = Math.max(16, measured * 1.5);
        next += count;
      }
      return { sheet: ws.name, file: null, rows };
    });
  }

  /**
   * Converts a chunk of `range.values` (its first cell at `row0`, `c0`) into grid rows, padding
   * the columns left of the used range. Values that read like error texts are checked against
   * `valueTypes` in one more request (only when a chunk has any): an error cell becomes
   * `{ error }`, a text cell holding "#N/A" stays text.
   */
  private async appendValues(
    context: Excel.RequestContext,
    ws: Excel.Worksheet,
    rows: CellValue[][],
    values: unknown[][],
    row0: number,
    c0: number,
  ): Promise<void> {
    const first = rows.length;
    let minR = Infinity,
      maxR = -1,
      minC = Infinity,
      maxC = -1;
    for (let r = 0; r < values.length; r++) {
      const src = values[r];
      const out: CellValue[] = new Array(c0 + src.length);
      for (let c = 0; c < c0; c++) out[c] = null;
      for (let c = 0; c < src.length; c++) {
        const v = src[c];
        if (looksLikeError(v)) {
          minR = Math.min(minR, r);
          maxR = Math.max(maxR, r);
          minC = Math.min(minC, c);
          maxC = Math.max(maxC, c);
          out[c0 + c] = v; // decided below
        } else out[c0 + c] = fromOffice(v);
      }
      rows.push(out);
    }
    if (maxR < 0) return;
    const block = ws.getRangeByIndexes(row0 + minR, c0 + minC, maxR - minR + 1, maxC - minC + 1);
    block.load("valueTypes");
    this.count(OP_BYTES, (maxR - minR + 1) * (maxC - minC + 1) * 12);
    await context.sync();
    const types = block.valueTypes;
    for (let r = minR; r <= maxR; r++) {
      for (let c = minC; c <= maxC; c++) {
        const v = values[r][c];
        if (looksLikeError(v)) rows[first + r][c0 + c] = fromOffice(v, types[r - minR][c - minC]);
      }
    }
  }

  async readSheet(sheet: string): Promise<SheetSpec> {
    return this.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      // Navigation properties: objects in the request, not values to load (the lint rules
      // below cannot tell them from loaded scalars).
      // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read
      const page = ws.pageLayout;
      // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read
      const breaks = ws.horizontalPageBreaks;
      const frozen = ws.freezePanes.getLocationOrNullObject();
      const used = ws.getUsedRangeOrNullObject(false);
      ws.load("name,showGridlines,tabColor");
      used.load("rowIndex,columnIndex,rowCount,columnCount");
      page.load(
        "orientation,paperSize,topMargin,bottomMargin,leftMargin,rightMargin,headerMargin," +
          "footerMargin,centerHorizontally,zoom",
      );
      const hf = page.headersFooters.defaultForAllPages;
      hf.load("leftHeader,centerHeader,rightHeader,leftFooter,centerFooter,rightFooter");
      const area = page.getPrintAreaOrNullObject();
      area.load("address");
      const titles = page.getPrintTitleRowsOrNullObject();
      titles.load("address");
      breaks.load("items/rowIndex");
      frozen.load("address");
      const normal = context.workbook.styles.getItem("Normal").font;
      normal.load("name,size");
      this.count(12 * OP_BYTES, OP_BYTES);
      await context.sync().catch(missingSheet(sheet));

      const spec: SheetSpec = { name: ws.name, rows: [] };
      if (!used.isNullObject) {
        const lastRow = used.rowIndex + used.rowCount;
        const lastCol = used.columnIndex + used.columnCount;
        await this.readCells(context, ws, spec, lastRow, lastCol, {
          name: normal.name,
          size: normal.size,
        });
      }
      const freeze = frozen.isNullObject ? undefined : freezeFromAddress(frozen.address);
      if (freeze) spec.freeze = freeze;
      if (!ws.showGridlines) spec.hideGridLines = true;
      const tab = colorFromOffice(ws.tabColor);
      if (tab) spec.tabColor = tab;

      const print: PrintSetup = {
        orientation: page.orientation === "Landscape" ? "landscape" : "portrait",
      };
      const paper = paperFromOffice(page.paperSize);
      if (paper) print.paper = paper;
      if (page.zoom?.horizontalFitToPages === 1) print.fitToWidth = true;
      print.margins = {
        top: pointsToCm(page.topMargin),
        bottom: pointsToCm(page.bottomMargin),
        left: pointsToCm(page.leftMargin),
        right: pointsToCm(page.rightMargin),
        header: pointsToCm(page.headerMargin),
        footer: pointsToCm(page.footerMargin),
      };
      if (!area.isNullObject && area.address) print.area = localAddress(area.address);
      const titleRows = titles.isNullObject ? undefined : titleRowsFromAddress(titles.address);
      if (titleRows) print.titleRows = titleRows;
      const after = breaks.items.map((b) => b.rowIndex).filter((r) => r > 0);
      if (after.length) print.breaksAfter = after.sort((a, b) => a - b);
      const header = joinHeaderFooter({
        left: hf.leftHeader,
        center: hf.centerHeader,
        right: hf.rightHeader,
      });
      const footer = joinHeaderFooter({
        left: hf.leftFooter,
        center: hf.centerFooter,
        right: hf.rightFooter,
      });
      if (header) print.header = header;
      if (footer) print.footer = footer;
      if (page.centerHorizontally) print.centerHorizontally = true;
      spec.print = print;
      return spec;
    });
  }

  /**
   * Values, formulas, number formats, cell styles, widths, heights and merges of A1 to the last
   * used cell. A template is small: usually one request; larger sheets go in row chunks sized
   * for cell properties (some hundred bytes a cell).
   */
  private async readCells(
    context: Excel.RequestContext,
    ws: Excel.Worksheet,
    spec: SheetSpec,
    lastRow: number,
    lastCol: number,
    normal: { name: string; size: number },
  ): Promise<void> {
    const whole = ws.getRangeByIndexes(0, 0, lastRow, lastCol);
    const columns = whole.getColumnProperties({ columnIndex: true, format: { columnWidth: true } });
    // Merged areas need ExcelApi 1.13 (above the minimum): without it a template's merges are
    // not read, and the pane says so (requirements.ts, OPTIONAL_FEATURES.templateMerges).
    const merged = this.excelApiSupported("1.13") ? whole.getMergedAreasOrNullObject() : null;
    merged?.load("address");
    const chunks = planReadChunks(0, lastRow, lastCol, this.limits, this.limits.sheetBytesPerCell);
    const heights: (number | undefined)[] = [];
    for (const [k, chunk] of chunks.entries()) {
      const range = ws.getRangeByIndexes(chunk.start, 0, chunk.count, lastCol);
      range.load("values,formulas,numberFormat");
      const props = range.getCellProperties({
        format: {
          font: { bold: true, italic: true, underline: true, size: true, name: true, color: true },
          fill: { color: true, pattern: true },
          horizontalAlignment: true,
          verticalAlignment: true,
          wrapText: true,
          borders: { style: true, weight: true },
        },
      });
      const rowProps = range.getRowProperties({
        rowIndex: true,
        format: { rowHeight: true, useStandardHeight: true },
      });
      this.count(4 * OP_BYTES, chunk.estimatedBytes + (k === 0 ? lastCol * 64 : 0));
      // One request per chunk; a template is one chunk.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
      const values = range.values;
      const formulas = range.formulas;
      const formats = range.numberFormat;
      // Client results of getCellProperties / getRowProperties: filled by the sync, no load.
      // eslint-disable-next-line office-addins/load-object-before-read
      const cellProps = props.value;
      // eslint-disable-next-line office-addins/load-object-before-read
      const rowList = rowProps.value;
      for (let r = 0; r < chunk.count; r++) {
        spec.rows.push(readRow(values[r], formulas[r], formats[r], cellProps[r], normal));
        const rp = rowList[r];
        heights.push(rp?.format?.useStandardHeight ? undefined : rp?.format?.rowHeight);
      }
    }
    spec.widths = columns.value.map((c) => pointsToWidth(c.format?.columnWidth ?? 0));
    if (heights.some((h) => h !== undefined)) spec.heights = heights;
    if (merged && !merged.isNullObject && merged.address) {
      spec.merges = splitAreas(merged.address).map(localAddress);
    }
  }

  async writeSheets(
    specs: SheetSpec[],
    onProgress?: (p: WriteProgress) => void,
  ): Promise<WrittenSheet[]> {
    if (!specs.length) return [];
    return this.run(async (context) => {
      const existing = await this.listSheets(context, false);
      const plan = planWrite(existing, specs);
      const totalRows = specs.reduce((n, s) => n + s.rows.length, 0);
      const bulk = totalRows > this.limits.maxWriteRows;
      const app = context.workbook.application;
      const batch = new Batch(context, this.limits.budgetBytes, (request) =>
        recordSync(this.stats, request, 0),
      );
      // Recalculation (and, for bulk writes, screen updating) is held for each request of the
      // write; Office resumes both at its sync. The screen is only held for bulk writes: the
      // API asks not to toggle it repeatedly for small ones.
      batch.onStart = () => {
        app.suspendApiCalculationUntilNextSync();
        if (bulk) app.suspendScreenUpdatingUntilNextSync();
      };
      const taken = new Set(existing.map((s) => s.name.toLowerCase()));
      for (const p of plan) taken.add(p.name.toLowerCase());
      const written: WrittenSheet[] = [];
      const withFormulas: Excel.Worksheet[] = [];
      const sheets: Excel.Worksheet[] = [];
      for (const [k, p] of plan.entries()) {
        const spec = { ...p.spec, name: p.name };
        const ws = await this.createSheet(context, batch, p.name, p.replaces, existing, taken);
        sheets.push(ws);
        await writeLayout(batch, ws, spec);
        const hasFormulas = await this.writeCells(batch, ws, spec);
        await writeAfterCells(batch, ws, spec);
        if (hasFormulas) withFormulas.push(ws);
        written.push({
          wanted: p.spec.name,
          name: p.name,
          replaced: p.replaces,
          rows: spec.rows.length,
        });
        batch.afterSync(() => onProgress?.({ done: k + 1, total: plan.length, sheet: p.name }));
      }
      await batch.sync();
      if (withFormulas.length) {
        // Calculation was suspended while the formulas went in: calculate their sheets now.
        for (const ws of withFormulas) ws.calculate(true);
        this.count(withFormulas.length * OP_BYTES);
        await context.sync();
      }
      await this.writePrint(context, plan, sheets, written);
      return written;
    });
  }

  /**
   * Print setup, after the cells and in requests of its own: Office applies a request's
   * operations in order and drops the rest at the first it rejects, so a page setting this Excel
   * refuses (a paper size its printer lacks, a header too long) must not cost the cells. All
   * sheets' setups go together (one request for a usual write); when Excel refuses one, each
   * sheet is set again in a request of its own (its breaks cleared first, so none doubles) to
   * find which, and the refused ones are reported with the sheet (WrittenSheet.printError).
   */
  private async writePrint(
    context: Excel.RequestContext,
    plan: { spec: SheetSpec }[],
    sheets: Excel.Worksheet[],
    written: WrittenSheet[],
  ): Promise<void> {
    const todo = plan.flatMap((p, k) => (p.spec.print ? [k] : []));
    const bytes = (k: number) => {
      const print = plan[k].spec.print!;
      return (
        (20 + (print.breaksAfter?.length ?? 0)) * ACTION_BYTES +
        stringBytes((print.header ?? "") + (print.footer ?? ""))
      );
    };
    const queue = (k: number, again: boolean) => {
      const ws = sheets[k];
      const print = plan[k].spec.print!;
      if (again) ws.horizontalPageBreaks.removePageBreaks();
      applyPrint(ws.pageLayout, print, plan[k].spec.rows.length);
      for (const after of print.breaksAfter ?? []) {
        ws.horizontalPageBreaks.add(`A${after + 1}`); // the break goes before the next row
      }
    };
    // Requests of whole sheets within the budget.
    const groups: number[][] = [];
    let size = 0;
    for (const k of todo) {
      const b = bytes(k);
      if (!groups.length || size + b > this.limits.budgetBytes) {
        groups.push([]);
        size = 0;
      }
      groups[groups.length - 1].push(k);
      size += b;
    }
    for (const group of groups) {
      for (const k of group) queue(k, false);
      this.count(group.reduce((n, k) => n + bytes(k), 0));
      try {
        // eslint-disable-next-line office-addins/no-context-sync-in-loop
        await context.sync();
        continue;
      } catch {
        // Which sheet? Each again on its own, below.
      }
      for (const k of group) {
        queue(k, true);
        this.count(bytes(k) + OP_BYTES);
        try {
          // eslint-disable-next-line office-addins/no-context-sync-in-loop
          await context.sync();
        } catch (e) {
          written[k].printError = e instanceof Error ? e.message : String(e);
        }
      }
    }
  }

  /**
   * Queues a sheet for a spec: a new one at the end, or, replacing a generated sheet, a new one
   * that takes the old one's name and place once the old one is deleted (a clean slate: no
   * stale formats, merges, breaks or print settings). Formulas elsewhere that pointed into the
   * old sheet show #REF! afterwards, as when a user deletes a sheet; ar-desk's documents are
   * regenerated whole, so none of its own formulas do. Marks the sheet as generated.
   */
  private async createSheet(
    context: Excel.RequestContext,
    batch: Batch,
    name: string,
    replaces: boolean,
    existing: (SheetInfo & { position: number })[],
    taken: Set<string>,
  ): Promise<Excel.Worksheet> {
    const sheets = context.workbook.worksheets;
    await batch.reserve(6 * OP_BYTES);
    let ws: Excel.Worksheet;
    const old = replaces
      ? existing.find((s) => s.generated && s.name.toLowerCase() === name.toLowerCase())
      : undefined;
    if (old) {
      // Add first (a workbook may not lose its last sheet), then delete, rename and move.
      const temp = sheetName("~ar-desk", taken);
      taken.add(temp.toLowerCase());
      ws = sheets.add(temp);
      sheets.getItem(old.name).delete();
      ws.name = name;
      ws.position = old.position;
    } else {
      ws = sheets.add(name);
    }
    ws.customProperties.add(GENERATED_KEY, name);
    return ws;
  }

  /**
   * Writes the cells of a spec. Number formats first (Text for text that must stay text, so it
   * is in place before the values it governs), by rectangles of equal format over the whole
   * sheet: one small operation each, whatever the rows. Then the values in row chunks (one
   * block each; null leaves a cell alone) with their formulas by rectangles, and last the looks
   * by rectangles of equal style. Returns whether any formula was written.
   */
  private async writeCells(batch: Batch, ws: Excel.Worksheet, spec: SheetSpec): Promise<boolean> {
    const rows = spec.rows;
    const width = rows.reduce((m, r) => Math.max(m, r.length), 0);
    if (!width) return false;
    const keys = new LookKeys();
    const formatOf = (raw: SpecRow[number] | undefined) => toOffice(specCell(raw)).numberFormat;

    for (const rect of keyRects(rows, 0, rows.length, formatOf)) {
      // `numberFormat` takes a 2-D array of the range's shape (Excel.Range.numberFormat:
      // any[][]): one operation per rectangle, in row slices that fit the request budget.
      const rowBytes = rect.columns * (stringBytes(rect.key) + 1) + 3;
      const per = Math.max(1, Math.floor((this.limits.budgetBytes - 2 * OP_BYTES) / rowBytes));
      for (let done = 0; done < rect.rows; done += per) {
        const n = Math.min(per, rect.rows - done);
        await batch.reserve(OP_BYTES + n * rowBytes);
        ws.getRangeByIndexes(rect.row + done, rect.column, n, rect.columns).numberFormat = filled(
          n,
          rect.columns,
          rect.key,
        );
      }
    }

    const costs = rowCosts(rows, width);
    const chunks = packRows(
      rows.length,
      (r) => costs.values[r] + costs.formulas[r],
      this.limits.budgetBytes - 2 * OP_BYTES,
      this.limits.maxWriteRows,
      (r) => costs.restart[r],
    );
    let formulas = false;
    for (const chunk of chunks) {
      const cells: OfficeCell[][] = [];
      let chunkWidth = 0;
      for (let r = chunk.start; r < chunk.start + chunk.count; r++) {
        const row = rows[r] ?? [];
        const out: OfficeCell[] = new Array(row.length);
        for (let c = 0; c < row.length; c++) out[c] = toOffice(specCell(row[c]));
        cells.push(out);
        chunkWidth = Math.max(chunkWidth, row.length);
      }
      const at = (r: number, c: number): OfficeCell | undefined => cells[r - chunk.start][c];
      const block: (string | number | boolean | null)[][] = [];
      let any = false;
      for (const row of cells) {
        const out = new Array<string | number | boolean | null>(chunkWidth).fill(null);
        for (let c = 0; c < row.length; c++) {
          const v = row[c]?.value ?? null;
          if (v !== null) any = true;
          out[c] = v;
        }
        block.push(out);
      }
      if (any) {
        await batch.reserve(OP_BYTES + gridBytes(block));
        ws.getRangeByIndexes(chunk.start, 0, chunk.count, chunkWidth).values = block;
      }
      const isFormula = (_: unknown, r: number, c: number) =>
        at(r, c)?.formula !== undefined ? "f" : undefined;
      for (const rect of keyRects(rows, chunk.start, chunk.count, isFormula)) {
        const f: string[][] = [];
        for (let r = rect.row; r < rect.row + rect.rows; r++) {
          const line: string[] = [];
          for (let c = rect.column; c < rect.column + rect.columns; c++) {
            line.push(at(r, c)!.formula!);
          }
          f.push(line);
        }
        await batch.reserve(OP_BYTES + gridBytes(f));
        // `formulas`, not `formulasLocal`: the invariant (English) form, whatever Excel's
        // language, with the custom functions' English names (=AR.AGING); see README "Formulas
        // in a Chinese Excel" for what is documented and what is not verified.
        rangeOf(ws, rect).formulas = f;
        formulas = true;
      }
    }

    for (const rect of keyRects(rows, 0, rows.length, (raw) => keys.of(raw))) {
      const look = lookOfKey(rect.key);
      await batch.reserve(lookBytes(look));
      applyLook(rangeOf(ws, rect), look, rect);
    }
    return formulas;
  }

  async loadSettings(): Promise<unknown> {
    return this.run(async (context) => {
      const setting = context.workbook.settings.getItemOrNullObject(SETTINGS_KEY);
      setting.load("value");
      this.count(OP_BYTES, OP_BYTES);
      await context.sync();
      if (setting.isNullObject) return null;
      const v: unknown = setting.value;
      if (typeof v !== "string") return v ?? null;
      try {
        return JSON.parse(v);
      } catch {
        throw new Error(
          `ar-desk's settings in this workbook are not valid JSON: ${v.slice(0, 80)}`,
        );
      }
    });
  }

  async saveSettings(settings: unknown): Promise<void> {
    const json = JSON.stringify(settings ?? null);
    await this.run(async (context) => {
      context.workbook.settings.add(SETTINGS_KEY, json);
      this.count(OP_BYTES + stringBytes(json));
      await context.sync();
    });
  }

  async select(sheet: string, row: number, column: number): Promise<void> {
    await this.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getCell(Math.max(0, row - 1), Math.max(0, column - 1)).select();
      this.count(3 * OP_BYTES, OP_BYTES);
      await context.sync().catch(missingSheet(sheet));
    });
  }
}

/**
 * Queued operations of one write, synced when the next one would take the request over the
 * budget. `reserve(bytes)` is called before queuing an operation of that estimated size.
 */
class Batch {
  private bytes = 0;
  private started = false;
  private waiting: (() => void)[] = [];
  /** Queued at the start of each request (e.g. suspending calculation until its sync). */
  onStart: (() => void) | null = null;

  constructor(
    private readonly context: Excel.RequestContext,
    private readonly budget: number,
    private readonly record: (request: number) => void,
  ) {}

  async reserve(bytes: number): Promise<void> {
    if (this.started && this.bytes + bytes > this.budget) await this.sync();
    if (!this.started) {
      this.started = true;
      this.bytes = 2 * ACTION_BYTES;
      this.onStart?.();
    }
    this.bytes += bytes;
  }

  /** Runs `f` once what is queued so far has been synced. */
  afterSync(f: () => void): void {
    this.waiting.push(f);
  }

  async sync(): Promise<void> {
    if (!this.started) return;
    this.record(this.bytes);
    await this.context.sync();
    this.bytes = 0;
    this.started = false;
    const done = this.waiting;
    this.waiting = [];
    for (const f of done) f();
  }
}

/** A rows × columns array of one value (the rows share one array: it is only serialised). */
function filled(rows: number, columns: number, value: string): string[][] {
  const row = new Array<string>(columns).fill(value);
  return new Array<string[]>(rows).fill(row);
}

function rangeOf(ws: Excel.Worksheet, rect: Rect): Excel.Range {
  return ws.getRangeByIndexes(rect.row, rect.column, rect.rows, rect.columns);
}

/** Memoised look keys: one cell object is keyed once, however often it is asked. */
class LookKeys {
  private readonly cache = new WeakMap<object, string | undefined>();
  of(raw: SpecRow[number] | undefined): string | undefined {
    if (raw === null || typeof raw !== "object") return undefined;
    if (this.cache.has(raw)) return this.cache.get(raw);
    const key = lookKey(raw);
    this.cache.set(raw, key);
    return key;
  }
}

/** The estimated request bytes of applying a look to one rectangle. */
function lookBytes(look: Look): number {
  let actions = 0;
  for (const k of Object.keys(look)) if (k !== "border") actions++;
  if (look.border) actions += 3 * 6; // up to six lines: get the line, set style, set weight
  return OP_BYTES + actions * ACTION_BYTES;
}

/**
 * Upper bounds of the request bytes each spec row adds to its chunk: `values`, its cells in the
 * values block (padded to the sheet's width); `formulas`, its formulas plus one operation for
 * each run of formula cells that does not continue a run of the row above (such runs merge into
 * one rectangle); `restart`, the operations of the runs that do continue, which a chunk starting
 * at this row must pay after all.
 */
function rowCosts(
  rows: readonly SpecRow[],
  width: number,
): { values: number[]; formulas: number[]; restart: number[] } {
  const values: number[] = new Array(rows.length);
  const formulas: number[] = new Array(rows.length);
  const restart: number[] = new Array(rows.length).fill(0);
  let above = new Set<string>();
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] ?? [];
    let v = 3 + (width - row.length) * 5;
    let f = 0;
    const runs = new Set<string>();
    let runStart = -1;
    for (let c = 0; c <= row.length; c++) {
      const cell = c < row.length ? toOffice(specCell(row[c])) : null;
      if (cell) v += scalarBytes(cell.value) + 1;
      const formula = cell?.formula;
      if (formula !== undefined) {
        f += scalarBytes(formula) + 1;
        if (runStart < 0) runStart = c;
      } else if (runStart >= 0) {
        runs.add(`${runStart}:${c}`);
        runStart = -1;
      }
    }
    for (const run of runs) {
      if (above.has(run)) restart[r] += OP_BYTES;
      else f += OP_BYTES;
      f += 3;
    }
    values[r] = v;
    formulas[r] = f;
    above = runs;
  }
  return { values, formulas, restart };
}

/** Office format operations of a look over a rectangle. */
function applyLook(range: Excel.Range, look: Look, rect: Rect): void {
  const f = range.format;
  if (look.bold) f.font.bold = true;
  if (look.italic) f.font.italic = true;
  if (look.underline) f.font.underline = "Single";
  if (look.size) f.font.size = look.size;
  if (look.font) f.font.name = look.font;
  if (look.color) f.font.color = colorToOffice(look.color);
  if (look.fill) f.fill.color = colorToOffice(look.fill);
  if (look.align) f.horizontalAlignment = H_ALIGN[look.align];
  if (look.valign) f.verticalAlignment = V_ALIGN[look.valign];
  if (look.wrap) f.wrapText = true;
  if (look.border) {
    for (const [edge, line] of rectBorders(look.border, rect.rows, rect.columns)) {
      const b = f.borders.getItem(edge);
      b.style = line.style;
      if (line.weight) b.weight = line.weight;
    }
  }
}

/** Sheet-level settings queued before the cells: tab, grid lines, widths, heights, freeze. */
async function writeLayout(batch: Batch, ws: Excel.Worksheet, spec: SheetSpec): Promise<void> {
  await batch.reserve(3 * OP_BYTES);
  if (spec.tabColor) ws.tabColor = colorToOffice(spec.tabColor);
  if (spec.hideGridLines) ws.showGridlines = false;
  for (const n of spec.names ?? []) {
    // Scoped to the sheet (ExcelApi 1.4): deleted with it when ar-desk regenerates the sheet.
    await batch.reserve(OP_BYTES + stringBytes(n.name));
    ws.names.add(n.name, ws.getRange(n.ref));
  }
  for (const run of runs(spec.widths ?? [])) {
    await batch.reserve(OP_BYTES);
    ws.getRangeByIndexes(0, run.start, 1, run.count).format.columnWidth = widthToPoints(run.value);
  }
  for (const run of runs(spec.heights ?? [])) {
    await batch.reserve(OP_BYTES);
    ws.getRangeByIndexes(run.start, 0, run.count, 1).format.rowHeight = run.value;
  }
  const fr = spec.freeze;
  if (fr && (fr.rows > 0 || fr.columns > 0)) {
    await batch.reserve(2 * OP_BYTES);
    if (fr.rows > 0 && fr.columns > 0) {
      ws.freezePanes.freezeAt(ws.getRangeByIndexes(0, 0, fr.rows, fr.columns));
    } else if (fr.rows > 0) ws.freezePanes.freezeRows(fr.rows);
    else ws.freezePanes.freezeColumns(fr.columns);
  }
}

/**
 * Page setup of a spec's print setup (mirrors the ExcelJS writer's defaults). `rows` is the
 * sheet's row count.
 */
function applyPrint(page: Excel.PageLayout, print: PrintSetup, rows: number): void {
  page.paperSize = paperToOffice(print.paper);
  page.orientation = print.orientation === "landscape" ? "Landscape" : "Portrait";
  // Each sheet's pages count from 1, as the .xlsx writer's firstPageNumber="1".
  page.firstPageNumber = 1;
  // One page wide, as many tall as needed. PageLayoutZoomOptions documents both as "number of
  // pages to fit" (nothing for 0, the file format's "automatic"), so the height is given as a
  // number of pages that can never bind: every printed page holds at least one row, so a sheet
  // never needs more pages than it has rows, and the width alone sets the scale.
  if (print.fitToWidth) {
    page.zoom = { horizontalFitToPages: 1, verticalFitToPages: Math.max(1, rows) };
  }
  if (print.margins) {
    const m = { ...DEFAULT_MARGINS_CM, ...print.margins };
    page.topMargin = cmToPoints(m.top);
    page.bottomMargin = cmToPoints(m.bottom);
    page.leftMargin = cmToPoints(m.left);
    page.rightMargin = cmToPoints(m.right);
    page.headerMargin = cmToPoints(m.header);
    page.footerMargin = cmToPoints(m.footer);
  }
  if (print.area) page.setPrintArea(print.area);
  if (print.titleRows) page.setPrintTitleRows(titleRowsAddress(print.titleRows));
  if (print.centerHorizontally) page.centerHorizontally = true;
  if (print.header || print.footer) {
    const hf = page.headersFooters.defaultForAllPages;
    if (print.header) {
      const h = splitHeaderFooter(print.header);
      hf.leftHeader = h.left;
      hf.centerHeader = h.center;
      hf.rightHeader = h.right;
    }
    if (print.footer) {
      const f = splitHeaderFooter(print.footer);
      hf.leftFooter = f.left;
      hf.centerFooter = f.center;
      hf.rightFooter = f.right;
    }
  }
}

/** Queued after the cells: merges (Excel keeps the top-left value). */
async function writeAfterCells(batch: Batch, ws: Excel.Worksheet, spec: SheetSpec): Promise<void> {
  for (const address of spec.merges ?? []) {
    await batch.reserve(OP_BYTES + stringBytes(address));
    ws.getRange(address).merge(false);
  }
}

/** Runs of equal defined values: [start, count, value]. */
function runs(
  list: readonly (number | undefined)[],
): { start: number; count: number; value: number }[] {
  const out: { start: number; count: number; value: number }[] = [];
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (v === undefined || v === null || !(v > 0)) continue;
    const last = out[out.length - 1];
    if (last && last.start + last.count === i && last.value === v) last.count++;
    else out.push({ start: i, count: 1, value: v });
  }
  return out;
}

/** Turns Office's ItemNotFound for a sheet into the port's error. */
function missingSheet(sheet: string): (e: unknown) => never {
  return (e) => {
    if ((e as { code?: string } | null)?.code === "ItemNotFound") {
      throw new Error(`No sheet named "${sheet}"`);
    }
    throw e;
  };
}

function isPayloadError(e: unknown): boolean {
  const err = e as { code?: string; message?: string } | null;
  return (
    err?.code === "ResponsePayloadSizeLimitExceeded" ||
    err?.code === "RequestPayloadSizeLimitExceeded" ||
    /payload size/i.test(err?.message ?? "")
  );
}

/** The areas of a multi-area address (`Sheet1!A1:B2,Sheet1!C3:D4`); commas in quoted names kept. */
export function splitAreas(address: string): string[] {
  const out: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < address.length; i++) {
    const ch = address[i];
    if (ch === "'") quoted = !quoted;
    else if (ch === "," && !quoted) {
      out.push(address.slice(start, i).trim());
      start = i + 1;
    }
  }
  const last = address.slice(start).trim();
  if (last) out.push(last);
  return out;
}

/** A date-like number format: y or d outside quotes and brackets (m alone may be minutes). */
function isDateFormat(format: string): boolean {
  const bare = format.replace(/"[^"]*"|\[[^\]]*\]|\\./g, "");
  return /[yd]/i.test(bare);
}

/** One spec row of a template's values, formulas, number formats and cell properties. */
function readRow(
  values: unknown[],
  formulas: unknown[],
  formats: unknown[],
  props: Excel.CellProperties[],
  normal: { name: string; size: number },
): SpecRow {
  const row: SpecRow = [];
  for (let c = 0; c < values.length; c++) {
    const f = formulas[c];
    const v = values[c];
    const style = styleOf(
      props[c],
      typeof formats[c] === "string" ? (formats[c] as string) : "",
      normal,
    );
    let value: SpecCell["value"];
    if (typeof f === "string" && f.startsWith("=")) {
      const result = fromOffice(v);
      value = {
        formula: f.slice(1),
        result:
          result === null || typeof result === "boolean"
            ? null
            : typeof result === "object"
              ? result.error
              : result,
      };
    } else if (v === "" || v === null || v === undefined) {
      value = null;
    } else if (typeof v === "number" && style.format && isDateFormat(style.format)) {
      value = { date: v };
    } else if (typeof v === "number" || typeof v === "boolean" || typeof v === "string") {
      value = v;
    } else value = String(v);
    const styled = Object.keys(style).length > 0;
    if (styled) row.push({ value, ...style });
    else if (value !== null && typeof value === "object") row.push({ value });
    else row.push(value);
  }
  while (row.length && row[row.length - 1] === null) row.pop();
  return row;
}

/** The CellStyle of a cell's properties, leaving out Excel's defaults. */
function styleOf(
  p: Excel.CellProperties | undefined,
  numberFormat: string,
  normal: { name: string; size: number },
): CellStyle {
  const s: CellStyle = {};
  if (numberFormat && numberFormat !== "General") s.format = numberFormat;
  const f = p?.format;
  if (!f) return s;
  const font = f.font;
  if (font?.bold) s.bold = true;
  if (font?.italic) s.italic = true;
  if (font?.underline && font.underline !== "None") s.underline = true;
  if (font?.size && font.size !== normal.size) s.size = font.size;
  if (font?.name && font.name !== normal.name) s.font = font.name;
  const color = colorFromOffice(font?.color);
  if (color && color !== "000000") s.color = color;
  const fill = f.fill;
  const filled =
    fill?.pattern !== undefined
      ? fill.pattern !== "None"
      : colorFromOffice(fill?.color) !== "FFFFFF";
  const fillColor = colorFromOffice(fill?.color);
  if (filled && fillColor) s.fill = fillColor;
  const align = alignFromOffice(f.horizontalAlignment);
  if (align) s.align = align;
  const valign = valignFromOffice(f.verticalAlignment);
  if (valign) s.valign = valign;
  if (f.wrapText) s.wrap = true;
  const border: NonNullable<CellStyle["border"]> = {};
  for (const side of ["top", "bottom", "left", "right"] as const) {
    const b = f.borders?.[side];
    const style = borderFromOffice(b?.style, b?.weight);
    if (style) border[side] = style;
  }
  if (Object.keys(border).length) s.border = border;
  return s;
}
