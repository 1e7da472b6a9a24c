/**
 * The import reads a sheet held as columns (`Grid.cells`, the CLI's .xlsx reader) field by field
 * where it can; whatever the path, the result must be the one the row grid gives: the same
 * ledger, the same problems in the same order, the same counts.
 */
import { readFileSync } from "node:fs";
import { parseCsv } from "../src/io/csv";
import { COL, HEADERS, generateRows, makeCustomers, rng } from "../bench/data";
import { ColumnStore } from "../src/io/columns";
import { openXlsx } from "../src/io/xlsx";
import type { CellValue, Grid } from "../src/sheet/grid";
import { LedgerBuilder, type ItemInput } from "../src/core/ledger";
import { importGrids, KeyIndex, keyHash, type GridInput } from "../src/sheet/import";
import { dataPath, describeWithData } from "./realdata/data";

/** A Chinese ERP export's header: every column the import knows but the settled date. */
const ZH_HEADER: readonly CellValue[] = [
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
    const header = [...ZH_HEADER];
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

  test("duplicate, out-of-order and interleaved invoice numbers, with payments naming them", () => {
    const grid = benchGrid(3000, 11);
    const rows = grid.rows.map((row) => [...row]);
    // Copies of earlier rows: the same row twice (skipped), and the number again on another row
    // (a warning); a number out of order, one far below every other, and one in a new series.
    rows.splice(40, 0, [...rows[39]]);
    rows.splice(900, 0, [...rows[100]]);
    rows[901][COL.amount] = 12.5;
    rows[1500][COL.ref] = "XS00000002";
    rows[1501][COL.ref] = "AA00000001";
    rows[1502][COL.ref] = "ZZ00000001";
    rows[1503][COL.ref] = " xs00000050 ";
    rows.push([...rows[2000]]);
    const invoices: Grid = { ...grid, rows };
    const refs = rows.slice(1).map((row) => row[COL.ref]);
    const payments: Grid = {
      file: "payments.xlsx",
      sheet: "收款",
      rows: [
        ["收款单号", "发票号", "收款日期", "收款金额"],
        ...refs.filter((_, k) => k % 7 === 0).map((ref, k) => [`P${k}`, ref, 45600, 10]),
        ["P-x", "XS99999999", 45600, 10],
        ["P-y", "AA00000001", 45600, 10],
      ],
    };
    const inputs = (g: (x: Grid) => Grid): GridInput[] => [
      { grid: g(invoices) },
      { grid: g(payments), kind: "payments" },
    ];
    expectSameImport(
      inputs((x) => x),
      inputs((x) => asColumns(x)),
    );
    const result = importGrids(inputs((x) => asColumns(x)));
    const codes = result.problems.map((p) => p.code);
    expect(codes).toContain("row.duplicate");
    expect(codes).toContain("invoice.duplicate");
    expect(codes).toContain("payment.unknownInvoice");
  });

  test("many customers, and a second invoice sheet of the same numbers", () => {
    const grid = benchGrid(6000, 5);
    // Every row its own customer (a code and a name each), then a sheet of the same numbers.
    const rows = grid.rows.map((row, r) =>
      r === 0 ? row : [...row.slice(0, 1), `K${r}`, `客户${r}`, ...row.slice(3)],
    );
    const many: Grid = { ...grid, rows };
    const more: Grid = { ...grid, sheet: "应收明细2", rows: grid.rows.slice(0, 2500) };
    expectSameImport(
      [{ grid: many }, { grid: more }],
      [{ grid: asColumns(many) }, { grid: asColumns(more, 5) }],
    );
    expect(importGrids([{ grid: asColumns(many) }]).ledger.customers.length).toBeGreaterThan(5000);
  });

  test("due dates mostly filled or not, with blank texts and text dates in the column", () => {
    // Whether a blank due date is noted depends on how full the column is: around half, with
    // empty cells, blank texts and texts (dates written out, day/month order to infer) in it.
    const header = ["发票号", "客户编码", "发票日期", "到期日", "金额", "付款条件"];
    const dueOf = (k: number, blankEvery: number): CellValue =>
      k % blankEvery === 0
        ? k % 2 === 0
          ? null
          : "  "
        : k % 7 === 0
          ? `${(k % 12) + 1}/${(k % 28) + 13}/2025`
          : 45700 + k;
    for (const blankEvery of [2, 3]) {
      for (const extra of [0, 1, -1]) {
        const rows: CellValue[][] = [header];
        const n = 40 + extra;
        for (let k = 1; k <= n; k++)
          rows.push([`INV-${k}`, `C${k % 4}`, 45600 + k, dueOf(k, blankEvery), 10 + k, 30]);
        // Blank rows after the last: blank texts in the due date column, holes, nothing.
        rows.push([null, null, null, "  "], new Array<CellValue>(6), []);
        const grid: Grid = { file: "due.xlsx", sheet: "发票", rows };
        // The rows read in place, and as columns.
        expectSameImport([{ grid }], [{ grid }]);
        expectSameImport([{ grid }], [{ grid: asColumns(grid) }]);
        expectSameImport([{ grid }], [{ grid: asColumns(grid, 2) }]);
      }
    }
  });

  test("bench column order is what the test assumes", () => {
    expect(HEADERS[COL.amount]).toBe("价税合计");
  });
});

