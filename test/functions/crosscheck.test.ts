/**
 * The custom functions against `ar-desk analyze --json`, run in-process: for every row of the
 * sample workbook (as of 2026-06-30) and of the IBM late-payment data (as of 2013-06-30), each
 * function applied to that row's inputs equals the JSON's field; per customer and currency,
 * the customer functions and the aging table equal the JSON's customers and totals; the KPI
 * functions equal its KPIs. Each row function is checked both ways Excel calls it: one formula
 * per cell (serial dates) and one spilled formula per column (ISO text dates). AR.EXPECTEDPAY is
 * checked against the core's expected pay dates (random ledgers and the IBM data, disputes
 * included).
 */
import fc from "fast-check";
import path from "node:path";
import type { AnalyzeJson } from "../../src/cli/json";
import { loadInputs } from "../../src/cli/shared";
import { analyze } from "../../src/core/analyze";
import { isoFromSerial, serialFromIso } from "../../src/core/dates";
import { expectedPayDates, NOT_PREDICTED } from "../../src/core/insight/expected";
import { salespersonOf, settledItems } from "../../src/core/insight/history";
import { ItemFlag, ledgerFrom, type ItemInput, type Ledger } from "../../src/core/ledger";
import { computePosition } from "../../src/core/position";
import * as f from "../../src/functions/impl";
import { importGrids } from "../../src/sheet/import";
import { analyzeJson, dataPath, describeWithData } from "../realdata/data";

type Item = AnalyzeJson["items"][number];

const serial = (iso: string): number => serialFromIso(iso) as number;
const cell = (m: unknown[][]): unknown => m[0][0];
const column = (values: unknown[]): unknown[][] => values.map((v) => [v]);
const flat = (m: unknown[][]): unknown[] => m.map((row) => row[0]);
const LEVEL_TEXT = [
  "Due: call or visit the customer",
  "Send a payment reminder",
  "Phone the customer",
  "Send a written dunning notice",
  "Visit the customer",
  "Lawyer's letter, then legal action",
];

/** The row's inputs as a user's sheet holds them. */
interface Row {
  item: Item;
  due: number;
  /** Payment term in days: due − invoice date ("" when unknown). */
  term: number | "";
}

function rowsOf(out: AnalyzeJson): Row[] {
  return out.items
    .filter((item) => item.dueDate !== null)
    .map((item) => {
      const due = serial(item.dueDate as string);
      const inv = item.invoiceDate ? serial(item.invoiceDate) : null;
      return { item, due, term: inv === null ? "" : Math.max(0, due - inv) };
    });
}

/** Per-row functions, one formula per cell: the list of disagreements. */
function checkCells(out: AnalyzeJson): string[] {
  const asOf = [[serial(out.asOf)]];
  const bad: string[] = [];
  const same = (row: Row, field: string, got: unknown, want: unknown) => {
    if (got !== want) bad.push(`${row.item.invoice} ${field}: ${String(got)} != ${String(want)}`);
  };
  for (const row of rowsOf(out)) {
    const { item, due, term } = row;
    const d = [[due]];
    const owed = [[item.outstanding]];
    same(row, "overdue", cell(f.overdue(d, owed, asOf)), item.overdue);
    same(row, "level", cell(f.level(d, owed, asOf, [[term]])), item.level);
    if (item.status === "open") {
      same(row, "daysOverdue", cell(f.daysOverdue(d, asOf)), item.daysOverdue);
      same(row, "bucket", cell(f.aging(d, asOf)), item.bucket);
      same(row, "actBy", isoFromSerial(cell(f.actBy(d, [[term]])) as number), item.actBy);
      const action = cell(f.nextAction(d, owed, asOf, [[term]], [[item.hold === "disputed"]]));
      if (item.hold === "disputed") same(row, "hold", action, "On hold: disputed");
      else if (item.overdue && item.outstanding > 0) {
        same(row, "next action", action, LEVEL_TEXT[item.level]);
      }
    }
    if (item.status === "closed" && item.settledDate !== null) {
      same(row, "daysLate", cell(f.daysLate(d, [[serial(item.settledDate)]])), item.daysLate);
    }
  }
  return bad;
}

