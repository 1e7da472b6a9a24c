/**
 * Signals in the user's data that must act, never be silently ignored (issue 13): a status
 * column, refunds on credit notes, currency marks on some cells, customer names that differ
 * only in case or width.
 */
import { analyze } from "../core/analyze";
import { serialFromIso } from "../core/dates";
import type { Problem } from "../core/problems";
import type { CellValue, Grid } from "./grid";
import { importGrids } from "./import";

const s = (iso: string) => serialFromIso(iso) as number;
const grid = (rows: CellValue[][], sheet = "Invoices"): Grid => ({ file: "t.xlsx", sheet, rows });
const codes = (problems: Problem[], code: string) => problems.filter((p) => p.code === code);
const asOf = s("2025-06-30");

function outstandingOf(result: ReturnType<typeof importGrids>, ref: string): number {
  const a = analyze(result.ledger, asOf);
  const i = result.ledger.items.ref.indexOf(ref);
  expect(i).toBeGreaterThanOrEqual(0);
  return a.items.outstanding[i];
}

describe("a status column acts", () => {
  const header = ["Invoice", "Customer", "Invoice Date", "Due Date", "Amount", "Status"];

  test("Paid with no payment data: settled, date unknown, one note; Open stays open", () => {
    const r = importGrids([
      {
        grid: grid([
          header,
          ["A1", "C1", s("2025-01-01"), s("2025-01-31"), 100, "Paid"],
          ["A2", "C1", s("2025-01-01"), s("2025-01-31"), 200, "Paid"],
          ["A3", "C1", s("2025-01-01"), s("2025-01-31"), 300, "Open"],
          ["A4", "C1", s("2025-01-01"), s("2025-01-31"), 400, "Closed"],
        ]),
      },
    ]);
    expect(outstandingOf(r, "A1")).toBe(0);
    expect(outstandingOf(r, "A2")).toBe(0);
    expect(outstandingOf(r, "A4")).toBe(0);
    expect(outstandingOf(r, "A3")).toBe(30000);
    const a = analyze(r.ledger, asOf);
    expect(a.items.settled[0]).toBe(0); // date unknown
    expect(a.items.daysLate[0]).toBe(-1);
    const notes = codes(r.problems, "status.paidNoDate");
    // one note per status word, not one per row
    expect(notes.map((p) => [p.params.value, p.params.count, p.severity])).toEqual([
      ["Paid", 2, "info"],
      ["Closed", 1, "info"],
    ]);
    expect(notes[0].column).toBe("Status");
    expect(a.totals[0].overdue).toBe(30000);
  });

  test("作废 and 红冲 rows are not open items: skipped with a reason, counts add up", () => {
    const r = importGrids([
      {
        grid: grid([
          ["单据编号", "客户名称", "业务日期", "到期日", "金额", "状态"],
          ["B1", "甲公司", s("2025-01-01"), s("2025-01-31"), 100, "未收"],
          ["B2", "甲公司", s("2025-01-01"), s("2025-01-31"), 200, "作废"],
          ["B3", "甲公司", s("2025-01-01"), s("2025-01-31"), -50, "红冲"],
          ["B4", "甲公司", s("2025-01-01"), s("2025-01-31"), 70, "已结清"],
          ["B5", "甲公司", s("2025-01-01"), s("2025-01-31"), 80, "Cancelled"],
        ]),
      },
    ]);
    expect(r.rows).toEqual({ read: 5, imported: 2, skipped: 3, rejected: 0 });
    const skipped = codes(r.problems, "row.cancelled");
    expect(skipped.map((p) => p.source?.row)).toEqual([3, 4, 6]);
    expect(skipped.every((p) => p.severity === "info" && p.column === "状态")).toBe(true);
    const a = analyze(r.ledger, asOf);
    expect(a.totals[0].outstanding).toBe(10000);
  });

  test("a payment for a cancelled invoice is the customer's unapplied cash, with a warning", () => {
    const r = importGrids([
      {
        grid: grid([header, ["A1", "C1", s("2025-01-01"), s("2025-01-31"), 100, "Void"]]),
      },
      {
        grid: grid(
          [
            ["Payment ID", "Invoice", "Payment Date", "Amount Paid"],
            ["P1", "A1", s("2025-02-01"), 100],
          ],
          "Payments",
        ),
        kind: "payments",
      },
    ]);
    expect(r.rows.rejected).toBe(0);
    const w = codes(r.problems, "payment.cancelledInvoice");
    expect(w).toHaveLength(1);
    expect(w[0].source).toEqual({ file: "t.xlsx", sheet: "Payments", row: 2 });
    const a = analyze(r.ledger, asOf);
    expect(a.customers[0].unapplied).toBe(-10000);
  });

  test("a status contradicting the payment rows is a located warning; the payment data rule", () => {
    const r = importGrids([
      {
        grid: grid([
          header,
          ["A1", "C1", s("2025-01-01"), s("2025-01-31"), 1000, "Paid"],
          ["A2", "C1", s("2025-01-01"), s("2025-01-31"), 500, "Open"],
          ["A3", "C1", s("2025-01-01"), s("2025-01-31"), 300, "Partially paid"],
          ["A4", "C1", s("2025-01-01"), s("2025-01-31"), 200, "Paid"],
        ]),
      },
      {
        grid: grid(
          [
            ["Payment ID", "Invoice", "Payment Date", "Amount Paid"],
            ["P1", "A1", s("2025-02-01"), 600],
            ["P2", "A2", s("2025-02-01"), 500],
            ["P3", "A4", s("2025-02-01"), 200],
          ],
          "Payments",
        ),
        kind: "payments",
      },
    ]);
    const paidButOpen = codes(r.problems, "status.paidButOpen");
    expect(paidButOpen).toHaveLength(1);
    expect(paidButOpen[0]).toMatchObject({
      severity: "warning",
      source: { file: "t.xlsx", sheet: "Invoices", row: 2 },
      column: "Status",
      params: { value: "Paid", open: "400.00", amount: "1000.00", percent: "40%" },
    });
    const openButPaid = codes(r.problems, "status.openButPaid");
    expect(openButPaid.map((p) => p.source?.row)).toEqual([3]);
    const partial = codes(r.problems, "status.partialNoPayments");
    expect(partial.map((p) => p.source?.row)).toEqual([4]);
    // not resolved behind the user's back: the payment rows decide, as the warnings say
    expect(outstandingOf(r, "A1")).toBe(40000);
    expect(outstandingOf(r, "A2")).toBe(0);
    expect(outstandingOf(r, "A3")).toBe(30000);
    expect(codes(r.problems, "status.paidNoDate")).toHaveLength(0);
  });

  test("an unknown status word is reported once, not guessed", () => {
    const r = importGrids([
      {
        grid: grid([
          header,
          ["A1", "C1", s("2025-01-01"), s("2025-01-31"), 100, "Frozen"],
          ["A2", "C1", s("2025-01-01"), s("2025-01-31"), 100, "Frozen"],
        ]),
      },
    ]);
    const w = codes(r.problems, "status.unknown");
    expect(w).toHaveLength(1);
    expect(w[0].params).toMatchObject({ value: "Frozen", count: 2, firstRow: 2 });
    expect(analyze(r.ledger, asOf).totals[0].outstanding).toBe(20000);
  });
});

