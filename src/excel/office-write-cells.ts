/**
 * Writing a spec's cells through Office.js: number formats by rectangles, values in row chunks
 * within the request budget with their formulas by rectangles, and the looks (fonts, fills,
 * alignment, borders) by rectangles of equal style.
 */
import type { SheetSpec, SpecRow } from "../sheet/spec";
import { specCell, toOffice, type OfficeCell } from "./cells";
import { gridBytes, OP_BYTES, packRows, scalarBytes, stringBytes } from "./chunks";
import { ACTION_BYTES, type Batch } from "./office-batch";
import type { OfficeSession } from "./office-session";
import {
  colorToOffice,
  H_ALIGN,
  keyRects,
  lookKey,
  lookOfKey,
  rectBorders,
  V_ALIGN,
  type Look,
  type Rect,
} from "./styles";

/**
 * Writes the cells of a spec. Number formats first (Text for text that must stay text, so it
 * is in place before the values it governs), by rectangles of equal format over the whole
 * sheet: one small operation each, whatever the rows. Then the values in row chunks (one
 * block each; null leaves a cell alone) with their formulas by rectangles, and last the looks
 * by rectangles of equal style. Returns whether any formula was written.
 */
export async function writeCells(
  session: OfficeSession,
  batch: Batch,
  ws: Excel.Worksheet,
  spec: SheetSpec,
): Promise<boolean> {
  const rows = spec.rows;
  const width = rows.reduce((m, r) => Math.max(m, r.length), 0);
  if (!width) return false;
  const keys = new LookKeys();
  const formatOf = (raw: SpecRow[number] | undefined) => toOffice(specCell(raw)).numberFormat;

  for (const rect of keyRects(rows, 0, rows.length, formatOf)) {
    // `numberFormat` takes a 2-D array of the range's shape (Excel.Range.numberFormat:
    // any[][]): one operation per rectangle, in row slices that fit the request budget.
    const rowBytes = rect.columns * (stringBytes(rect.key) + 1) + 3;
    const per = Math.max(1, Math.floor((session.limits.budgetBytes - 2 * OP_BYTES) / rowBytes));
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
    session.limits.budgetBytes - 2 * OP_BYTES,
    session.limits.maxWriteRows,
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
