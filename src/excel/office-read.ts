/**
 * Reading a workbook through Office.js: the sheets with their marks and sizes, and a sheet's
 * values in row chunks sized by an estimate of the response, re-estimated from what each chunk
 * returned (DESIGN §7, chunks.ts). A template's formatting is read by office-read-sheet.ts.
 */
import type { CellValue, Grid } from "../sheet/grid";
import type { ReadChunk, SheetInfo } from "../sheet/workbook";
import { fromOffice, looksLikeError } from "./cells";
import { gridBytes, OP_BYTES, planReadChunks } from "./chunks";
import { GENERATED_KEY, missingSheet, type OfficeSession } from "./office-session";

/** A sheet as listed for a write: with its tab position. */
export type ListedSheet = SheetInfo & { position: number };

/** The sheets in tab order with their marks (and used-range sizes when `sizes`): 2 requests. */
export async function listSheets(
  session: OfficeSession,
  context: Excel.RequestContext,
  sizes: boolean,
): Promise<ListedSheet[]> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name,items/position");
  session.count(OP_BYTES, 0);
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
  session.count(queued.length * 2 * OP_BYTES, queued.length * 2 * OP_BYTES);
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

/** The port's `sheets()`: the sheets in tab order, with their sizes and marks. */
export async function readSheetList(session: OfficeSession): Promise<SheetInfo[]> {
  const list = await session.run((context) => listSheets(session, context, true));
  return list.map(({ name, rows, columns, generated }) => ({ name, rows, columns, generated }));
}

/**
 * The port's `readValues`: a sheet's used range from A1, in row chunks within Office's limits.
 * `onRows` gets each chunk as soon as it is converted (the empty rows above the used range go
 * with the first), so the pane can count the rows and hand them to its engine while the rest
 * is still being read.
 */
export async function readValues(
  session: OfficeSession,
  sheet: string,
  onRows?: (chunk: ReadChunk) => void,
): Promise<Grid> {
  const limits = session.limits;
  return session.run(async (context) => {
    const ws = context.workbook.worksheets.getItem(sheet);
    ws.load("name");
    const used = ws.getUsedRangeOrNullObject(true);
    used.load("rowIndex,columnIndex,rowCount,columnCount");
    session.count(OP_BYTES, OP_BYTES);
    await context.sync().catch(missingSheet(sheet));
    const rows: CellValue[][] = [];
    if (used.isNullObject) return { sheet: ws.name, file: null, rows };
    const { rowIndex: r0, columnIndex: c0, rowCount, columnCount: nc } = used;
    for (let r = 0; r < r0; r++) rows.push([]);
    const end = r0 + rowCount;
    let bytesPerCell = limits.readBytesPerCell;
    let next = r0;
    while (next < end) {
      let count = planReadChunks(next, end - next, nc, limits, bytesPerCell)[0].count;
      let values: unknown[][];
      for (;;) {
        const range = ws.getRangeByIndexes(next, c0, count, nc);
        range.load("values");
        try {
          session.count(OP_BYTES, count * nc * bytesPerCell);
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
      const from = next === r0 ? 0 : rows.length;
      await appendValues(session, context, ws, rows, values, next, c0);
      onRows?.({ rows: rows.slice(from), done: rows.length, total: end });
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
async function appendValues(
  session: OfficeSession,
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
  session.count(OP_BYTES, (maxR - minR + 1) * (maxC - minC + 1) * 12);
  await context.sync();
  const types = block.valueTypes;
  for (let r = minR; r <= maxR; r++) {
    for (let c = minC; c <= maxC; c++) {
      const v = values[r][c];
      if (looksLikeError(v)) rows[first + r][c0 + c] = fromOffice(v, types[r - minR][c - minC]);
    }
  }
}

function isPayloadError(e: unknown): boolean {
  const err = e as { code?: string; message?: string } | null;
  return (
    err?.code === "ResponsePayloadSizeLimitExceeded" ||
    err?.code === "RequestPayloadSizeLimitExceeded" ||
    /payload size/i.test(err?.message ?? "")
  );
}