/**
 * A grid given as rows (Office.js `range.values`, a test's arrays) is read by the fast path in
 * place, cell by cell from the row arrays: it must give what the general path gives, and what
 * the same cells held as columns give, whatever the rows hold.
 */
describe("import from rows read in place = import read the general way", () => {
  /** The same text as a new string each time, as a reader makes one per cell. */
  const fresh = (s: string): string => [...s].join("");

  /**
   * The rows read in place, and the same cells held as columns, against the general path. A
   * column store holds what a reader gives (no undefined, no Date): those are the rows' own.
   */
  function expectSameThree(inputs: GridInput[]): void {
    expectSameImport(inputs, inputs);
    const plain = (v: unknown): CellValue =>
      v === undefined || v instanceof Date ? null : (v as CellValue);
    const cellValues = inputs.map((i) => ({
      ...i,
      grid: { ...i.grid, rows: Array.from(i.grid.rows, (row) => Array.from(row ?? [], plain)) },
    }));
    expectSameImport(
      cellValues,
      cellValues.map((i) => ({ ...i, grid: asColumns(i.grid) })),
    );
  }

  const HEADER_SETS: CellValue[][] = [
    [...ZH_HEADER, "结清日期"],
    ["客户名称", "发票号", "发票日期", "金额", "余额", "到期日"],
    ["发票号", "客户", "日期", "未收金额", "币种"],
    [null, "单据编号", "客户编码", "业务日期", "价税合计", "已收金额", "付款条件"],
  ];

  /** Awkward cells: every kind of value a reader may hand over, text of every shape. */
  const AWKWARD: unknown[] = [
    null,
    undefined,
    "",
    "   ",
    "\u00a0",
    0,
    -0,
    1,
    -1,
    0.5,
    12.345,
    1e300,
    -1e300,
    NaN,
    Infinity,
    -Infinity,
    45600,
    45600.75,
    -45600,
    3e7,
    true,
    false,
    { error: "#N/A" },
    { error: "#VALUE!" },
    new Date(Date.UTC(2025, 0, 5)),
    "12.50",
    "1,234.50",
    "¥1,234.50",
    "1,234.50元",
    "$12",
    "(5.00)",
    "-",
    "2025-01-05",
    "2025/1/6",
    "5/3/2025",
    "13/3/2025",
    "2025年3月5日",
    "20250305",
    "45600",
    "Net 30",
    "月结60天",
    "30天",
    "bad terms",
    "是",
    "否",
    "yes",
    "已付",
    "作废",
    "未付",
    "什么",
    "人民币",
    "美元",
    "USD",
    "XXX",
    "小计",
    "合计：",
    " 合计",
    "Total",
    "制表人：张三",
    "审核人",
    "注：单位元",
    "C1",
    "C1 ",
    " c1",
    "ｃ１",
    "INV-1",
    "inv-1",
    "甲公司",
  ];

  function randomGrid(seed: number, rows: number): Grid {
    const rnd = rng(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
    const header = HEADER_SETS[seed % HEADER_SETS.length];
    const customers = ["C1", "C2", "C3", "甲公司", "C4"];
    const out: CellValue[][] = [header];
    for (let r = 0; r < rows; r++) {
      const u = rnd();
      if (u < 0.03) {
        // A missing row, an empty one, a row of holes, a note, a subtotal, a footer.
        const kind = Math.floor(rnd() * 6);
        if (kind === 0) out.length++;
        else if (kind === 1) out.push([]);
        else if (kind === 2) out.push(new Array(header.length));
        else if (kind === 3) out.push(["注：本表由ERP导出"]);
        else if (kind === 4) out.push(["小计", null, null, null, 500]);
        else out.push(["制表人：张三   审核人：李四"]);
        continue;
      }
      // Mostly the usual invoice row, with a customer's own name, salesperson, terms and
      // currency most of the time; any cell may be something else.
      const c = Math.floor(rnd() * customers.length);
      const usual: Record<string, unknown> = {
        发票号: `INV-${Math.floor(rnd() * rows * 0.8)}`,
        单据编号: `XS${String(r).padStart(6, "0")}`,
        客户编码: rnd() < 0.5 ? customers[c] : fresh(customers[c]),
        客户: customers[c],
        客户名称: rnd() < 0.9 ? `公司${c}` : `公司${c}（新）`,
        业务员: rnd() < 0.9 ? fresh(`业务员${c % 3}`) : "别人",
        发票日期: 45600 + Math.floor(rnd() * 60),
        业务日期: 45600 + Math.floor(rnd() * 60),
        日期: rnd() < 0.8 ? 45600 + Math.floor(rnd() * 60) : "2025/1/6",
        付款条件: rnd() < 0.9 ? pick(["月结30天", "Net 60"]) : pick(["30天", "货到付款", 30]),
        到期日: rnd() < 0.8 ? 45700 + Math.floor(rnd() * 60) : null,
        币种: rnd() < 0.85 ? (c === 3 ? "美元" : "人民币") : pick(["USD", "美元", null]),
        金额: Math.round(rnd() * 1e6) / 100,
        价税合计: Math.round(rnd() * 1e6) / 100 - 1000,
        余额: Math.round(rnd() * 1e5) / 100,
        未收金额: Math.round(rnd() * 1e5) / 100,
        已收金额: rnd() < 0.5 ? null : Math.round(rnd() * 1e5) / 100,
        状态: rnd() < 0.8 ? null : pick(["已付", "未付", "什么", "作废"]),
        争议: rnd() < 0.8 ? null : pick(["是", "否"]),
        承诺付款日: rnd() < 0.9 ? null : 45800,
        合同号: rnd() < 0.7 ? null : `HT-${r}`,
        备注: rnd() < 0.9 ? null : "备注",
        结清日期: rnd() < 0.7 ? null : 45650,
      };
      const row = header.map((h) =>
        rnd() < 0.06 ? pick(AWKWARD) : h === null ? null : usual[h as string],
      ) as CellValue[];
      // Ragged: a row cut short, or longer than the header; sometimes holes.
      const v = rnd();
      if (v < 0.05) row.length = Math.floor(rnd() * header.length);
      else if (v < 0.08) row.push("多余", 7);
      else if (v < 0.1) delete row[Math.floor(rnd() * row.length)];
      out.push(row);
    }
    return { file: `rows-${seed}.xlsx`, sheet: "发票", rows: out };
  }

  test.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])("random rows, seed %i", (seed) => {
    const grid = randomGrid(seed, 400);
    expectSameThree([{ grid }]);
    expectSameThree([{ grid, date1904: true }]);
  });

  test("a customer whose name, salesperson, terms and currency change from row to row", () => {
    const header = [
      "发票号",
      "客户编码",
      "客户名称",
      "业务员",
      "发票日期",
      "付款条件",
      "币种",
      "金额",
    ];
    const rows: CellValue[][] = [header];
    const names = ["甲公司", "甲公司 ", "甲公司（旧）", null, 7, "合计"];
    const sellers = ["张三", fresh("张三"), "李四", null, "", true];
    const terms = ["月结30天", "Net 60", fresh("Net 60"), null, "bad terms", 45];
    const currencies = ["人民币", "USD", fresh("USD"), null, "XXX", "美元"];
    for (let k = 0; k < 300; k++) {
      rows.push([
        `INV-${k}`,
        k % 3 === 0 ? "C1" : k % 3 === 1 ? fresh("C1") : "C2",
        names[(k * 7) % names.length],
        sellers[(k * 5) % sellers.length],
        45600,
        terms[(k * 11) % terms.length],
        currencies[(k * 13) % currencies.length],
        10 + k,
      ]);
    }
    expectSameThree([{ grid: { file: "follow.xlsx", sheet: "发票", rows } }]);
  });

  test("the same invoice sheet twice, and many spellings of one customer", () => {
    const grid = benchGrid(3000, 21);
    const rows = grid.rows.map((row, r) => {
      if (r === 0 || row.length < 3) return row;
      const copy = [...row];
      if (r % 5 === 0) copy[COL.customer] = ` ${String(copy[COL.customer])}`;
      if (r % 7 === 0) copy[COL.customer] = String(copy[COL.customer]).toLowerCase();
      return copy;
    });
    const spelled: Grid = { ...grid, rows };
    expectSameThree([{ grid: spelled }, { grid: { ...spelled, sheet: "应收明细2" } }]);
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

/** Sets and lookups on a KeyIndex and a Map side by side; every answer the same. */
function sameAsMap(index: KeyIndex, ops: [op: "set" | "add" | "get", key: string][]): void {
  const map = new Map<string, number>();
  const wrong: string[] = [];
  ops.forEach(([op, key], k) => {
    if (op === "get") {
      if (index.get(key) !== map.get(key) || index.has(key) !== map.has(key))
        wrong.push(`${k}: get ${key}`);
    } else if (op === "set" || !index.has(key)) {
      // "add" as the import does: has, then set when new.
      index.set(key, k);
      map.set(key, k);
    }
    if (index.size !== map.size) wrong.push(`${k}: size after ${op} ${key}`);
  });
  for (const [key, v] of map) if (index.get(key) !== v) wrong.push(`end: get ${key}`);
  expect(wrong).toEqual([]);
}

describe("KeyIndex, keys in order and not", () => {
  let seed = 9;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  // Numbers padded to 8 digits, or not padded at all (INV-9, INV-10) in the INV- and CN- series.
  const num = (prefix: string, n: number) =>
    prefix.endsWith("-") ? `${prefix}${n}` : `${prefix}${String(n).padStart(8, "0")}`;

  test("interleaved series (invoices and credit notes), duplicates, keys out of order", () => {
    for (const series of [
      ["XS"],
      ["XS", "HZ"],
      ["A", "M", "Z", "HZ", "XS", "B"],
      ["INV-", "CN-"],
    ]) {
      const next = series.map(() => 0);
      const ops: [op: "set" | "add" | "get", key: string][] = [];
      for (let k = 0; k < 6000; k++) {
        const s = Math.floor(rnd() * series.length);
        const x = rnd();
        const key =
          x < 0.9
            ? num(series[s], ++next[s])
            : x < 0.95
              ? num(series[s], Math.floor(rnd() * (next[s] + 2)))
              : `${Math.floor(rnd() * 1e6)}`;
        const y = rnd();
        ops.push([y < 0.2 ? "get" : y < 0.95 ? "add" : "set", key]);
      }
      sameAsMap(new KeyIndex(), ops);
      const reserved = new KeyIndex();
      reserved.reserve(100);
      sameAsMap(reserved, ops);
    }
  });

  test("keys in decreasing order, all equal, and looked up only at the end", () => {
    const down = Array.from({ length: 3000 }, (_, k) => num("XS", 3000 - k));
    sameAsMap(
      new KeyIndex(),
      down.map((key) => ["add", key]),
    );
    sameAsMap(
      new KeyIndex(),
      Array.from({ length: 50 }, () => ["set", "SAME"]),
    );
    const up = Array.from({ length: 5000 }, (_, k) => num(k % 2 === 0 ? "XS" : "INV-", k));
    sameAsMap(new KeyIndex(), [
      ...up.map((key): ["add", string] => ["add", key]),
      ...up.map((key): ["get", string] => ["get", key]),
      ["get", num("XS", 5000)],
      ["get", num("XS", -1)],
      ["get", ""],
    ]);
  });

  test("keys whose hashes collide in full", () => {
    // With a fixed seed, the colliding pairs among a few hundred thousand keys (a birthday search).
    const seed = 12345;
    const byHash = new Map<number, string>();
    const pairs: [string, string][] = [];
    for (let k = 0; k < 300000 && pairs.length < 6; k++) {
      // (Numbered keys like `K${k}` never collide: the hash keeps their few varying digits apart.)
      const key = `k${(Math.imul(k, 2654435761) >>> 0).toString(36)}`;
      const h = keyHash(key, seed);
      const other = byHash.get(h);
      if (other !== undefined) pairs.push([other, key]);
      else byHash.set(h, key);
    }
    expect(pairs.length).toBeGreaterThan(0);
    const keys = pairs.flat();
    const sorted = [...keys].sort();
    for (const order of [keys, sorted, [...sorted].reverse()]) {
      sameAsMap(new KeyIndex(seed), [
        ...order.map((key): ["add", string] => ["add", key]),
        ...order.map((key): ["get", string] => ["get", key]),
        ...order.map((key): ["set", string] => ["set", key]),
      ]);
      // Each key of a pair looked up before and after the other is set.
      for (const [a, b] of pairs)
        sameAsMap(new KeyIndex(seed), [
          ["add", a],
          ["get", b],
          ["add", b],
          ["get", a],
          ["get", b],
        ]);
    }
  });
});

describe("LedgerBuilder with its room reserved", () => {
  const item = (k: number): ItemInput => ({
    ref: `INV-${k}`,
    customer: `C${k % 97}`,
    customerName: k % 5 === 0 ? `Name ${k % 97}` : null,
    currency: k % 3 === 0 ? "USD" : "CNY",
    invoiceDate: 45000 + (k % 400),
    dueDate: k % 4 === 0 ? null : 45030 + (k % 400),
    terms: k % 6 === 0 ? { days: 30, monthEnd: k % 12 === 0 } : null,
    amount: k % 10 === 0 ? -k : k * 100,
    paid: k % 8 === 0 ? k : null,
    settledDate: k % 9 === 0 ? 45100 : null,
    salesperson: k % 2 === 0 ? `S${k % 7}` : null,
    disputed: k % 11 === 0,
    promiseDate: k % 13 === 0 ? 45200 : null,
    contract: k % 17 === 0 ? `HT-${k}` : null,
    note: k % 19 === 0 ? "note" : null,
    source: { file: "f.xlsx", sheet: k < 1500 ? "A" : "B", row: k + 2 },
  });

  test.each([
    [0, 3000],
    [10, 3000],
    [3000, 3000],
    [3010, 3000],
    [5000, 3000],
    [1024, 1024],
    [1025, 1024],
    [0, 0],
  ])("room for %i, %i items added: the ledger of a builder without", (room, count) => {
    const plain = new LedgerBuilder();
    const reserved = new LedgerBuilder();
    reserved.reserveItems(room);
    for (let k = 0; k < count; k++) {
      plain.addItem(item(k));
      if (k % 2 === 0) reserved.addItem(item(k));
      else {
        // The resolved form, as the fast path adds a row.
        const it = item(k);
        reserved.addItemResolved(
          it.ref,
          reserved.customerIndexOf(it.customer),
          it.customerName ?? null,
          reserved.currencyIndex(it.currency),
          it.invoiceDate ?? 0,
          it.dueDate ?? 0,
          it.terms ? it.terms.days : -1,
          it.terms?.monthEnd ?? false,
          it.amount,
          it.paid ?? NaN,
          it.settledDate ?? 0,
          it.promiseDate ?? 0,
          it.disputed ?? false,
          it.salesperson ? reserved.salespersonIndexOf(it.salesperson) : -1,
          it.contract ?? null,
          it.note ?? null,
          reserved.sourceIndexOf(it.source),
          it.source.row,
        );
      }
      if (k === 1000) reserved.reserveItems(700);
    }
    expect(reserved.itemCount).toBe(count);
    const a = plain.build();
    const b = reserved.build();
    expect(b).toEqual(a);
    expect(b.items.amount.length).toBe(count);
    expect(b.items.ref.length).toBe(count);
    expect(b.items.note.length).toBe(count);
  });
});

/**
 * A CSV's grid with its plain numbers and dates as numbers and serials, as a workbook would hold
 * them (so that the fast path reads its rows); invoice numbers kept as text.
 */
function csvAsBook(file: string, textColumns: string[]): Grid {
  const rows = parseCsv(readFileSync(dataPath(file))).rows;
  const header = rows[0].map(String);
  const keep = new Set(textColumns.map((h) => header.indexOf(h)));
  const serial = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86400000 + 25569;
  const cell = (v: CellValue, c: number): CellValue => {
    if (typeof v !== "string" || keep.has(c)) return v;
    if (/^-?\d+(\.\d+)?$/.test(v)) return Number(v);
    let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
    if (m) return serial(+m[1], +m[2], +m[3]);
    m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
    if (m) return serial(+m[3], +m[1], +m[2]);
    return v;
  };
  return {
    file,
    sheet: null,
    rows: rows.map((row, r) => (r === 0 ? row : row.map(cell))),
  };
}

describeWithData(
  "real data through columns and rows",
  [
    "poulomi8-ar-synthetic-invoices.csv",
    "poulomi8-ar-synthetic-payments.csv",
    "poulomi8-ar-synthetic-customer-master.csv",
    "ibm-ar-late-payments.csv",
  ],
  () => {
    test("poulomi8: invoices, payments naming them, the customer master", () => {
      const invoices = csvAsBook("poulomi8-ar-synthetic-invoices.csv", ["Invoice_ID"]);
      const payments = csvAsBook("poulomi8-ar-synthetic-payments.csv", ["Invoice_ID"]);
      const customers = csvAsBook("poulomi8-ar-synthetic-customer-master.csv", []);
      const inputs = (g: (x: Grid) => Grid): GridInput[] => [
        { grid: g(invoices) },
        { grid: g(payments), kind: "payments" },
        { grid: g(customers), kind: "customers" },
      ];
      expectSameImport(
        inputs((x) => x),
        inputs((x) => asColumns(x)),
      );
      expect(importGrids(inputs((x) => x)).rows.imported).toBeGreaterThan(14000);
    });

    test("IBM late payments: invoice numbers with leading zeros, in no order", () => {
      const grid = csvAsBook("ibm-ar-late-payments.csv", ["invoiceNumber", "customerID"]);
      expectSameImport([{ grid }], [{ grid: asColumns(grid) }]);
      expectSameImport([{ grid }], [{ grid: asColumns(grid, 3) }]);
      expect(importGrids([{ grid }]).rows.imported).toBe(2466);
    });
  },
);