/** Per-row functions, one spilled formula per column with ISO text dates: disagreements. */
function checkColumns(out: AnalyzeJson): string[] {
  const rows = rowsOf(out);
  const asOf = [[out.asOf]];
  const due = column(rows.map((r) => r.item.dueDate));
  const owed = column(rows.map((r) => r.item.outstanding));
  const term = column(rows.map((r) => r.term));
  const open = (r: Row) => r.item.status === "open";
  const spilled: [string, unknown[], (r: Row) => unknown, (r: Row) => boolean][] = [
    ["overdue", flat(f.overdue(due, owed, asOf)), (r) => r.item.overdue, () => true],
    ["level", flat(f.level(due, owed, asOf, term)), (r) => r.item.level, () => true],
    ["daysOverdue", flat(f.daysOverdue(due, asOf)), (r) => r.item.daysOverdue, open],
    ["bucket", flat(f.aging(due, asOf)), (r) => r.item.bucket, open],
    [
      "actBy",
      flat(f.actBy(due, term)).map((s) => isoFromSerial(s as number)),
      (r) => r.item.actBy,
      open,
    ],
  ];
  const bad: string[] = [];
  for (const [field, got, want, applies] of spilled) {
    expect(got).toHaveLength(rows.length);
    rows.forEach((r, i) => {
      if (applies(r) && got[i] !== want(r)) {
        bad.push(`${r.item.invoice} ${field} (spilled): ${String(got[i])} != ${String(want(r))}`);
      }
    });
  }
  const settled = rows.filter((r) => r.item.status === "closed" && r.item.settledDate !== null);
  const late = flat(
    f.daysLate(
      column(settled.map((r) => r.item.dueDate)),
      column(settled.map((r) => r.item.settledDate)),
    ),
  );
  settled.forEach((r, i) => {
    if (late[i] !== r.item.daysLate) bad.push(`${r.item.invoice} daysLate (spilled): ${late[i]}`);
  });
  return bad;
}

/** What a user's open-items sheet of one currency holds: open items and unapplied cash. */
function openItems(out: AnalyzeJson, currency: string | null) {
  const rows = out.items
    .filter((i) => i.status === "open" && i.currency === currency)
    .map((i) => ({
      customer: i.customer,
      due: i.dueDate as string,
      balance: i.outstanding,
      age: serial(out.asOf) - serial(i.invoiceDate ?? (i.dueDate as string)),
    }));
  for (const u of out.unapplied.filter((x) => x.currency === currency)) {
    // Unapplied cash is a negative open item aged from its payment date.
    rows.push({ customer: u.customer, due: u.date ?? out.asOf, balance: u.amount, age: 0 });
  }
  return rows;
}

/** Customer functions, the aging table and the KPIs, per currency. */
function checkCustomers(out: AnalyzeJson): void {
  const asOf = [[out.asOf]];
  for (const total of out.totals) {
    const c = total.currency;
    const rows = openItems(out, c);
    const customers = column(rows.map((r) => r.customer));
    const balances = column(rows.map((r) => r.balance));
    const dues = column(rows.map((r) => r.due));
    const entries = out.customers.filter((x) => x.currency === c);
    const who = column(entries.map((x) => x.customer));
    const limits = column(entries.map((x) => x.creditLimit ?? ""));

    expect(flat(f.outstandingOf(who, customers, balances))).toEqual(
      entries.map((x) => x.outstanding),
    );
    expect(flat(f.exposure(who, customers, balances))).toEqual(entries.map((x) => x.exposure));
    expect(flat(f.headroom(who, limits, customers, balances))).toEqual(
      entries.map((x) => x.headroom ?? ""),
    );
    expect(flat(f.overLimit(who, limits, customers, balances))).toEqual(
      entries.map((x) => x.overLimit),
    );

    const table = f.agingTable(customers, dues, balances, asOf);
    expect(table[0]).toEqual(["Customer", ...out.bucketLabels, "Total"]);
    const byCustomer = new Map(table.slice(1, -1).map((r) => [r[0], r.slice(1)]));
    for (const x of entries) {
      const want = [...out.bucketLabels.map((l) => x.buckets[l]), x.outstanding];
      expect({
        customer: x.customer,
        row: byCustomer.get(x.customer) ?? want.map(() => 0),
      }).toEqual({ customer: x.customer, row: want });
    }
    expect(byCustomer.size).toBe(new Set(rows.map((r) => r.customer)).size);
    expect(table[table.length - 1]).toEqual([
      "Total",
      ...out.bucketLabels.map((l) => total.buckets[l]),
      total.outstanding,
    ]);

    const kpi = out.kpis.find((k) => k.currency === c);
    expect(kpi).toBeDefined();
    const rate = cell(f.overdueRateOf(balances, dues, asOf)) as number;
    expect(Math.round(rate * 10000) / 10000).toBe(kpi!.overdueRate);
    const from = serial(out.asOf) - 90;
    const sales = out.items
      .filter((i) => i.currency === c && i.invoiceDate && serial(i.invoiceDate) > from)
      .filter((i) => serial(i.invoiceDate as string) <= serial(out.asOf))
      .map((i) => i.amount);
    const days = cell(f.dso([[total.outstanding]], column(sales), [[90]])) as number;
    expect(Math.round(days * 10) / 10).toBe(kpi!.dso);
    const items = rows.slice(0, rows.length - out.unapplied.filter((u) => u.currency === c).length);
    expect(
      cell(f.provision(column(items.map((r) => r.balance)), column(items.map((r) => r.age)))),
    ).toBe(kpi!.provision);
  }
}

function crossCheck(load: () => Promise<AnalyzeJson>) {
  let out: AnalyzeJson;
  beforeAll(async () => {
    out = await load();
  });

  test("has open, closed and held items to check", () => {
    const statuses = new Set(out.items.map((i) => i.status));
    expect(statuses.has("open") && statuses.has("closed")).toBe(true);
    expect(out.items.some((i) => i.level >= 3)).toBe(true);
  });

  test("row functions, one formula per cell, equal every item's fields", () => {
    expect(checkCells(out)).toEqual([]);
  });

  test("row functions spilled over columns of ISO text dates equal the same fields", () => {
    expect(checkColumns(out)).toEqual([]);
  });

  test("customer functions, the aging table and the KPIs equal the customers, totals, KPIs", () => {
    checkCustomers(out);
  });
}

