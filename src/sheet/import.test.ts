import fc from "fast-check";
import * as fs from "node:fs";
import * as path from "node:path";
import { problemMessage } from "../core/messages";
import { parseCsv } from "../io/csv";
import { serialFromIso } from "../core/dates";
import type { Problem } from "../core/problems";
import type { CellValue, Grid } from "./grid";
import { detectHeader } from "./headers";
import { importGrids, type GridInput } from "./import";

const grid = (rows: CellValue[][], sheet: string | null = "S", file = "f.xlsx"): Grid => ({
  file,
  sheet,
  rows,
});
const at = (problems: Problem[], row: number) => problems.filter((p) => p.source?.row === row);
const s = (iso: string) => serialFromIso(iso) as number;

describe("header detection", () => {
  test("finds a Chinese header under a title block", () => {
    const g = grid([
      ["应收账款明细表"],
      ["编制单位：某公司", null, "单位：元"],
      [],
      ["单据编号", "客户名称", "业务日期", "到期日", "价税合计（元）", "已收金额", "业务员"],
      ["A1", "甲公司", s("2025-01-01"), s("2025-01-31"), 100, null, "张伟"],
    ]);
    const map = detectHeader(g);
    expect(map?.kind).toBe("invoices");
    expect(map?.headerRow).toBe(4);
    expect(map?.columns).toMatchObject({
      ref: 0,
      customerName: 1,
      invoiceDate: 2,
      dueDate: 3,
      amount: 4,
      paid: 5,
    });
  });

  test("tells invoices, payments and customers apart by their columns", () => {
    expect(
      detectHeader(
        grid([["Invoice_ID", "Customer_ID", "Invoice_Date", "Due_Date", "Invoice_Amount"]]),
      )?.kind,
    ).toBe("invoices");
    expect(
      detectHeader(grid([["Payment_ID", "Invoice_ID", "Payment_Date", "Amount_Paid"]]))?.kind,
    ).toBe("payments");
    expect(detectHeader(grid([["客户编码", "客户名称", "信用额度", "付款条件"]]))?.kind).toBe(
      "customers",
    );
    expect(
      detectHeader(
        grid([
          ["foo", "bar"],
          [1, 2],
        ]),
      ),
    ).toBeNull();
  });
});

