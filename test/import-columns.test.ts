/**
 * The import reads a sheet held as columns (`Grid.cells`, the CLI's .xlsx reader) field by field
 * where it can; whatever the path, the result must be the one the row grid gives: the same
 * ledger, the same problems in the same order, the same counts.
 */
import { readFileSync } from "node:fs";
import { COL, HEADERS, generateRows, makeCustomers } from "../bench/data";
import { ColumnStore } from "../src/io/columns";
import { openXlsx } from "../src/io/xlsx";
import type { CellValue, Grid } from "../src/sheet/grid";
import { importGrids, KeyIndex, type GridInput } from "../src/sheet/import";

/** The grid held as columns, its text as shared strings (every `shareEvery`-th put inline). */
function asColumns(grid: Grid, shareEvery = 0): Grid {
  const store = new ColumnStore();
  const strings: string[] = [];
  const index = new Map<string, number>();
  store.setStrings(strings);
  let n = 0;
  grid.rows.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v === null) return;
      if (typeof v === "number") store.putNumber(r, c, v);
      else if (typeof v === "string" && (shareEvery === 0 || ++n % shareEvery !== 0)) {
        let i = index.get(v);
        if (i === undefined) {
          i = strings.push(v) - 1;
          index.set(v, i);
        }
        store.putShared(r, c, i);
      } else store.put(r, c, v);
    }),
  );
  // A trailing empty row of the grid is a row of the store too.
  if (grid.rows.length > store.rowCount) store.put(grid.rows.length - 1, 0, "");
  let rows: CellValue[][] | null = null;
  const out: Grid = {
    sheet: grid.sheet,
    file: grid.file,
    get rows(): CellValue[][] {
      return (rows ??= store.toRows());
    },
    ...(grid.problems ? { problems: grid.problems } : {}),
  };
  Object.defineProperty(out, "cells", { value: store, enumerable: false });
  return out;
}

function expectSameImport(inputs: GridInput[], columnar: GridInput[]): void {
  const a = importGrids(inputs, { reference: true });
  const b = importGrids(columnar);
  expect(b.rows).toEqual(a.rows);
  expect(b.sheets).toEqual(a.sheets);
  expect(b.problems).toEqual(a.problems);
  expect(b.ledger).toEqual(a.ledger);
  expect(b.lastReview).toEqual(a.lastReview);
}

function benchGrid(rows: number, seed: number): Grid {
  const customers = makeCustomers(rows, seed);
  const out: CellValue[][] = [[...HEADERS]];
  for (const row of generateRows(rows, customers, seed)) out.push(row.cells);
  return { file: "bench.xlsx", sheet: "应收明细", rows: out };
}

