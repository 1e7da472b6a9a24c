/**
 * Reading a template sheet through Office.js: its values, formulas, number formats and cell
 * styles, widths, heights, merges, frozen panes and print setup, as a SheetSpec (the port's
 * `readSheet`). Templates are small: usually one request for the cells; larger sheets go in
 * row chunks sized for cell properties.
 */
import type { CellStyle, PrintSetup, SheetSpec, SpecCell, SpecRow } from "../sheet/spec";
import { fromOffice } from "./cells";
import { OP_BYTES, planReadChunks } from "./chunks";
import { missingSheet, type OfficeSession } from "./office-session";
import {
  freezeFromAddress,
  joinHeaderFooter,
  localAddress,
  paperFromOffice,
  pointsToCm,
  titleRowsFromAddress,
} from "./print";
import {
  alignFromOffice,
  borderFromOffice,
  colorFromOffice,
  pointsToWidth,
  valignFromOffice,
} from "./styles";

/** The port's `readSheet`: a sheet with its formats, merges, widths, heights and print setup. */
export async function readSheet(session: OfficeSession, sheet: string): Promise<SheetSpec> {
  return session.run(async (context) => {
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
    session.count(12 * OP_BYTES, OP_BYTES);
    await context.sync().catch(missingSheet(sheet));

    const spec: SheetSpec = { name: ws.name, rows: [] };
    if (!used.isNullObject) {
      const lastRow = used.rowIndex + used.rowCount;
      const lastCol = used.columnIndex + used.columnCount;
      await readCells(session, context, ws, spec, lastRow, lastCol, {
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
async function readCells(
  session: OfficeSession,
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
  const merged = session.excelApiSupported("1.13") ? whole.getMergedAreasOrNullObject() : null;
  merged?.load("address");
  const chunks = planReadChunks(
    0,
    lastRow,
    lastCol,
    session.limits,
    session.limits.sheetBytesPerCell,
  );
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
    session.count(4 * OP_BYTES, chunk.estimatedBytes + (k === 0 ? lastCol * 64 : 0));
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
