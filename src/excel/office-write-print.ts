/**
 * Print setup of written sheets through Office.js: page size and orientation, fit to width,
 * margins, print area, title rows, centring, header and footer, and manual page breaks.
 */
import type { PrintSetup, SheetSpec } from "../sheet/spec";
import type { WrittenSheet } from "../sheet/workbook";
import { OP_BYTES, stringBytes } from "./chunks";
import { ACTION_BYTES } from "./office-batch";
import type { OfficeSession } from "./office-session";
import {
  cmToPoints,
  DEFAULT_MARGINS_CM,
  paperToOffice,
  splitHeaderFooter,
  titleRowsAddress,
} from "./print";

/**
 * Print setup, after the cells and in requests of its own: Office applies a request's
 * operations in order and drops the rest at the first it rejects, so a page setting this Excel
 * refuses (a paper size its printer lacks, a header too long) must not cost the cells. All
 * sheets' setups go together (one request for a usual write); when Excel refuses one, each
 * sheet is set again in a request of its own (its breaks cleared first, so none doubles) to
 * find which, and the refused ones are reported with the sheet (WrittenSheet.printError).
 */
export async function writePrint(
  session: OfficeSession,
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
    if (!groups.length || size + b > session.limits.budgetBytes) {
      groups.push([]);
      size = 0;
    }
    groups[groups.length - 1].push(k);
    size += b;
  }
  for (const group of groups) {
    for (const k of group) queue(k, false);
    session.count(group.reduce((n, k) => n + bytes(k), 0));
    try {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
      continue;
    } catch {
      // Which sheet? Each again on its own, below.
    }
    for (const k of group) {
      queue(k, true);
      session.count(bytes(k) + OP_BYTES);
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
