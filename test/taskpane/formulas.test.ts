// The "AR formulas" sheet's outstanding column: a live formula only when it gives the engine's
// outstanding on every row, else the engine's values; its paid-in-full column (issue 13: the
// AR.* columns over it must give the pane's figures).
import type { CellValue } from "../../src/sheet/grid";
import { DEFAULT_POLICY } from "../../src/core/policy";
import { LocalEngine } from "../../src/taskpane/engine/engine";
import type { SourceInput } from "../../src/taskpane/engine/source";
import { AS_OF, CUSTOMERS, INVOICES, REQUEST, d, fixtureEngine } from "./fixtures";

const HEAD = ["Invoice", "Customer", "Invoice date", "Due date", "Amount", "Paid"];
const COLUMNS = { ref: 0, customer: 1, invoiceDate: 2, dueDate: 3, amount: 4, paid: 5 };

async function outstandingColumn(rows: CellValue[][], columns: Record<string, number> = COLUMNS) {
  const engine = new LocalEngine();
  await engine.load("AR", rows);
  const sources: SourceInput[] = [
    { sheet: "AR", kind: "invoices", mapping: { headerRow: 1, columns } },
  ];
  engine.analyzeNow({ sources, asOf: AS_OF, policy: DEFAULT_POLICY });
  const sheet = await engine.formulas("en-US", { asOfToday: false });
  const valueAt = (row: (typeof sheet.spec.rows)[number], c: number) => {
    const cell = row[c];
    return cell !== null && typeof cell === "object" ? cell.value : (cell ?? null);
  };
  const values = sheet.spec.rows.slice(1).map((row) => valueAt(row, 4));
  const settled = sheet.spec.rows.slice(1).map((row) => valueAt(row, 10));
  return { formula: sheet.columns[4].formula, values, settled };
}

describe("the formulas sheet's outstanding column", () => {
  const clean: CellValue[][] = [
    HEAD,
    ["I1", "C1", d("2026-05-01"), d("2026-05-31"), 1000, 400],
    ["I2", "C1", d("2026-06-01"), d("2026-07-01"), 500, null],
    ["I3", "C2", d("2026-04-01"), d("2026-05-01"), 300, 300],
  ];

  test("a clean sheet of amounts and paid amounts: live, amount − paid", async () => {
    const got = await outstandingColumn(clean);
    expect(got.formula).toBe("='AR'!$E$2:$E$4-'AR'!$F$2:$F$4");
    // One spilled formula on the first data row, nothing written below it.
    expect(got.values.slice(1)).toEqual([null, null]);
  });

  test("an item invoiced after the as-of date: the engine's values (not yet owed)", async () => {
    const rows = [...clean, ["I4", "C2", d("2026-07-10"), d("2026-08-09"), 700, null]];
    const got = await outstandingColumn(rows);
    expect(got.formula).toBeNull();
    expect(got.values).toEqual([600, 500, 0, 0]);
  });

  test("a settled date without a paid amount: the engine's values (settled, 0)", async () => {
    const rows = clean.map((r, k) => [
      ...r,
      k === 0 ? "Settled" : k === 2 ? d("2026-06-20") : null,
    ]);
    const got = await outstandingColumn(rows, { ...COLUMNS, settledDate: 6 });
    expect(got.formula).toBeNull();
    expect(got.values).toEqual([600, 0, 0]);
    // Column K, paid in full: the settled date; a paid amount without a date gives none.
    expect(got.settled).toEqual([null, { date: d("2026-06-20") }, null]);
  });

  test("a refunded credit note: the engine's values (the refund settles it)", async () => {
    const rows = [...clean, ["CN1", "C2", d("2026-06-02"), d("2026-06-02"), -200, 200]];
    const got = await outstandingColumn(rows);
    expect(got.formula).toBeNull();
    expect(got.values).toEqual([600, 500, 0, 0]);
  });

  test("a subtotal row and a rejected row (the pane's fixture): the engine's values", async () => {
    const engine = await fixtureEngine();
    engine.analyzeNow(REQUEST);
    const sheet = await engine.formulas("en-US", { asOfToday: false });
    expect(sheet.columns[4].formula).toBeNull();
    // A1–A4 on rows 3–6; the subtotal (row 7) and "abc" (row 8) are no items: nothing there.
    expect(sheet.spec.rows.slice(2).map((row) => row[4] ?? null)).toEqual([
      expect.objectContaining({ value: 1000 }),
      expect.objectContaining({ value: 500 }),
      expect.objectContaining({ value: 800 }),
      expect.objectContaining({ value: 0 }),
      null,
      null,
    ]);
    expect(INVOICES[6][0]).toBe("合计");
  });
});

describe("the formulas sheet's customer column, which the headroom's XLOOKUP looks up", () => {
  const rows = (who: string): CellValue[][] => [
    HEAD,
    ["I1", "C1", d("2026-05-01"), d("2026-05-31"), 1000, 400],
    ["I2", who, d("2026-06-01"), d("2026-07-01"), 500, null],
    ["I3", "C2", d("2026-04-01"), d("2026-05-01"), 300, 300],
  ];
  async function sheetOf(invoices: CellValue[][]) {
    const engine = new LocalEngine();
    await engine.load("AR", invoices);
    await engine.load("客户档案", CUSTOMERS);
    const sources: SourceInput[] = [
      { sheet: "AR", kind: "invoices", mapping: { headerRow: 1, columns: COLUMNS } },
      {
        sheet: "客户档案",
        kind: "customers",
        mapping: { headerRow: 1, columns: { code: 0, name: 1, creditLimit: 2 } },
      },
    ];
    engine.analyzeNow({ sources, asOf: AS_OF, policy: DEFAULT_POLICY });
    return engine.formulas("en-US", { asOfToday: false });
  }

  test("codes as the customers sheet writes them: a live reference", async () => {
    const sheet = await sheetOf(rows("c1"));
    expect(sheet.columns[1].formula).toBe("='AR'!$B$2:$B$4");
    expect(sheet.columns.find((c) => c.column === "J")?.formula).toContain("XLOOKUP($B$2:$B$4,");
  });

  test("a code padded with spaces, which XLOOKUP would miss: the customers sheet's codes", async () => {
    const sheet = await sheetOf(rows("C1   "));
    expect(sheet.columns[1].formula).toBeNull();
    expect(sheet.spec.rows.slice(1).map((row) => row[1])).toEqual(["C1", "C1", "C2"]);
  });

  test("a customer's name for its code: the customers sheet's codes", async () => {
    const sheet = await sheetOf(rows("甲公司"));
    expect(sheet.columns[1].formula).toBeNull();
    expect(sheet.spec.rows.slice(1).map((row) => row[1])).toEqual(["C1", "C1", "C2"]);
  });
});