describe("import from columns = import from rows", () => {
  test.each([
    [1, 0],
    [7, 3],
  ])("generated sheet, seed %i (every %i-th text inline)", (seed, shareEvery) => {
    const grid = benchGrid(4000, seed);
    expectSameImport([{ grid }], [{ grid: asColumns(grid, shareEvery) }]);
  });

  test("the signals: statuses, duplicates, blank due dates, terms, disputes, master, payments", () => {
    const header = [
      "发票号",
      "客户编码",
      "客户名称",
      "业务员",
      "发票日期",
      "付款条件",
      "到期日",
      "币种",
      "金额",
      "已收金额",
      "状态",
      "争议",
      "承诺付款日",
      "合同号",
      "备注",
    ];
    const rows: CellValue[][] = [
      header,
      ["INV-1", "C1", "甲公司", "张三", 45600, "月结30天", 45660, "人民币", 100, null],
      ["INV-2", "C1", "甲公司", "张三", 45600, "月结30天", 45660, "人民币", 100, 100, "已付"],
      ["INV-3", "C2", "乙公司", "李四", 45600, "Net 60", null, "美元", 50.5, null],
      ["INV-4", "C2 ", "乙公司", "李四", 45600, null, null, "美元", 50.5],
      ["INV-5", "c2", "乙公司", "李四", 45610, null, 45600, "USD", 70],
      ["INV-1", "C1", "甲公司", "张三", 45600, "月结30天", 45660, "人民币", 100, null],
      ["inv-1", "C3", "丙公司", "王五", 45600, "月结30天", 45660, "人民币", 90],
      ["INV-6", "C3", "丙公司", "王五", 45600, "月结30天", 45660, "人民币", "¥1,200.00"],
      ["INV-7", "C3", "丙公司", "王五", 45600, "月结30天", 45660, "人民币", { error: "#N/A" }],
      ["INV-8", "C3", "丙公司", "王五", 45600, "bad terms", 45660, "人民币", 10],
      ["INV-9", "C4", "丁公司", "王五", 45600, "月结30天", 45660, "XXX", 10],
      ["INV-10", "C4", "丁公司", null, 45600, "月结30天", 45660, "人民币", 10, null, "作废"],
      ["INV-11", "C4", "丁公司", null, 45600, 30, 45660, "人民币", 10, null, "未付", "是"],
      ["INV-12", "C4", "丁公司", null, 45600, 30, 45660, "人民币", 10, null, "什么", "否"],
      ["INV-13", "C4", "丁公司", null, 45600, 30, 45660, "人民币", 10, null, null, "maybe"],
      ["INV-14", "C5", "戊公司", null, 45600, 30, 45660, "人民币", -10, null, null, null, 45700],
      ["INV-15", "C5", "戊公司", null, 45600, 30, 45660, "人民币", 10, 4, null, null, "soon"],
      [
        "INV-16",
        "C5",
        "戊公司",
        null,
        "2025/1/3",
        30,
        45660,
        "人民币",
        10,
        null,
        null,
        null,
        null,
        "HT-1",
        "备注",
      ],
      [null, "C6", "己公司", null, 45600, 30, 45660, "人民币", 10],
      ["INV-17", null, null, null, 45600, 30, 45660, "人民币", 10],
      ["INV-18", "C6", "己公司", null, null, 30, null, "人民币", 10],
      ["INV-19", "C6", "己公司", null, 45600, 30, 45660, null, 10],
      ["INV-20", 611365, "庚公司", 7, 45600.75, 30, 45660, "人民币", 10, 10.004, null, true],
      ["INV-21", "C7", "ACME Ltd", null, 45600, 30, 45660, "人民币", 1e300],
      ["INV-22", "C7", "Acme  Ltd", null, 45600, 30, 45660, "人民币", 10],
      [12345, "C7", "Acme  Ltd", null, 45600, 30, 45660, "人民币", 10],
      ["小计", null, null, null, null, null, null, null, 500],
      ["合计：", "C1", null, null, null, null, null, null, 500],
      ["制表人：张三   审核人：李四"],
      ["注：单位元"],
      [],
      [null, null],
      ["  ", "C8", "辛公司", null, 45600, 30, 45660, "人民币", 10],
      [true, "C8", "辛公司", null, 45600, 30, 45660, "人民币", 10],
      ["INV-23", "C8", "辛公司", null, 45600, 30, 45660, "人民币", 10, "", "  "],
    ];
    const grid: Grid = { file: "book.xlsx", sheet: "发票", rows };
    const second: Grid = {
      file: "book.xlsx",
      sheet: "发票2",
      rows: [
        header,
        ["INV-2", "C1", "甲公司", "张三", 45600, "月结30天", 45660, "人民币", 100],
        ["INV-30", "C9", "壬公司", "张三", 45600, "月结30天", 45660, "人民币", 100],
      ],
    };
    const master: Grid = {
      file: "customers.xlsx",
      sheet: "客户",
      rows: [
        ["客户编码", "客户名称", "信用额度", "付款条件"],
        ["C1", "甲公司", 1000, "月结30天"],
        ["C2", "乙公司", 500, "Net 60"],
      ],
    };
    const payments: Grid = {
      file: "payments.xlsx",
      sheet: "收款",
      rows: [
        ["收款单号", "发票号", "客户编码", "收款日期", "收款金额"],
        ["P1", "INV-1", "C1", 45620, 40],
        ["P2", "INV-10", null, 45620, 5],
        ["P3", "INV-7", null, 45620, 5],
        ["P4", "INV-99", "C3", 45620, 5],
      ],
    };
    const inputs = (g: (x: Grid) => Grid): GridInput[] => [
      { grid: g(grid) },
      { grid: g(second) },
      { grid: g(master), kind: "customers" },
      { grid: g(payments), kind: "payments" },
    ];
    expectSameImport(
      inputs((x) => x),
      inputs((x) => asColumns(x)),
    );
    expectSameImport(
      inputs((x) => x),
      inputs((x) => asColumns(x, 2)),
    );
    // Without a due date column: the terms decide.
    const noDue = {
      ...grid,
      rows: rows.map((r) => r.filter((_, c) => c !== 6)),
    };
    expectSameImport([{ grid: noDue }], [{ grid: asColumns(noDue) }]);
    // The same ledger whichever column holds the first cell.
    const swapped = { ...grid, rows: rows.map((r) => [null, ...r]) };
    expectSameImport([{ grid: swapped }], [{ grid: asColumns(swapped) }]);
  });

  test("the sample workbook, read by the .xlsx reader as rows and as columns", () => {
    const book = openXlsx(readFileSync("assets/sample.xlsx"));
    for (const sheet of book.sheetNames) {
      const rows = book.readSheet(sheet);
      const { cells } = book.readSheetCells(sheet);
      const a: Grid = { file: "sample.xlsx", sheet, rows };
      const b: Grid = { file: "sample.xlsx", sheet, rows: cells.toRows() };
      Object.defineProperty(b, "cells", { value: cells, enumerable: false });
      expectSameImport([{ grid: a }], [{ grid: b }]);
    }
  });

  test("dates in the 1904 system", () => {
    const grid = benchGrid(500, 3);
    expectSameImport([{ grid, date1904: true }], [{ grid: asColumns(grid), date1904: true }]);
  });

  test("bench column order is what the test assumes", () => {
    expect(HEADERS[COL.amount]).toBe("价税合计");
  });
});

test("KeyIndex answers as a Map", () => {
  const index = new KeyIndex();
  const map = new Map<string, number>();
  let seed = 5;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const keys = ["", "A", "a", "INV-1", "\u0000", "发票1", "😀"];
  for (let k = 0; k < 5000; k++) keys.push(`K${Math.floor(rnd() * 3000)}`);
  for (let k = 0; k < 20000; k++) {
    const key = keys[Math.floor(rnd() * keys.length)];
    if (rnd() < 0.4) {
      index.set(key, k);
      map.set(key, k);
    } else {
      expect(index.get(key)).toBe(map.get(key));
      expect(index.has(key)).toBe(map.has(key));
    }
  }
  expect(index.size).toBe(map.size);
  for (const [key, v] of map) expect(index.get(key)).toBe(v);
});
