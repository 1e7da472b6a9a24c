/**
 * Renders SheetSpecs into an .xlsx with ExcelJS (the file adapter of the workbook port).
 * Text is written as text: only a FormulaValue becomes a formula.
 */
import ExcelJS from "exceljs";
import type { SheetSpec, SpecCell } from "../sheet/spec";

function isSpecCell(v: unknown): v is SpecCell {
  return typeof v === "object" && v !== null && "value" in v;
}

/** Adds the specs' sheets to a workbook. */
export function renderSpecs(workbook: ExcelJS.Workbook, specs: SheetSpec[]): void {
  for (const spec of specs) {
    const ws = workbook.addWorksheet(spec.name, {
      views: spec.freeze
        ? [{ state: "frozen", xSplit: spec.freeze.columns, ySplit: spec.freeze.rows }]
        : undefined,
      pageSetup: spec.landscape
        ? { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 }
        : undefined,
    });
    spec.widths?.forEach((w, c) => {
      ws.getColumn(c + 1).width = w;
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
        if (raw.format) cell.numFmt = raw.format;
        if (raw.bold) cell.font = { bold: true };
        if (raw.align) cell.alignment = { horizontal: raw.align };
        if (raw.fill)
          cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF" + raw.fill } };
      });
    });
    for (const range of spec.merges ?? []) ws.mergeCells(range);
  }
}

/** Writes specs to a new .xlsx file. */
export async function writeSpecs(path: string, specs: SheetSpec[]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "ar-desk";
  renderSpecs(workbook, specs);
  await workbook.xlsx.writeFile(path);
}
