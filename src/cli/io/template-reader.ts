/**
 * Reads template sheets from an .xlsx through ExcelJS into SheetSpecs, with what a template
 * carries: values and formulas, number formats, fonts, fills, borders, alignment, merges, column
 * widths, row heights and print setup. The reverse of xlsx-writer.ts.
 */
import type ExcelJS from "exceljs";
import { excelJs } from "../exceljs";
import type {
  BorderStyle,
  CellStyle,
  PrintSetup,
  SheetSpec,
  SpecCell,
  SpecRow,
} from "../../sheet/spec";
import { inputError } from "../shared";

const CM_PER_INCH = 2.54;
const BORDERS = new Set(["thin", "medium", "thick", "dashed", "dotted", "double", "hair"]);

function rgb(color: Partial<ExcelJS.Color> | undefined): string | undefined {
  const argb = color?.argb;
  return argb && /^[0-9A-Fa-f]{8}$/.test(argb) ? argb.slice(2).toUpperCase() : undefined;
}

function styleOf(cell: ExcelJS.Cell): CellStyle {
  const st: CellStyle = {};
  if (cell.numFmt && cell.numFmt !== "General") st.format = cell.numFmt;
  const f = cell.font;
  if (f) {
    if (f.bold) st.bold = true;
    if (f.italic) st.italic = true;
    if (f.underline) st.underline = true;
    if (f.size) st.size = f.size;
    if (f.name) st.font = f.name;
    const c = rgb(f.color);
    if (c && c !== "000000") st.color = c;
  }
  const a = cell.alignment;
  if (a) {
    if (
      a.horizontal === "left" ||
      a.horizontal === "center" ||
      a.horizontal === "right" ||
      a.horizontal === "justify"
    )
      st.align = a.horizontal;
    if (a.vertical === "top" || a.vertical === "bottom") st.valign = a.vertical;
    if (a.vertical === "middle") st.valign = "middle";
    if (a.wrapText) st.wrap = true;
  }
  const fill = cell.fill;
  if (fill && fill.type === "pattern" && fill.pattern === "solid") {
    const c = rgb(fill.fgColor);
    if (c) st.fill = c;
  }
  const b = cell.border;
  if (b) {
    const border: CellStyle["border"] = {};
    for (const side of ["top", "bottom", "left", "right"] as const) {
      const s = b[side]?.style;
      if (s && BORDERS.has(s)) border[side] = s as BorderStyle;
    }
    if (Object.keys(border).length) st.border = border;
  }
  return st;
}

function valueOf(cell: ExcelJS.Cell): SpecCell["value"] {
  const v = cell.value;
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) {
    // ExcelJS turns date-formatted serials into UTC dates.
    return { date: Math.round(v.getTime() / 86400000) + 25569 };
  }
  if (typeof v === "object" && "formula" in v && v.formula) return { formula: v.formula };
  if (typeof v === "object" && "sharedFormula" in v) return { formula: cell.formula };
  if (typeof v === "object" && "richText" in v) return v.richText.map((t) => t.text).join("");
  if (typeof v === "object" && "text" in v) return String(v.text);
  if (typeof v === "object" && "error" in v) return String(v.error);
  return String(v);
}

const PAPER: Record<number, PrintSetup["paper"]> = { 9: "A4", 8: "A3", 1: "letter" };

function printOf(ws: ExcelJS.Worksheet): PrintSetup {
  const p = ws.pageSetup;
  const print: PrintSetup = {
    orientation: p.orientation === "landscape" ? "landscape" : "portrait",
    paper: PAPER[p.paperSize ?? 9] ?? "A4",
  };
  if (p.fitToPage && p.fitToWidth === 1) print.fitToWidth = true;
  if (p.margins) {
    const cm = (inch: number) => Math.round(inch * CM_PER_INCH * 100) / 100;
    print.margins = {
      top: cm(p.margins.top),
      bottom: cm(p.margins.bottom),
      left: cm(p.margins.left),
      right: cm(p.margins.right),
      header: cm(p.margins.header),
      footer: cm(p.margins.footer),
    };
  }
  if (p.printArea) print.area = p.printArea.replace(/\$/g, "").split("&&")[0];
  const titles = /^\$?(\d+):\$?(\d+)$/.exec(p.printTitlesRow ?? "");
  if (titles) print.titleRows = [Number(titles[1]), Number(titles[2])];
  if (p.horizontalCentered) print.centerHorizontally = true;
  if (ws.headerFooter?.oddHeader) print.header = ws.headerFooter.oddHeader;
  if (ws.headerFooter?.oddFooter) print.footer = ws.headerFooter.oddFooter;
  return print;
}

/** One worksheet as a SheetSpec. */
export function sheetSpecOf(ws: ExcelJS.Worksheet): SheetSpec {
  const rows: SpecRow[] = [];
  const heights: (number | undefined)[] = [];
  const columns = ws.columnCount;
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    heights.push(row.height || undefined);
    const out: SpecRow = [];
    for (let c = 1; c <= columns; c++) {
      const cell = row.getCell(c);
      if (cell.isMerged && cell.master !== cell) {
        const st = styleOf(cell);
        out.push(Object.keys(st).length ? { value: null, ...st } : null);
        continue;
      }
      const value = valueOf(cell);
      const st = styleOf(cell);
      out.push(value === null && !Object.keys(st).length ? null : { value, ...st });
    }
    rows.push(out);
  }
  const widths: number[] = [];
  for (let c = 1; c <= columns; c++) widths.push(ws.getColumn(c).width ?? 9);
  const merges = [...((ws.model as { merges?: string[] }).merges ?? [])];
  const view = ws.views?.[0];
  return {
    name: ws.name,
    widths,
    heights,
    rows,
    merges,
    print: printOf(ws),
    hideGridLines: view?.showGridLines === false ? true : undefined,
  };
}

/** The sheets of an .xlsx, by name, as SheetSpecs. */
export async function readTemplateWorkbook(file: string): Promise<Map<string, SheetSpec>> {
  const wb = new (excelJs().Workbook)();
  try {
    await wb.xlsx.readFile(file);
  } catch (e) {
    throw inputError("cannotReadTemplates", {
      file,
      why: e instanceof Error ? e.message : String(e),
    });
  }
  const out = new Map<string, SheetSpec>();
  wb.eachSheet((ws) => out.set(ws.name, sheetSpecOf(ws)));
  return out;
}
