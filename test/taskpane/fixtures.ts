// A small workbook for the pane's tests: invoices (with a subtotal and a bad row), customers.
import { serialFromIso } from "../../src/core/dates";
import { DEFAULT_POLICY } from "../../src/core/policy";
import type { CellValue } from "../../src/sheet/grid";
import { MemoryWorkbook } from "../../src/sheet/memory-workbook";
import { LocalEngine } from "../../src/taskpane/engine/engine";
import type { AnalyzeRequest } from "../../src/taskpane/engine/protocol";

export const d = (iso: string) => serialFromIso(iso) as number;
export const AS_OF = d("2026-06-30");

export const INVOICES: CellValue[][] = [
  ["应收明细"],
  [
    "单据编号",
    "客户编码",
    "客户名称",
    "业务日期",
    "到期日",
    "价税合计",
    "已收金额",
    "业务员",
    "币种",
  ],
  // 91 days overdue, long past the act-by date: level 5.
  ["A1", "C1", "甲公司", d("2026-03-01"), d("2026-03-31"), 1000, 0, "张伟", "CNY"],
  // One day overdue today: the first reminder is today's action.
  ["A2", "C1", "甲公司", d("2026-06-01"), d("2026-06-29"), 500, null, "张伟", "CNY"],
  // Due in six days: payment-date confirmation on 07-03 and the due-day call on 07-06.
  ["A3", "C2", "乙公司", d("2026-06-06"), d("2026-07-06"), 800, null, "李娜", "CNY"],
  // Paid in full.
  ["A4", "C2", "乙公司", d("2026-05-01"), d("2026-05-31"), 300, 300, "李娜", "CNY"],
  ["合计", null, null, null, null, 2600, 300],
  ["A5", "C2", "乙公司", d("2026-06-01"), d("2026-07-01"), "abc", null, "李娜", "CNY"],
];

export const CUSTOMERS: CellValue[][] = [
  ["客户编码", "客户名称", "信用额度", "业务员"],
  ["C1", "甲公司", 1600, "张伟"],
  ["C2", "乙公司", 5000, "李娜"],
];

export function fixtureWorkbook(): MemoryWorkbook {
  return MemoryWorkbook.fromGrids([
    { name: "应收明细", rows: INVOICES },
    { name: "客户档案", rows: CUSTOMERS },
  ]);
}

export const REQUEST: AnalyzeRequest = {
  asOf: AS_OF,
  policy: DEFAULT_POLICY,
  sources: [
    {
      sheet: "应收明细",
      kind: "invoices",
      mapping: {
        headerRow: 2,
        columns: {
          ref: 0,
          customer: 1,
          customerName: 2,
          invoiceDate: 3,
          dueDate: 4,
          amount: 5,
          paid: 6,
          salesperson: 7,
          currency: 8,
        },
      },
    },
    {
      sheet: "客户档案",
      kind: "customers",
      mapping: { headerRow: 1, columns: { code: 0, name: 1, creditLimit: 2, salesperson: 3 } },
    },
  ],
};

export async function fixtureEngine(): Promise<LocalEngine> {
  const engine = new LocalEngine();
  await engine.load("应收明细", INVOICES);
  await engine.load("客户档案", CUSTOMERS);
  return engine;
}
