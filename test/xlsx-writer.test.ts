/**
 * The ExcelJS writer and the template reader against real .xlsx files: what a spec asks for
 * (styles, merges, heights, print setup, page breaks, filters) is in the file, and reading the
 * file back gives the spec again.
 */
import ExcelJS from "exceljs";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { sheetSpecOf } from "../src/cli/io/template-reader";
import { mergeAll, writeSpecs } from "../src/cli/xlsx-writer";
import type { SheetSpec } from "../src/sheet/spec";

const SPEC: SheetSpec = {
  name: "Letter",
  widths: [12, 20, 14],
  heights: [30, undefined, 113],
  rows: [
    [
      {
        value: "Title {{x}}",
        bold: true,
        size: 16,
        align: "center",
        valign: "middle",
        font: "Arial",
        color: "C00000",
      },
    ],
    ["plain", 12.5, { value: { date: 46203 }, format: "yyyy-mm-dd" }],
    [
      {
        value: "=not a formula",
        wrap: true,
        border: { top: "thin", bottom: "double" },
        fill: "F2F2F2",
      },
      { value: { formula: "B2*2" } },
    ],
  ],
  merges: ["A1:C1"],
  hideGridLines: true,
  autoFilter: "A2:C3",
  print: {
    orientation: "portrait",
    paper: "A4",
    fitToWidth: true,
    margins: { top: 2, bottom: 2, left: 2, right: 2, header: 0.8, footer: 0.8 },
    area: "A1:C3",
    titleRows: [2, 2],
    breaksAfter: [2],
    footer: "&LACME&RPage &P of &N",
  },
};

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "ar-desk-writer-"))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("xlsx writer and template reader", () => {
  it("writes what the spec says and reads it back", async () => {
    const file = path.join(dir, "letter.xlsx");
    await writeSpecs(file, [SPEC]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet("Letter")!;
    expect(ws.getCell("A3").value).toBe("=not a formula");
    expect(ws.getCell("B3").value).toMatchObject({ formula: "B2*2" });
    expect(ws.pageSetup).toMatchObject({
      paperSize: 9,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printArea: "A1:C3",
    });
    expect(ws.pageSetup.margins?.top).toBeCloseTo(2 / 2.54, 5);
    expect(ws.headerFooter.oddFooter).toBe("&LACME&RPage &P of &N");
    expect(ws.autoFilter).toBe("A2:C3");
    expect(ws.getRow(3).height).toBe(113);

    const back = sheetSpecOf(ws);
    expect(back.merges).toEqual(["A1:C1"]);
    expect(back.widths).toEqual([12, 20, 14]);
    expect(back.hideGridLines).toBe(true);
    expect(back.print).toMatchObject({
      paper: "A4",
      fitToWidth: true,
      area: "A1:C3",
      titleRows: [2, 2],
      footer: "&LACME&RPage &P of &N",
    });
    expect(back.print?.margins?.left).toBeCloseTo(2, 5);
    expect(back.rows[0][0]).toMatchObject({
      value: "Title {{x}}",
      bold: true,
      size: 16,
      align: "center",
      valign: "middle",
      font: "Arial",
      color: "C00000",
    });
    expect(back.rows[1][2]).toMatchObject({ value: { date: 46203 }, format: "yyyy-mm-dd" });
    expect(back.rows[2][0]).toMatchObject({
      value: "=not a formula",
      wrap: true,
      fill: "F2F2F2",
      border: { top: "thin", bottom: "double" },
    });
    expect(back.rows[2][1]).toMatchObject({ value: { formula: "B2*2" } });
  });

  it("merges thousands of ranges quickly and refuses overlapping ones", () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("m");
    const ranges = Array.from({ length: 5000 }, (_, k) => `A${k * 2 + 1}:H${k * 2 + 1}`);
    mergeAll(ws, ranges);
    expect((ws.model as { merges: string[] }).merges).toHaveLength(5000);
    expect(ws.getCell("C9").isMerged).toBe(true);
    expect(() => mergeAll(ws, ["B2:C2", "C2:D3"])).toThrow(/overlaps/);
  });
});