describe("currency marks on some cells only", () => {
  const header = ["Invoice", "Customer", "Invoice Date", "Due Date", "Amount"];
  const row = (ref: string, amount: CellValue): CellValue[] => [
    ref,
    "C1",
    s("2025-01-01"),
    s("2025-01-31"),
    amount,
  ];

  test("¥ and 元 marks beside bare numbers: one CNY ledger, no problem", () => {
    const r = importGrids([
      {
        grid: grid([header, row("A1", "¥1,234.50"), row("A2", 100), row("A3", "1,000.00元")]),
      },
      {
        grid: grid(
          [
            ["Payment ID", "Invoice", "Payment Date", "Amount Paid"],
            ["P1", "A2", s("2025-02-01"), 40],
          ],
          "Payments",
        ),
        kind: "payments",
      },
    ]);
    const a = analyze(r.ledger, asOf);
    expect(a.totals).toHaveLength(1);
    expect(r.ledger.currencies[a.totals[0].currency]).toBe("CNY");
    expect(a.totals[0].outstanding).toBe(123450 + 6000 + 100000);
    expect(r.problems.filter((p) => p.code.startsWith("currency"))).toEqual([]);
  });

  test("a $ cell in a ¥ sheet is an explicit conflict, reported once", () => {
    const r = importGrids([
      {
        grid: grid([header, row("A1", "¥100"), row("A2", "¥200"), row("A3", "$50"), row("A4", 7)]),
      },
    ]);
    const w = codes(r.problems, "currency.markConflict");
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ severity: "warning", column: "Amount" });
    expect(w[0].params).toMatchObject({ other: "USD", row: 4 });
  });

  test("a currency column disagreeing with a mark is still a located problem", () => {
    const r = importGrids([
      {
        grid: grid([
          [...header, "Currency"],
          [...row("A1", "$100"), "CNY"],
        ]),
      },
    ]);
    expect(codes(r.problems, "cell.currencyConflict").map((p) => p.source?.row)).toEqual([2]);
  });
});

describe("customer names differing only in case or width", () => {
  test("each merge is reported once, with both spellings and their rows", () => {
    const header = ["Invoice", "Customer", "Invoice Date", "Due Date", "Amount"];
    const row = (ref: string, customer: string): CellValue[] => [
      ref,
      customer,
      s("2025-01-01"),
      s("2025-01-31"),
      100,
    ];
    const r = importGrids([
      {
        grid: grid([
          header,
          row("A1", "ACME Ltd"),
          row("A2", "Acme Ltd"),
          row("A3", "ACME Ltd"),
          row("A4", "ＡＣＭＥ　Ｌｔｄ"),
          row("A5", "Other Co"),
          row("A6", "Other Co"),
        ]),
      },
    ]);
    const a = analyze(r.ledger, asOf);
    expect(a.customers).toHaveLength(2); // merged, as before
    const merged = codes(r.problems, "customer.merged");
    expect(merged).toHaveLength(1);
    expect(merged[0].severity).toBe("info");
    expect(merged[0].params.spellings).toBe(
      '"ACME Ltd" (2, 4); "Acme Ltd" (3); "ＡＣＭＥ　Ｌｔｄ" (5)',
    );
  });
});

describe("an invoices sheet that imports no row", () => {
  test("is an error, even when payments were read", () => {
    const r = importGrids([
      {
        grid: grid([
          ["Invoice", "Customer", "Invoice Date", "Amount"],
          ["A1", "C1", "not a date", "xx"],
        ]),
      },
      {
        grid: grid(
          [
            ["Payment ID", "Customer", "Payment Date", "Amount Paid"],
            ["P1", "C1", s("2025-02-01"), 100],
          ],
          "Payments",
        ),
        kind: "payments",
      },
    ]);
    expect(r.problems[0]).toMatchObject({ code: "sheet.noInvoices", severity: "error" });
  });
});