describe("sample workbook, as of 2026-06-30", () => {
  const sample = path.resolve(__dirname, "../../assets/sample.xlsx");
  crossCheck(() => analyzeJson([sample, "--as-of", "2026-06-30"]));
});

const IBM = "ibm-ar-late-payments.csv";
describeWithData("IBM late-payment histories, as of 2013-06-30", [IBM], () => {
  crossCheck(() => analyzeJson([dataPath(IBM), "--as-of", "2013-06-30"]));
});

/**
 * AR.EXPECTEDPAY against the core's expected pay dates (src/core/insight, as the pane and the
 * CLI compute them), on a ledger whose columns a user would point it at: customers, due dates,
 * settled dates, salespeople and dispute flags of the history; each open item's due date,
 * customer, salesperson and hold (its promise-to-pay date while live, else TRUE if disputed).
 */
function expectedPayMatchesCore(ledger: Ledger, asOf: number): string[] {
  const a = analyze(ledger, asOf);
  const ep = expectedPayDates(a, settledItems(a));
  const it = ledger.items;
  const finalPosition = computePosition(ledger, 2958465, { applications: false });
  const rows = [...Array(it.length).keys()].filter((i) => a.items.due[i] !== 0 && it.amount[i] > 0);
  const code = (i: number) => ledger.customers[it.customer[i]].code;
  const sp = (i: number) => {
    const s = salespersonOf(a, i);
    return s < 0 ? "" : ledger.salespeople[s];
  };
  const disputed = (i: number) => (it.flags[i] & ItemFlag.disputed) !== 0;
  // A live promise comes first, then the dispute: what a user's hold column says.
  const hold = (i: number) =>
    it.promiseDate[i] >= asOf ? it.promiseDate[i] : disputed(i) || it.promiseDate[i] || "";
  const customers = column(rows.map(code));
  const dues = column(rows.map((i) => a.items.due[i]));
  // Every settlement the sheet records, before and after the as-of date: the function must
  // leave out those after it by itself.
  const settled = column(rows.map((i) => finalPosition.settled[i] || ""));
  const open = rows.filter((i) => ep.basis[i] !== NOT_PREDICTED);
  const got = flat(
    f.expectedPay(
      column(open.map((i) => a.items.due[i])),
      column(open.map(code)),
      customers,
      dues,
      settled,
      [[asOf]],
      [[false]],
      column(open.map(sp)),
      column(rows.map(sp)),
      column(open.map(hold)),
      column(rows.map(disputed)),
    ),
  );
  const bad: string[] = [];
  open.forEach((i, k) => {
    const want = ep.date[i] === 0 ? "#N/A" : ep.date[i];
    const value = got[k] instanceof f.FunctionError ? (got[k] as f.FunctionError).code : got[k];
    if (value !== want) bad.push(`${it.ref[i]}: ${String(value)} != ${String(want)}`);
  });
  return bad;
}

describe("AR.EXPECTEDPAY equals the core's expected pay dates", () => {
  test("on random ledgers (customers, salespeople, disputes, promises, due and settled dates)", () => {
    const item = fc.record({
      customer: fc.constantFrom("A", "B", "C", "D", "E"),
      salesperson: fc.constantFrom(null, "S1", "S2"),
      disputed: fc.boolean(),
      promise: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
      invoice: fc.integer({ min: 0, max: 300 }),
      term: fc.integer({ min: 0, max: 60 }),
      settled: fc.option(fc.integer({ min: -30, max: 150 }), { nil: null }),
    });
    fc.assert(
      fc.property(
        fc.array(item, { maxLength: 80 }),
        fc.integer({ min: 0, max: 350 }),
        (rows, day) => {
          const ledger = ledgerFrom(
            rows.map((r, k): ItemInput => ({
              ref: `I${k}`,
              customer: r.customer,
              salesperson: r.salesperson,
              disputed: r.disputed,
              promiseDate: r.promise === null ? null : 45000 + r.promise,
              currency: null,
              invoiceDate: 45000 + r.invoice,
              dueDate: 45000 + r.invoice + r.term,
              amount: 1000,
              settledDate:
                r.settled === null
                  ? null
                  : Math.max(45000 + r.invoice, 45000 + r.invoice + r.term + r.settled),
              source: { file: "t", sheet: null, row: k + 2 },
            })),
          );
          expect(expectedPayMatchesCore(ledger, 45000 + day)).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describeWithData("AR.EXPECTEDPAY on the IBM late-payment histories", [IBM], () => {
  test.each(["2012-09-30", "2013-06-30"])("as of %s, every open item", (iso) => {
    const { ledger } = importGrids(loadInputs([dataPath(IBM)], {}));
    expect(expectedPayMatchesCore(ledger, serial(iso))).toEqual([]);
  });
});
