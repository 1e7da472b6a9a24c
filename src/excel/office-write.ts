/**
 * Writing generated sheets through Office.js (the port's `writeSheets`): each spec as a new
 * sheet marked as ar-desk's (replacing ar-desk's sheet of that name, never a user's), its
 * layout, cells (office-write-cells.ts) and merges within the request budget (office-batch.ts),
 * with calculation suspended while it goes in, and its print setup last (office-write-print.ts).
 */
import { sheetName, type SheetSpec } from "../sheet/spec";
import { planWrite, type WriteProgress, type WrittenSheet } from "../sheet/workbook";
import { OP_BYTES, stringBytes } from "./chunks";
import { Batch } from "./office-batch";
import { listSheets, type ListedSheet } from "./office-read";
import { GENERATED_KEY, type OfficeSession } from "./office-session";
import { writeCells } from "./office-write-cells";
import { writePrint } from "./office-write-print";
import { recordSync } from "./stats";
import { colorToOffice, widthToPoints } from "./styles";

/** The port's `writeSheets`: each spec a new generated sheet, with layout, cells and print. */
export async function writeSheets(
  session: OfficeSession,
  specs: SheetSpec[],
  onProgress?: (p: WriteProgress) => void,
): Promise<WrittenSheet[]> {
  if (!specs.length) return [];
  return session.run(async (context) => {
    const existing = await listSheets(session, context, false);
    const plan = planWrite(existing, specs);
    const totalRows = specs.reduce((n, s) => n + s.rows.length, 0);
    const bulk = totalRows > session.limits.maxWriteRows;
    const app = context.workbook.application;
    const batch = new Batch(context, session.limits.budgetBytes, (request) =>
      recordSync(session.stats, request, 0),
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
      const ws = await createSheet(context, batch, p.name, p.replaces, existing, taken);
      sheets.push(ws);
      await writeLayout(batch, ws, spec);
      const hasFormulas = await writeCells(session, batch, ws, spec);
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
      session.count(withFormulas.length * OP_BYTES);
      await context.sync();
    }
    await writePrint(session, context, plan, sheets, written);
    return written;
  });
}

/**
 * Queues a sheet for a spec: a new one at the end, or, replacing a generated sheet, a new one
 * that takes the old one's name and place once the old one is deleted (a clean slate: no
 * stale formats, merges, breaks or print settings). Formulas elsewhere that pointed into the
 * old sheet show #REF! afterwards, as when a user deletes a sheet; ar-desk's documents are
 * regenerated whole, so none of its own formulas do. Marks the sheet as generated.
 */
async function createSheet(
  context: Excel.RequestContext,
  batch: Batch,
  name: string,
  replaces: boolean,
  existing: ListedSheet[],
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
