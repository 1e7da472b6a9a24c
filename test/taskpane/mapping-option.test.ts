// The additive `mapping` option of importGrids (src/sheet/import.ts) and its helpers in
// headers.ts: the task pane's mapping editor passes the user's choice of columns through it.
import { serialFromIso } from "../../src/core/dates";
import type { CellValue, Grid } from "../../src/sheet/grid";
import { detectHeader, missingRequired, userColumnMap } from "../../src/sheet/headers";
import { importGrids } from "../../src/sheet/import";

const s = (iso: string) => serialFromIso(iso) as number;
const grid = (rows: CellValue[][]): Grid => ({ file: null, sheet: "AR", rows });

// "Kunde" is not a header ar-desk knows, so detection misses the customer column.
const rows: CellValue[][] = [
  ["Receivables"],
  ["Doc no", "Kunde", "Invoice date", "Due date", "Invoice amount", "Note"],
  ["A1", "Acme", s("2026-05-01"), s("2026-05-31"), 100, null],
  ["A2", "Beta", s("2026-06-01"), s("2026-07-01"), 250, "x"],
];

describe("importGrids with a user mapping", () => {
  test("without it, a sheet whose customer column is not recognised is not read", () => {
    const res = importGrids([{ grid: grid(rows) }]);
    expect(res.problems.map((p) => p.code)).toEqual(["sheet.noHeader"]);
    expect(res.ledger.items.length).toBe(0);
  });

  test("the user's columns are used instead of the detected ones", () => {
    const res = importGrids([
      {
        grid: grid(rows),
        kind: "invoices",
        mapping: {
          headerRow: 2,
          columns: { ref: 0, customer: 1, invoiceDate: 2, dueDate: 3, amount: 4 },
        },
      },
    ]);
    expect(res.problems).toEqual([]);
    expect(res.rows).toEqual({ read: 2, imported: 2, skipped: 0, rejected: 0 });
    expect(res.sheets[0].columns).toEqual({
      ref: "Doc no",
      customer: "Kunde",
      invoiceDate: "Invoice date",
      dueDate: "Due date",
      amount: "Invoice amount",
    });
    expect(res.ledger.customers.map((c) => c.code)).toEqual(["Acme", "Beta"]);
  });

  test("a detected column can be moved or dropped", () => {
    // Column F is named like a customer column, but the user says the customer is column B.
    const g = grid(rows.map((r, i) => (i === 1 ? [...r.slice(0, 5), "Customer"] : r)));
    expect(detectHeader(g)?.columns).toMatchObject({ customer: 5 });
    const res = importGrids([
      { grid: g, mapping: { columns: { ref: 0, customer: 1, invoiceDate: 2, amount: 4 } } },
    ]);
    expect(res.sheets[0]).toMatchObject({ kind: "invoices", headerRow: 2 });
    expect(res.ledger.customers.map((c) => c.code)).toEqual(["Acme", "Beta"]);
    // The due date was not chosen: due dates come from the invoice dates (no terms).
    expect(res.sheets[0].columns.dueDate).toBeUndefined();
  });

  test("without a detected header, the header row defaults to 1", () => {
    const res = importGrids([
      {
        grid: grid(rows),
        mapping: { columns: { ref: 0, customer: 1, invoiceDate: 2, amount: 4 } },
      },
    ]);
    expect(res.sheets[0]).toMatchObject({ kind: "invoices", headerRow: 1 });
    // Rows 2–4 are read: the real header row is rejected (its date is not a date).
    expect(res.rows).toEqual({ read: 3, imported: 2, skipped: 0, rejected: 1 });
  });

  test("the header row defaults to the detected one", () => {
    const g = grid([
      ["Title"],
      ["Invoice", "Customer", "Invoice date", "Amount", "Rep"],
      ["A1", "Acme", s("2026-05-01"), 100, "Li"],
    ]);
    const res = importGrids([
      { grid: g, mapping: { columns: { customer: 1, invoiceDate: 2, amount: 3 } } },
    ]);
    expect(res.sheets[0]).toMatchObject({ kind: "invoices", headerRow: 2 });
    expect(res.sheets[0].columns).toEqual({
      customer: "Customer",
      invoiceDate: "Invoice date",
      amount: "Amount",
    });
    // The salesperson column was detected but not chosen: not read.
    expect(res.ledger.salespeople).toEqual([]);
  });

  test("a mapping without a required field rejects the sheet's rows with one problem per field", () => {
    const res = importGrids([
      {
        grid: grid(rows),
        kind: "invoices",
        mapping: { headerRow: 2, columns: { ref: 0, amount: 4 } },
      },
    ]);
    expect(res.problems.map((p) => [p.code, p.params.field, p.source?.row])).toEqual([
      ["sheet.missingColumn", "customer", 2],
      ["sheet.missingColumn", "invoiceDate", 2],
    ]);
    expect(res.rows).toEqual({ read: 4, imported: 0, skipped: 0, rejected: 4 });
  });
});

describe("userColumnMap", () => {
  test("drops unknown fields and impossible columns, pads headers for blank-headed columns", () => {
    const map = userColumnMap(grid(rows), "invoices", 2, {
      customer: 1,
      amount: 7,
      bogus: 0,
      invoiceDate: -1,
      dueDate: 1.5,
    });
    expect(map.columns).toEqual({ customer: 1, amount: 7 });
    expect(map.headers).toHaveLength(8);
    expect(map.headers[7]).toBe("");
  });

  test("a customer list with only a name column uses it as the code", () => {
    const map = userColumnMap(grid([["Name", "Limit"]]), "customers", 1, {
      name: 0,
      creditLimit: 1,
    });
    expect(map.columns).toEqual({ name: 0, code: 0, creditLimit: 1 });
  });

  test("does not mutate its input", () => {
    const columns = { customer: 1 };
    userColumnMap(grid(rows), "invoices", 2, columns);
    expect(columns).toEqual({ customer: 1 });
  });
});

describe("missingRequired", () => {
  test("names the first field of each unmet requirement", () => {
    expect(missingRequired("invoices", {})).toEqual(["customer", "amount", "invoiceDate"]);
    expect(missingRequired("invoices", { customerName: 0, balance: 1, dueDate: 2 })).toEqual([]);
    expect(missingRequired("payments", { customer: 0 })).toEqual(["paymentAmount"]);
    expect(missingRequired("customers", { name: 0 })).toEqual([]);
  });
});