describe("importing invoices", () => {
  const header = [
    "单据编号",
    "客户编码",
    "客户名称",
    "业务日期",
    "到期日",
    "付款条件",
    "币种",
    "价税合计",
    "已收金额",
    "结清日期",
    "争议",
  ];
  const rows: CellValue[][] = [
    ["标题"],
    header,
    [
      "X1",
      "C1",
      "甲公司",
      s("2025-01-05"),
      null,
      "月结30天",
      "人民币",
      "¥1,234.50",
      null,
      null,
      null,
    ],
    ["X2", "C1", null, "2025/2/3", "20250305", null, "CNY", "1.2万", 500, null, "是"],
    [null, null, null, null, null, null, null, null, null, null, null],
    ["小计", null, null, null, null, null, null, 13234.5, null, null, null],
    ["X3", "C2", "乙公司", "2025-02-30", null, null, null, 10, null, null, null],
    ["X4", "C2", null, s("2025-03-01"), null, null, null, { error: "#N/A" }, null, null, null],
    ["X5", null, null, s("2025-03-01"), null, null, null, 10, null, null, null],
    ["X6", "C2", null, s("2025-03-01"), null, null, "USD", "¥5", null, null, null],
    [
      "X1",
      "C1",
      "甲公司",
      s("2025-01-05"),
      null,
      "月结30天",
      "人民币",
      "¥1,234.50",
      null,
      null,
      null,
    ],
    ["X1", "C3", null, s("2025-01-06"), null, null, null, 7, null, s("2025-01-10"), null],
    ["注：本表由ERP导出"],
  ];
  const result = importGrids([{ grid: grid(rows) }]);
  const { ledger, problems } = result;

  test("counts add up and every skipped or rejected row has a located problem", () => {
    expect(result.rows).toEqual({ read: 13 - 2, imported: 3, skipped: 4, rejected: 4 });
    for (const row of [5, 6, 7, 8, 9, 10, 11, 13]) {
      expect(at(problems, row).length).toBeGreaterThan(0);
    }
  });

  test("values in many formats", () => {
    const it = ledger.items;
    expect(it.length).toBe(3);
    expect(it.amount[0]).toBe(123450);
    expect(ledger.currencies[it.currency[0]]).toBe("CNY");
    expect(it.termDays[0]).toBe(30);
    expect(it.termMonthEnd[0]).toBe(1);
    expect(it.invoiceDate[1]).toBe(s("2025-02-03"));
    expect(it.dueDate[1]).toBe(s("2025-03-05"));
    expect(it.amount[1]).toBe(1200000);
    expect(it.paid[1]).toBe(50000);
    expect(it.flags[1] & 1).toBe(1);
    expect(ledger.customers[it.customer[0]].name).toBe("甲公司");
  });

  test("problems name the row and column", () => {
    expect(at(problems, 5)[0]).toMatchObject({ code: "row.blank", severity: "info" });
    expect(at(problems, 6)[0]).toMatchObject({ code: "row.subtotal" });
    expect(at(problems, 7)[0]).toMatchObject({
      code: "row.badDate",
      column: "业务日期",
      severity: "error",
    });
    expect(at(problems, 8)[0]).toMatchObject({ code: "row.errorValue", column: "价税合计" });
    expect(at(problems, 9)[0]).toMatchObject({ code: "row.noCustomer", column: "客户编码" });
    expect(at(problems, 10)[0]).toMatchObject({ code: "cell.currencyConflict" });
    expect(at(problems, 11)[0]).toMatchObject({ code: "row.duplicate", params: { firstRow: 3 } });
    expect(at(problems, 12)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: "invoice.duplicate", params: { ref: "X1", firstRow: 3 } }),
        expect.objectContaining({ code: "cell.noTerms", severity: "warning" }),
      ]),
    );
    expect(at(problems, 13)[0]).toMatchObject({ code: "row.note" });
    expect(problems.every((p) => p.source?.sheet === "S" && p.source.file === "f.xlsx")).toBe(true);
  });
});

describe("day/month order", () => {
  const header = ["Invoice", "Customer", "Date", "Amount"];
  const rows = (dates: string[]) => [header, ...dates.map((x, i) => [`I${i}`, "A", x, 1])];

  test("inferred from unambiguous values in the column", () => {
    const r = importGrids([{ grid: grid(rows(["13/02/2025", "03/04/2025"]), null, "a.csv") }]);
    expect(r.rows.rejected).toBe(0);
    expect(r.ledger.items.invoiceDate[1]).toBe(s("2025-04-03"));
    const us = importGrids([{ grid: grid(rows(["02/13/2025", "03/04/2025"]), null, "a.csv") }]);
    expect(us.ledger.items.invoiceDate[1]).toBe(s("2025-03-04"));
  });

  test("an ambiguous column is a problem, never a guess", () => {
    const r = importGrids([
      { grid: grid(rows(["01/02/2025", "03/04/2025", "2025-05-06"]), null, "a.csv") },
    ]);
    expect(r.rows).toMatchObject({ imported: 1, rejected: 2 });
    expect(r.problems.find((p) => p.code === "column.ambiguousDateOrder")).toMatchObject({
      column: "Date",
    });
    expect(at(r.problems, 2)[0]).toMatchObject({ code: "row.ambiguousDate" });
    const settled = importGrids(
      [{ grid: grid(rows(["01/02/2025", "03/04/2025"]), null, "a.csv") }],
      { dateOrder: "dmy" },
    );
    expect(settled.rows.imported).toBe(2);
    expect(settled.ledger.items.invoiceDate[0]).toBe(s("2025-02-01"));
  });
});

