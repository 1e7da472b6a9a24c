/**
 * The demo's functions sheet: every =AR.* formula on it, evaluated by the custom functions
 * themselves on the row's own cells, gives the result cached beside it (the engine's), and the
 * demo's report.xlsx carries the sheet.
 */
import ExcelJS from "exceljs";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadInputs } from "../../src/cli/shared";
import { analyze } from "../../src/core/analyze";
import { serialFromIso } from "../../src/core/dates";
import { DEFAULT_POLICY } from "../../src/core/policy";
import * as AR from "../../src/functions/impl";
import { functionsSheetSpec } from "../../src/sheet/functions-sheet";
import { importGrids } from "../../src/sheet/import";
import { specValues } from "../../src/sheet/memory-workbook";
import type { SpecCell } from "../../src/sheet/spec";
import { run } from "../support/cli";

const SAMPLE = path.resolve(__dirname, "../../assets/sample.xlsx");

describe("the functions sheet of the demo", () => {
  const imported = importGrids(loadInputs([SAMPLE], {}));
  const analysis = analyze(imported.ledger, serialFromIso("2026-06-30")!, DEFAULT_POLICY);
  const spec = functionsSheetSpec(analysis, "en-US");
  const values = specValues(spec);
  const cell = (ref: string): unknown => {
    const m = /^\$?([A-Z])\$?(\d+)$/.exec(ref)!;
    return values[Number(m[2]) - 1][m[1].charCodeAt(0) - 65];
  };
  const impl: Record<string, (...args: unknown[][][]) => unknown> = {
    DAYSOVERDUE: AR.daysOverdue as never,
    AGING: AR.aging as never,
    OVERDUE: AR.overdue as never,
    LEVEL: AR.level as never,
    ACTBY: AR.actBy as never,
  };

  it("has a row per open item, and each formula evaluates to its cached result", () => {
    const rows = spec.rows.slice(4);
    expect(rows.length).toBe(87);
    let checked = 0;
    for (const row of rows) {
      for (const raw of row.slice(5)) {
        const v = (raw as SpecCell).value as { formula: string; result: unknown };
        const m = /^_xldudf_AR_([A-Z]+)\((.*)\)$/.exec(v.formula)!;
        expect(m).not.toBeNull();
        const args = m[2]
          .split(",")
          .map((a) => [[/^\$?[A-Z]\$?\d+$/.test(a) ? cell(a) : Number(a)]]);
        const got = (impl[m[1]](...args) as unknown[][])[0][0];
        expect(got).toEqual(v.result);
        checked++;
      }
    }
    expect(checked).toBe(87 * 5);
  });

  it("is in the demo's report.xlsx", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ar-desk-demo-fn-"));
    try {
      const res = await run("demo", "--out", dir, "--lang", "en-US");
      expect(res.status).toBe(0);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path.join(dir, "report.xlsx"));
      const ws = wb.getWorksheet("AR functions")!;
      expect(ws.getCell("G5").value).toMatchObject({ formula: "_xldudf_AR_AGING(C5,$B$2)" });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
