/**
 * SheetSpecs into .xlsx. ONE writer makes files: `writeSpecs`, the fast writer
 * (io/xlsx-fast-writer.ts), used through the file adapter (io/file-workbook.ts).
 *
 * `renderSpecs` renders specs into an ExcelJS workbook. It stays for one thing the fast writer
 * cannot do: editing a workbook that holds sheets ar-desk did not make (a register kept in the
 * user's own workbook), where ExcelJS carries the user's sheets over (FileWorkbook's edit path).
 * Text is written as text on both paths: only a FormulaValue becomes a formula.
 */
import type ExcelJS from "exceljs";
import type { CellStyle, PrintSetup, SheetSpec, SpecCell } from "../sheet/spec";
import { writeXlsxFile } from "./io/xlsx-fast-writer";

function isSpecCell(v: unknown): v is SpecCell {
  return typeof v === "object" && v !== null && "value" in v;
}

const CM_PER_INCH = 2.54;
const PAPER = { A4: 9, A3: 8, letter: 1 } as const;

/** ExcelJS page setup of a spec's print setup. */
function pageSetup(print: PrintSetup | undefined): Partial<ExcelJS.PageSetup> {
  if (!print) return {};
  const setup: Partial<ExcelJS.PageSetup> = {
    paperSize: PAPER[print.paper ?? "A4"] as ExcelJS.PaperSize,
    orientation: print.orientation ?? "portrait",
  };
  if (print.fitToWidth) Object.assign(setup, { fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
  if (print.margins) {
    const m = print.margins;
    const inch = (cm: number | undefined, dflt: number) => (cm ?? dflt) / CM_PER_INCH;
    setup.margins = {
      top: inch(m.top, 2),
      bottom: inch(m.bottom, 2),
      left: inch(m.left, 2),
      right: inch(m.right, 2),
      header: inch(m.header, 0.8),
      footer: inch(m.footer, 0.8),
    };
  }
  if (print.area) setup.printArea = print.area;
  if (print.titleRows) setup.printTitlesRow = `${print.titleRows[0]}:${print.titleRows[1]}`;
  if (print.centerHorizontally) setup.horizontalCentered = true;
  return setup;
}

/** ExcelJS style properties of a spec cell. */
export function applyStyle(cell: ExcelJS.Cell, st: CellStyle): void {
  if (st.format) cell.numFmt = st.format;
  if (st.bold || st.italic || st.underline || st.size || st.font || st.color) {
    const font: Partial<ExcelJS.Font> = {};
    if (st.bold) font.bold = true;
    if (st.italic) font.italic = true;
    if (st.underline) font.underline = true;
    if (st.size) font.size = st.size;
    if (st.font) font.name = st.font;
    if (st.color) font.color = { argb: "FF" + st.color };
    cell.font = font;
  }
  if (st.align || st.valign || st.wrap) {
    const alignment: Partial<ExcelJS.Alignment> = {};
    if (st.align) alignment.horizontal = st.align;
    if (st.valign) alignment.vertical = st.valign;
    if (st.wrap) alignment.wrapText = true;
    cell.alignment = alignment;
  }
  if (st.fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF" + st.fill } };
  if (st.border) {
    const border: Partial<ExcelJS.Borders> = {};
    for (const side of ["top", "bottom", "left", "right"] as const) {
      const b = st.border[side];
      if (b) border[side] = { style: b };
    }
    cell.border = border;
  }
}

/**
 * Merges many ranges in linear time. ExcelJS's mergeCells checks each new range against every
 * merge made so far (quadratic: 30 s for the 9,000 merges of 600 stacked letters), so overlaps
 * are checked here with a set of covered cells, and ExcelJS merges each range against an empty
 * index that is then folded back.
 */
export function mergeAll(ws: ExcelJS.Worksheet, ranges: string[]): void {
  const covered = new Set<number>();
  const internal = ws as unknown as { _merges: Record<string, unknown> };
  const all = internal._merges;
  try {
    for (const range of ranges) {
      const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(range);
      if (!m) throw new Error(`not a range: ${range}`);
      const c1 = colNumber(m[1]);
      const c2 = colNumber(m[3]);
      for (let r = Number(m[2]); r <= Number(m[4]); r++)
        for (let c = c1; c <= c2; c++) {
          const key = r * 16384 + c;
          if (covered.has(key)) throw new Error(`merge ${range} overlaps another merge`);
          covered.add(key);
        }
      internal._merges = {};
      ws.mergeCells(range);
      Object.assign(all, internal._merges);
    }
  } finally {
    internal._merges = all;
  }
}

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

/** Adds the specs' sheets to a workbook. */
export function renderSpecs(workbook: ExcelJS.Workbook, specs: SheetSpec[]): void {
  for (const spec of specs) {
    const ws = workbook.addWorksheet(spec.name, {
      views: [
        {
          ...(spec.freeze
            ? { state: "frozen" as const, xSplit: spec.freeze.columns, ySplit: spec.freeze.rows }
            : {}),
          showGridLines: !spec.hideGridLines,
        },
      ],
      pageSetup: pageSetup(spec.print),
      properties: spec.tabColor ? { tabColor: { argb: "FF" + spec.tabColor } } : undefined,
    });
    if (spec.print?.header || spec.print?.footer) {
      ws.headerFooter = {
        oddHeader: spec.print.header,
        oddFooter: spec.print.footer,
      } as ExcelJS.HeaderFooter;
    }
    spec.widths?.forEach((w, c) => {
      if (w) ws.getColumn(c + 1).width = w;
    });
    spec.heights?.forEach((h, r) => {
      if (h) ws.getRow(r + 1).height = h;
    });
    spec.rows.forEach((row, r) => {
      row.forEach((raw, c) => {
        if (raw === null || raw === undefined) return;
        const cell = ws.getCell(r + 1, c + 1);
        if (!isSpecCell(raw)) {
          cell.value = raw;
          return;
        }
        const v = raw.value;
        if (v === null) {
          // A styled blank.
        } else if (typeof v === "object" && "date" in v) {
          cell.value = v.date;
        } else if (typeof v === "object" && "formula" in v) {
          cell.value = {
            formula: v.formula.replace(/^=/, ""),
            result: v.result ?? undefined,
          } as ExcelJS.CellFormulaValue;
        } else {
          cell.value = v;
        }
        applyStyle(cell, raw);
      });
    });
    mergeAll(ws, spec.merges ?? []);
    if (spec.autoFilter) ws.autoFilter = spec.autoFilter;
    for (const after of spec.print?.breaksAfter ?? []) ws.getRow(after).addPageBreak();
    addValidations(ws, spec.validations ?? []);
  }
}

/** Drop-down lists and date rules of a spec (ExcelJS `dataValidations`). */
function addValidations(ws: ExcelJS.Worksheet, rules: NonNullable<SheetSpec["validations"]>): void {
  const dv = (
    ws as unknown as { dataValidations: { add(a: string, v: ExcelJS.DataValidation): void } }
  ).dataValidations;
  for (const rule of rules) {
    if (rule.list?.length)
      dv.add(rule.range, {
        type: "list",
        allowBlank: true,
        // A list formula is one quoted, comma-separated string; commas and quotes in an entry
        // would split or end it, so they are left out.
        formulae: [`"${rule.list.map((x) => x.replace(/[",]/g, " ")).join(",")}"`],
        showErrorMessage: true,
      });
    else if (rule.date)
      dv.add(rule.range, {
        type: "date",
        operator: "greaterThan",
        allowBlank: true,
        formulae: [new Date(Date.UTC(1900, 0, 1))],
        showErrorMessage: true,
      });
  }
}

/**
 * Writes specs to a new .xlsx file through the fast writer (io/xlsx-fast-writer.ts): the same
 * file renderSpecs + ExcelJS would make, in a fraction of the time and memory. Overlapping
 * merges still throw, as mergeAll does.
 */
export async function writeSpecs(path: string, specs: SheetSpec[]): Promise<void> {
  await writeXlsxFile(path, specs);
}