describe("payments and customers", () => {
  const invoices: GridInput = {
    grid: grid(
      [
        ["Invoice", "Customer", "Invoice Date", "Due Date", "Amount", "Currency"],
        ["I1", "A", "2025-01-01", "2025-01-31", "100.00", "USD"],
        ["I2", "A", "2025-02-01", "2025-03-03", "50.00", "USD"],
      ],
      null,
      "inv.csv",
    ),
  };
  const payments: GridInput = {
    kind: "payments",
    grid: grid(
      [
        ["Payment ID", "Invoice", "Customer", "Payment Date", "Amount", "Currency"],
        ["P1", "I1", null, "2025-02-10", "100", null],
        ["P2", null, "A", "2025-02-11", "30", "USD"],
        ["P3", "I9", null, "2025-02-12", "5", null],
        ["P4", "I9", "A", "2025-02-12", "5", null],
        ["P5", "I2", null, "2025-02-12", "5", "CNY"],
        ["P6", null, null, "2025-02-12", "5", null],
      ],
      null,
      "pay.csv",
    ),
  };
  const customers: GridInput = {
    kind: "customers",
    grid: grid(
      [
        ["Customer ID", "Customer Name", "Credit Limit", "Payment Terms"],
        ["A", "Alpha", "1,000", "Net 30"],
        ["A", "Alpha again", "2,000", "Net 30"],
        ["B", "Beta", "", "30天"],
      ],
      null,
      "cust.csv",
    ),
  };
  const r = importGrids([payments, invoices, customers]);

  test("customers first, then invoices, then payments, whatever the order given", () => {
    expect(r.sheets.map((x) => x.kind)).toEqual(["payments", "invoices", "customers"]);
    expect(r.ledger.customers[0]).toMatchObject({
      code: "A",
      name: "Alpha",
      creditLimit: 100000,
      listed: true,
    });
    expect(r.ledger.payments.length).toBe(3);
    expect(Array.from(r.ledger.payments.item)).toEqual([0, -1, -1]);
    expect(r.ledger.currencies[r.ledger.payments.currency[0]]).toBe("USD");
  });

  test("unknown invoices, currency mismatches and duplicate customers are located", () => {
    const byRow = (file: string, row: number) =>
      r.problems.filter((p) => p.source?.file === file && p.source.row === row);
    expect(byRow("pay.csv", 4)[0]).toMatchObject({
      code: "payment.unknownInvoice",
      severity: "error",
    });
    expect(byRow("pay.csv", 5)[0]).toMatchObject({
      code: "payment.unknownInvoice",
      severity: "warning",
    });
    expect(byRow("pay.csv", 6)[0]).toMatchObject({ code: "payment.currencyMismatch" });
    expect(byRow("pay.csv", 7)[0]).toMatchObject({ code: "row.noCustomer" });
    expect(byRow("cust.csv", 3)[0]).toMatchObject({
      code: "customer.duplicate",
      params: { firstRow: 2 },
    });
    expect(r.rows).toEqual({ read: 6 + 2 + 3, imported: 3 + 2 + 2, skipped: 0, rejected: 4 });
  });
});

