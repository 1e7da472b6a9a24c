/**
 * Sheet-scoped names (SheetSpec.names): written by the .xlsx writer as defined names local to
 * their sheet, and by the Office.js adapter as worksheet names, so `=AR.AGING(C5,AR_ASOF)` reads
 * the sheet's own as-of cell.
 */
import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { writeSpecs } from "../src/cli/xlsx-writer";
import { FakeExcel } from "./support/fake-excel";
import { OfficeWorkbook } from "../src/excel/office-workbook";
import type { SheetSpec } from "../src/sheet/spec";
import { libreOffice, recalculate } from "./support/libreoffice";

const SPEC: SheetSpec = {
  name: "AR formulas",
  rows: [
    [{ value: { date: 46203 }, format: "yyyy-mm-dd" }, null, 46000],
    [null, null, { value: { formula: "AR_ASOF-C1" }, format: "0" }],
  ],
  names: [{ name: "AR_ASOF", ref: "$A$1" }],
};

describe("sheet-scoped names", () => {
  it("the Office.js adapter adds them to the written sheet", async () => {
    const fake = new FakeExcel();
    await new OfficeWorkbook(fake.run).writeSheets([SPEC]);
    expect([...fake.find("AR formulas")!.names]).toEqual([["AR_ASOF", "A1"]]);
  });

  it("the .xlsx writer defines them local to their sheet", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ar-desk-names-"));
    try {
      const file = path.join(dir, "names.xlsx");
      await writeSpecs(file, [{ name: "Other", rows: [["x"]] }, SPEC]);
      const xml = strFromU8(unzipSync(fs.readFileSync(file))["xl/workbook.xml"]);
      expect(xml).toContain(
        `<definedName name="AR_ASOF" localSheetId="1">'AR formulas'!$A$1</definedName>`,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  (libreOffice ? it : it.skip)("LibreOffice computes with the sheet-scoped name", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ar-desk-names-lo-"));
    try {
      const file = path.join(dir, "names.xlsx");
      await writeSpecs(file, [{ name: "Other", rows: [["x"]] }, SPEC]);
      const back = new ExcelJS.Workbook();
      await back.xlsx.readFile(recalculate(file, path.join(dir, "recalc")));
      expect(
        (back.getWorksheet("AR formulas")!.getCell("C2").value as ExcelJS.CellFormulaValue).result,
      ).toBe(203);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