describe("signature footers (制表人：张三   审核人：李四) are notes, not rejected rows", () => {
  // A Kingdee-style export: title, period, header, five invoices, 合计, then four footer lines.
  const FIXTURE = path.resolve(__dirname, "../../test/fixtures/kingdee-footer.csv");
  const kingdee = (): Grid => ({
    file: "kingdee-footer.csv",
    sheet: null,
    rows: parseCsv(fs.readFileSync(FIXTURE)).rows,
  });

  test("the Kingdee fixture: 5 imported, 合计 and 4 footer lines skipped, 0 rejected", () => {
    const r = importGrids([{ grid: kingdee() }]);
    expect(r.rows).toEqual({ read: 10, imported: 5, skipped: 5, rejected: 0 });
    expect(r.problems.filter((p) => p.severity !== "info")).toEqual([]);
    expect(r.problems.map((p) => [p.source?.row, p.code, p.params.labels ?? null])).toEqual([
      [9, "row.subtotal", null],
      [10, "row.footer", "制表人/审核人/打印日期"],
      [11, "row.footer", "制单人/审核"],
      [12, "row.footer", "打印日期"],
      [13, "row.footer", "审核"],
    ]);
    const footer = r.problems[1];
    expect(footer.source).toEqual({ file: "kingdee-footer.csv", sheet: null, row: 10 });
    expect(problemMessage(footer, "en-US")).toBe(
      "footer line (制表人/审核人/打印日期), not data: skipped",
    );
    expect(problemMessage(footer, "zh-CN")).toBe(
      "表尾签字行（制表人/审核人/打印日期），不是数据：已跳过",
    );
  });

  const HEADER = ["单据编号", "客户", "单据日期", "到期日", "应收金额", "已收金额"];
  const D = s("2026-03-01");

  test("in a workbook sheet, in English, and on payment and customer sheets", () => {
    const r = importGrids([
      {
        grid: grid(
          [
            HEADER,
            ["A1", "甲公司", D, D + 30, 100, 0],
            ["Prepared by: J. Smith", null, null, "Approved by: K. Lee"],
            ["打印人：", "王五", "打印时间：", D + 120],
          ],
          "应收",
        ),
      },
      {
        grid: grid(
          [
            ["付款单号", "单据编号", "客户", "收款日期", "收款金额"],
            ["P1", "A1", "甲公司", D, 50],
            ["经办人：赵六"],
          ],
          "回款",
        ),
      },
      {
        grid: grid(
          [
            ["客户编码", "客户名称", "信用额度"],
            ["C1", "甲公司", 1000],
            ["审核人：李四", null, null],
          ],
          "客户",
        ),
      },
    ]);
    expect(r.problems.filter((p) => p.severity !== "info")).toEqual([]);
    expect(
      r.problems
        .filter((p) => p.code === "row.footer")
        .map((p) => [p.source?.sheet, p.source?.row, p.params.labels]),
    ).toEqual([
      ["客户", 3, "审核人"],
      ["应收", 3, "Prepared by/Approved by"],
      ["应收", 4, "打印人/打印时间"],
      ["回款", 3, "经办人"],
    ]);
  });

  test("a row with an amount, or a name that merely starts like a label, is data", () => {
    const r = importGrids([
      {
        grid: grid([
          HEADER,
          // A customer whose name starts with 审核 (no colon): an invoice like any other.
          ["A1", "审核科技有限公司", D, D + 30, 100, 0],
          // A label in the first cell but an amount in the amount column: rejected, not hidden.
          ["审核：", "乙公司", "x", D + 30, 200, 0],
        ]),
      },
    ]);
    expect(r.rows).toMatchObject({ imported: 1, skipped: 0, rejected: 1 });
    expect(at(r.problems, 3).map((p) => p.code)).toEqual(["row.badDate"]);
  });
});

describe("nothing is lost (property)", () => {
  const cell = fc.oneof(
    fc.constant(null),
    fc.constant(""),
    fc.constantFrom(
      "合计",
      "Total",
      "注：备注",
      "#N/A",
      "abc",
      "2025-02-30",
      "01/02/2025",
      "13/02/2025",
    ),
    fc.integer({ min: -1000, max: 50000 }),
    fc.double({ min: -1e6, max: 1e6, noNaN: true }),
    fc.string({ maxLength: 6 }),
    fc.constant({ error: "#VALUE!" }),
  );

  test("rows read = imported + skipped + rejected, and every row not imported has a problem", () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 30 }), (body) => {
        const header = ["Invoice", "Customer", "Invoice Date", "Due Date", "Amount", "Paid"];
        const r = importGrids([{ grid: grid([header, ...body]) }]);
        const { read, imported, skipped, rejected } = r.rows;
        expect(read).toBe(imported + skipped + rejected);
        expect(imported).toBe(r.ledger.items.length);
        let last = 0;
        body.forEach((row, i) => {
          if (row.some((v) => v !== null && v !== "" && !(typeof v === "string" && !v.trim())))
            last = i + 1;
        });
        expect(read).toBe(last);
        const rowsWithItems = new Set(Array.from(r.ledger.items.sourceRow));
        for (let row = 2; row <= last + 1; row++) {
          if (rowsWithItems.has(row)) continue;
          expect(r.problems.some((p) => p.source?.row === row && p.severity !== "warning")).toBe(
            true,
          );
        }
      }),
    );
  });
});
